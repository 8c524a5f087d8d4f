// Every message between Emend's parts, named once, so that a sender and its receiver cannot
// drift apart on a bare string. Two conversations:
//
// The engine worker (engine/worker.js), asked by its client (engine/client.js) — in the demo
// page, the benchmark, Chrome's offscreen document or Firefox's event page:
//   in:  {id, type: REQUEST.*, ...}                       (fields per type below)
//   out: {id, ok: true, ...} | {id, ok: false, error, fatal?} | {id, progress: STAGE.*} while loading
//
// The extension's runtime messages (content script, popup, options page, offscreen document
// and background, through runtime.sendMessage and tabs.sendMessage): MSG.*. Messages for the
// offscreen document carry `target: OFFSCREEN`; they are the engine's REQUEST.* (which it
// hands to its client) and MSG.fault.

/** What the engine worker does. */
export const REQUEST = Object.freeze({
  load: 'load', //                 {wasmUrl, modelBase} -> {timings, memoryBytes}
  check: 'check', //               {text, decoder?, batch?, words?, dialect?, level?} -> {result, ms, memoryBytes}
  correctUnits: 'correctUnits', // {units, decoder, batch?} -> {result, ms, memoryBytes} (the benchmark)
  matmulGflops: 'matmulGflops', // {m, k, n, reps} -> {result} (the benchmark's compute floor)
  clearCache: 'clearCache', //     {} -> {}
  panic: 'panic', //               {} -> a fatal error (recovery tests: the wasm panics inside the checker)
});

/** The load stages the worker reports, in order ('starting' is the background's, before any). */
export const STAGE = Object.freeze({ starting: 'starting', fetching: 'fetching', preparing: 'preparing' });

/** The model's state in the background's status (MSG.status's answer, `model`). */
export const MODEL = Object.freeze({ idle: 'idle', loading: 'loading', ready: 'ready', error: 'error' });

/** Faults checking recovers from, as the engine client and the background report them. */
export const FAULT = Object.freeze({
  crash: 'crash', //                     the wasm panicked or threw a fatal error
  stalled: 'stalled', //                 no answer within the time limit
  workerError: 'worker-error', //        the worker itself failed
  offscreenClosed: 'offscreen-closed', // Chrome closed the offscreen document
});

/** What a MSG.fault asks for (recovery tests): the wasm panics, the worker is ended without a
 * word, or only `limitMs` is set (the time limit that finds a worker that stopped answering). */
export const INJECT = Object.freeze({ panic: 'panic', kill: 'kill', limit: 'limit' });

/** The extension's runtime messages, by who sends them to whom. */
export const MSG = Object.freeze({
  check: 'check', //             content -> background {text} -> {ok, suggestions, stats, ms} | {ok: false, error}
  count: 'count', //             content -> background {count}: this frame's underlines, for the badge
  warm: 'warm', //               content -> background: start loading the model -> {keepAliveMs}
  keepalive: 'keepalive', //     content -> background: resets Firefox's event page idle timer
  command: 'command', //         background -> content {command}: a keyboard command (COMMANDS)
  status: 'status', //           popup -> background {tabId, warm?} -> the model's status and the tab's count
  fault: 'fault', //             extension page -> background -> offscreen {kind, limitMs}: recovery tests only
  loadStage: 'load-stage', //    offscreen -> background {stage}
  engineFault: 'engine-fault', // offscreen -> background {kind, message}: a fault its engine client recovered from
});

/** The `target` of messages for Chrome's offscreen document (the background ignores them). */
export const OFFSCREEN = 'offscreen';

/** The keyboard commands (manifest.json `commands`), in the order the options page lists them. */
export const COMMAND = Object.freeze({ open: 'open-suggestion', next: 'next-suggestion', previous: 'previous-suggestion' });
export const COMMANDS = Object.freeze(Object.values(COMMAND));

/** Whether `msg` is a keyboard command for the content script. */
export const isCommand = (msg) => msg?.type === MSG.command && COMMANDS.includes(msg.command);
