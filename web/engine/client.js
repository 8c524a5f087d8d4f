// A promise-based handle on the engine worker (worker.js) that survives the worker's faults.
// The one way the demo page, the benchmark and the extension (Chrome's offscreen document,
// Firefox's event page) reach the wasm core; its messages are ../protocol.js's REQUEST.
//
// A panic in the wasm leaves the checker's Rust object borrowed for good: every later call
// fails with "recursive use of an object detected…", so one bad sentence stopped checking in
// every tab until the browser restarted. The worker reports such errors as `fatal`; the
// client then throws that worker away and the next request starts a fresh one and loads the
// model again (seconds), so checking goes on without a reload. A worker that dies or stops
// answering (killed, out of memory: no event says so) is found by a time limit per request
// and replaced the same way. A text that crashed the checker is not sent again (a crash loop
// would restart the worker at every keystroke); it fails at once with the same message.
//
// `onProgress(stage)` hears the load stages; `onFault({kind, message})` hears each fault
// recovered from (protocol.js FAULT: 'crash', the wasm panicked or threw a fatal error;
// 'stalled', no answer within the time limit; 'worker-error', the worker itself failed).
import { FAULT, INJECT, REQUEST } from '../protocol.js';

const QUARANTINE = 64; // texts remembered as crashing

export class EngineClient {
  constructor(workerUrl, onProgress = () => {}, { onFault = () => {}, checkMs = 120_000, loadMs = 180_000 } = {}) {
    this.workerUrl = workerUrl;
    this.onProgress = onProgress;
    this.onFault = onFault;
    this.limits = { check: checkMs, load: loadMs };
    this.next = 1;
    this.pending = new Map();
    this.worker = null;
    this.loaded = null; // the running worker's load promise
    this.loadArgs = null;
    this.crashed = new Set();
    this.faults = 0;
  }

  spawn() {
    const worker = new Worker(this.workerUrl, { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (worker !== this.worker) return;
      if (data.progress) {
        this.onProgress(data.progress);
        return;
      }
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      clearTimeout(p.timer);
      if (data.ok) p.resolve(data);
      else if (data.fatal) this.fault(FAULT.crash, data.error, p);
      else p.reject(new Error(data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (worker === this.worker) this.fault(FAULT.workerError, e.message || 'the worker failed');
    };
    this.worker = worker;
    this.loaded = null;
  }

  /** Throw the worker away after a fault: every request waiting on it fails with `message`. */
  fault(kind, message, first = null) {
    this.faults++;
    if (kind === FAULT.crash && first?.text !== undefined) {
      this.crashed.add(first.text);
      if (this.crashed.size > QUARANTINE) this.crashed.delete(this.crashed.values().next().value);
    }
    const waiting = [...(first ? [first] : []), ...this.pending.values()];
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
    this.loaded = null;
    const err = new Error(`the checker ${kind === FAULT.stalled ? 'stopped answering' : 'crashed'} and restarts: ${message}`);
    err.retry = kind !== FAULT.crash; // the same request may well pass on a fresh worker
    for (const p of waiting) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.onFault({ kind, message });
  }

  send(msg, limitMs) {
    if (!this.worker) this.spawn();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const p = { resolve, reject, text: msg.text };
      p.timer = setTimeout(() => {
        if (this.pending.get(id) !== p) return;
        this.pending.delete(id);
        this.fault(FAULT.stalled, `no answer to "${msg.type}" in ${Math.round(limitMs / 1000)} s`, p);
      }, limitMs);
      this.pending.set(id, p);
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** Load the model (again, after a fault: `request` does that by itself). */
  load(wasmUrl = this.loadArgs?.[0], modelBase = this.loadArgs?.[1]) {
    this.loadArgs = [String(wasmUrl), String(modelBase)];
    if (!this.worker) this.spawn();
    if (!this.loaded) {
      const loading = this.send({ type: REQUEST.load, wasmUrl: this.loadArgs[0], modelBase: this.loadArgs[1] }, this.limits.load);
      this.loaded = loading;
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = null;
      });
    }
    return this.loaded;
  }

  async request(msg) {
    if (msg.text !== undefined && this.crashed.has(msg.text)) {
      throw new Error('the checker crashed on this text before; it is not checked again');
    }
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.loadArgs) await this.load();
        return await this.send(msg, this.limits.check);
      } catch (e) {
        if (!e.retry || attempt > 0) throw e;
      }
    }
  }

  /** `settings`: the writer's `dialect` ('en-GB', ... or 'any') and the `level` of suggestions. */
  check(text, decoder = 'aggressive', settings = {}) {
    return this.request({ type: REQUEST.check, text, decoder, ...settings });
  }

  /**
   * For the recovery tests: 'panic' makes the wasm panic inside the checker; 'kill' ends the
   * worker without telling anyone (as an out-of-memory kill would). `limitMs`, if given,
   * becomes the time limit that finds a worker that stopped answering ('limit' only sets it).
   */
  async injectFault(kind, limitMs) {
    if (limitMs) this.limits.check = limitMs;
    if (kind === INJECT.kill) this.worker?.terminate();
    if (kind === INJECT.panic) await this.send({ type: REQUEST.panic }, this.limits.check).catch(() => {});
  }
}
