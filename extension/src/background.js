// The background: owns the model (through an offscreen document in Chrome, a worker in
// Firefox's event page), answers checks from content scripts, keeps per-tab counts and the
// status the popup shows. No network access: the model comes from the extension's own files.
//
// Checking survives faults without a reload: the engine client replaces a worker whose wasm
// panicked, died or stopped answering (web/engine/client.js); a closed offscreen document
// (Chrome may close it, and the service worker that made it may be gone) is opened again and
// the request retried once; an unloaded event page (Firefox) starts afresh at the next
// message. What happened is kept in `status.faults` and shown by the popup. The messages are
// web/protocol.js's.
import { api } from './api.js';
import { engineClient, loadEngine } from './engine.js';
import { COMMANDS, FAULT, MODEL, MSG, OFFSCREEN, REQUEST, STAGE } from '../../web/protocol.js';
import { dialectOf, levelOf, loadSettings } from './settings.js';

const status = { model: MODEL.idle, stage: null, error: null, loadMs: null, lastCheckMs: null, faults: [] };
const MAX_FAULTS = 10;
const setStage = (stage) => {
  if (status.model === MODEL.loading) status.stage = stage;
};
const counts = new Map(); // tabId -> Map(frameId -> count)
let engine = null;

/** A fault checking recovered from (or is recovering from), for the popup. */
function noteFault(kind, message) {
  status.faults.push({ kind, message: String(message).slice(0, 300), at: Date.now() });
  if (status.faults.length > MAX_FAULTS) status.faults.shift();
}

const OFFSCREEN_GONE = /Receiving end does not exist|Could not establish connection|message port closed|did not answer/;

async function startChromeOffscreen() {
  const url = api.runtime.getURL('offscreen.html');
  const existing = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (!existing?.length) {
    await api.offscreen.createDocument({ url, reasons: ['WORKERS'], justification: 'Run the grammar model off the page' });
  }
  const send = async (msg) => {
    const res = await api.runtime.sendMessage({ ...msg, target: OFFSCREEN });
    if (!res?.ok) throw new Error(res?.error ?? 'offscreen document did not answer');
    return res;
  };
  const loaded = await send({ type: REQUEST.load });
  return { request: send, loaded, gone: (e) => OFFSCREEN_GONE.test(String(e?.message ?? e)) };
}

async function startWorkerHere() {
  const client = engineClient(setStage, ({ kind, message }) => noteFault(kind, message));
  const loaded = await loadEngine(client);
  return { request: (msg) => client.request(msg), loaded, gone: () => false, client };
}

function getEngine() {
  if (!engine) {
    status.model = MODEL.loading;
    status.stage = STAGE.starting;
    engine = (api.offscreen ? startChromeOffscreen() : startWorkerHere()).then(
      (e) => {
        status.model = MODEL.ready;
        status.error = null;
        status.loadMs = e.loaded.timings?.totalMs ?? null;
        return e;
      },
      (err) => {
        status.model = MODEL.error;
        status.error = String(err?.message ?? err);
        engine = null;
        throw err;
      },
    );
  }
  return engine;
}

/** `msg` to the engine; where the offscreen document is gone, open it again and retry once. */
async function request(msg) {
  const e = await getEngine();
  try {
    return await e.request(msg);
  } catch (err) {
    if (!e.gone(err)) throw err;
    noteFault(FAULT.offscreenClosed, err.message);
    if (engine && (await engine) === e) engine = null;
    return (await getEngine()).request(msg);
  }
}

async function check(text) {
  const settings = await loadSettings();
  // The personal dictionary goes to the speller, so the model reads those words as written.
  const res = await request({ type: REQUEST.check, text, words: settings.dictionary, dialect: dialectOf(settings), level: levelOf(settings) });
  status.lastCheckMs = res.ms;
  return { ok: true, suggestions: res.result.suggestions, stats: res.result.stats, ms: res.ms };
}

/** Recovery tests only, from the extension's own pages: make the engine fail on purpose. */
async function injectFault({ kind, limitMs }) {
  const e = await getEngine();
  if (e.client) return e.client.injectFault(kind, limitMs);
  return e.request({ type: MSG.fault, kind, limitMs });
}

function setCount(sender, count) {
  const tab = sender.tab?.id;
  if (tab === undefined) return;
  if (!counts.has(tab)) counts.set(tab, new Map());
  counts.get(tab).set(sender.frameId ?? 0, count);
  const total = [...counts.get(tab).values()].reduce((a, b) => a + b, 0);
  api.action.setBadgeText({ tabId: tab, text: total ? String(total) : '' });
  api.action.setBadgeBackgroundColor?.({ tabId: tab, color: '#1a73e8' });
}

// The extension's own pages (popup, options, offscreen document); content scripts' messages
// carry the page's URL.
const fromExtensionPage = (sender) => sender.url?.startsWith(api.runtime.getURL('')) ?? false;

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.target === OFFSCREEN) return false; // for the offscreen document
  if (msg?.type === MSG.check) {
    check(msg.text).then(sendResponse, (e) => {
      status.lastError = String(e?.message ?? e);
      sendResponse({ ok: false, error: status.lastError });
    });
    return true;
  }
  if (msg?.type === MSG.loadStage) {
    setStage(msg.stage);
    return false;
  }
  if (msg?.type === MSG.engineFault && fromExtensionPage(sender)) {
    noteFault(msg.kind, msg.message); // from the offscreen document's engine client
    return false;
  }
  if (msg?.type === MSG.fault && fromExtensionPage(sender)) {
    injectFault(msg).then(() => sendResponse({ ok: true }), (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
    return true;
  }
  if (msg?.type === MSG.warm) {
    getEngine().catch(() => {}); // a failure shows in the popup's model status
    // Chrome's offscreen document outlives the service worker; Firefox's event page holds the
    // model itself, so content scripts with recent typing ping it to keep it loaded.
    sendResponse({ keepAliveMs: api.offscreen ? 0 : 20_000 });
    return false;
  }
  if (msg?.type === MSG.keepalive) return false; // receiving it resets the event page's idle timer
  if (msg?.type === MSG.count) {
    setCount(sender, msg.count);
    return false;
  }
  if (msg?.type === MSG.status) {
    const tabCounts = counts.get(msg.tabId);
    const count = tabCounts ? [...tabCounts.values()].reduce((a, b) => a + b, 0) : 0;
    if (msg.warm) getEngine().catch(() => {});
    sendResponse({ ...status, count });
    return false;
  }
  return false;
});

api.tabs.onRemoved.addListener((tabId) => counts.delete(tabId));
api.tabs.onUpdated.addListener((tabId, info) => {
  if (info.status === 'loading') counts.delete(tabId);
});
// The keyboard commands (manifest.json; the user may change their keys in the browser's shortcut
// settings) go to the active tab's content scripts; the frame whose field has the focus acts.
api.commands?.onCommand.addListener(async (command, active) => {
  if (!COMMANDS.includes(command)) return;
  const tab = active ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id !== undefined) api.tabs.sendMessage(tab.id, { type: MSG.command, command }).catch(() => {});
});
