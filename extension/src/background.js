// The background: owns the model (through an offscreen document in Chrome, a worker in
// Firefox's event page), answers checks from content scripts, keeps per-tab counts and the
// status the popup shows. No network access: the model comes from the extension's own files.
import { EngineClient } from '../../www/engine-client.js';
import { loadSettings } from './settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const status = { model: 'idle', stage: null, error: null, loadMs: null, lastCheckMs: null };
const setStage = (stage) => {
  if (status.model === 'loading') status.stage = stage;
};
const counts = new Map(); // tabId -> Map(frameId -> count)
let engine = null;

async function startChromeOffscreen() {
  const url = api.runtime.getURL('offscreen.html');
  const existing = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (!existing?.length) {
    await api.offscreen.createDocument({ url, reasons: ['WORKERS'], justification: 'Run the grammar model off the page' });
  }
  const send = async (msg) => {
    const res = await api.runtime.sendMessage({ ...msg, target: 'offscreen' });
    if (!res?.ok) throw new Error(res?.error ?? 'offscreen document did not answer');
    return res;
  };
  const loaded = await send({ type: 'load' });
  return { request: send, loaded };
}

async function startWorkerHere() {
  const client = new EngineClient(api.runtime.getURL('engine-worker.js'), setStage);
  const loaded = await client.load(api.runtime.getURL('pkg/emend_bg.wasm'), api.runtime.getURL('model/'));
  return { request: (msg) => client.request(msg), loaded };
}

function getEngine() {
  if (!engine) {
    status.model = 'loading';
    status.stage = 'starting';
    engine = (api.offscreen ? startChromeOffscreen() : startWorkerHere()).then(
      (e) => {
        status.model = 'ready';
        status.loadMs = e.loaded.timings?.totalMs ?? null;
        return e;
      },
      (err) => {
        status.model = 'error';
        status.error = String(err?.message ?? err);
        engine = null;
        throw err;
      },
    );
  }
  return engine;
}

async function check(text) {
  const [e, { dictionary }] = await Promise.all([getEngine(), loadSettings()]);
  // The personal dictionary goes to the speller, so the model reads those words as written.
  const res = await e.request({ type: 'check', text, words: dictionary });
  status.lastCheckMs = res.ms;
  return { ok: true, suggestions: res.result.suggestions, stats: res.result.stats, ms: res.ms };
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

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.target === 'offscreen') return false; // for the offscreen document
  if (msg?.type === 'check') {
    check(msg.text).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
    return true;
  }
  if (msg?.type === 'load-stage') {
    setStage(msg.stage);
    return false;
  }
  if (msg?.type === 'warm') {
    getEngine().catch(() => {}); // a failure shows in the popup's model status
    // Chrome's offscreen document outlives the service worker; Firefox's event page holds the
    // model itself, so content scripts with recent typing ping it to keep it loaded.
    sendResponse({ keepAliveMs: api.offscreen ? 0 : 20_000 });
    return false;
  }
  if (msg?.type === 'keepalive') return false; // receiving it resets the event page's idle timer
  if (msg?.type === 'count') {
    setCount(sender, msg.count);
    return false;
  }
  if (msg?.type === 'status') {
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
api.commands?.onCommand.addListener(async (command) => {
  if (command !== 'open-suggestion') return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) api.tabs.sendMessage(tab.id, { type: 'open-suggestion' }).catch(() => {});
});
