// Chrome's offscreen document: hosts the engine worker so the model stays loaded while the
// service worker comes and goes.
import { EngineClient } from '../../www/engine-client.js';

const client = new EngineClient(chrome.runtime.getURL('engine-worker.js'),
  (stage) => chrome.runtime.sendMessage({ type: 'load-stage', stage }).catch(() => {}));
let loading = null;

chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg?.target !== 'offscreen') return false;
  const work = msg.type === 'load'
    ? (loading ??= client.load(chrome.runtime.getURL('pkg/emend_bg.wasm'), chrome.runtime.getURL('model/')))
    : client.request(msg);
  work.then((res) => sendResponse({ ...res, ok: true }), (e) => {
    if (msg.type === 'load') loading = null;
    sendResponse({ ok: false, error: String(e?.message ?? e) });
  });
  return true;
});
