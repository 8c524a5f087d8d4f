// Loading the model takes seconds the first time; start it when the user enters a field, so
// it is usually ready by the time the first sentence is typed. Where the model lives in the
// background page itself (Firefox's event page, unloaded after ~30 s idle), keep it loaded
// while this visible page has had typing in the last few minutes: the background answers the
// first MSG.warm with how often to send MSG.keepalive (0: never, Chrome's offscreen document
// outlives the service worker).
import { api } from '../api.js';
import { MSG } from '../../../web/protocol.js';

const KEEP_WARM_FOR_MS = 5 * 60_000;
let warmed = false;
let lastActive = 0;

/** The user typed in a field (or entered one): the page counts as in use for a while. */
export function noteActivity() {
  lastActive = Date.now();
}

/** Start loading the model, once per frame, and keep it loaded while the page is in use. */
export function warmUp() {
  noteActivity();
  if (warmed) return;
  warmed = true;
  api.runtime.sendMessage({ type: MSG.warm }).then((res) => {
    if (!res?.keepAliveMs) return;
    setInterval(() => {
      if (document.visibilityState === 'visible' && Date.now() - lastActive < KEEP_WARM_FOR_MS) {
        api.runtime.sendMessage({ type: MSG.keepalive }).catch(() => {});
      }
    }, res.keepAliveMs);
  }, () => {});
}
