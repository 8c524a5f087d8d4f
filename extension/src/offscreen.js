// Chrome's offscreen document: hosts the engine worker so the model stays loaded while the
// service worker comes and goes. The engine client replaces a worker that crashed or stopped
// answering (www/engine-client.js) and tells the background, which shows it in the popup.
import { EngineClient } from '../../www/engine-client.js';

const client = new EngineClient(chrome.runtime.getURL('engine-worker.js'),
  (stage) => chrome.runtime.sendMessage({ type: 'load-stage', stage }).catch(() => {}),
  { onFault: ({ kind, message }) => chrome.runtime.sendMessage({ type: 'engine-fault', kind, message }).catch(() => {}) });

chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg?.target !== 'offscreen') return false;
  const work = msg.type === 'load'
    ? client.load(chrome.runtime.getURL('pkg/emend_bg.wasm'), chrome.runtime.getURL('model/'))
    : msg.type === 'fault'
      ? client.injectFault(msg.kind, msg.limitMs).then(() => ({}))
      : client.request(msg);
  work.then((res) => sendResponse({ ...res, ok: true }), (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  return true;
});
