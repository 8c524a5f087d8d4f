// Chrome's offscreen document: hosts the engine worker so the model stays loaded while the
// service worker comes and goes. The engine client replaces a worker that crashed or stopped
// answering (web/engine/client.js) and tells the background, which shows it in the popup.
// It answers the background's messages with `target: OFFSCREEN` (web/protocol.js): the
// engine's requests, and MSG.fault for the recovery tests.
import { engineClient, loadEngine } from './engine.js';
import { MSG, OFFSCREEN, REQUEST } from '../../web/protocol.js';

const client = engineClient(
  (stage) => chrome.runtime.sendMessage({ type: MSG.loadStage, stage }).catch(() => {}),
  ({ kind, message }) => chrome.runtime.sendMessage({ type: MSG.engineFault, kind, message }).catch(() => {}));

chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg?.target !== OFFSCREEN) return false;
  const work = msg.type === REQUEST.load
    ? loadEngine(client)
    : msg.type === MSG.fault
      ? client.injectFault(msg.kind, msg.limitMs).then(() => ({}))
      : client.request(msg);
  work.then((res) => sendResponse({ ...res, ok: true }), (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  return true;
});
