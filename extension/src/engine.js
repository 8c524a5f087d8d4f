// The engine as the extension ships it: the worker, the wasm and the model at the paths
// extension/build.mjs writes them to, run through the one engine client (web/engine/client.js).
// Started in Chrome's offscreen document (offscreen.js) and in Firefox's event page
// (background.js).
import { api } from './api.js';
import { EngineClient } from '../../web/engine/client.js';

/** A client for the extension's engine worker; `onProgress(stage)`, `onFault({kind, message})`. */
export function engineClient(onProgress, onFault) {
  return new EngineClient(api.runtime.getURL('engine-worker.js'), onProgress, { onFault });
}

/** Load the model from the extension's own files (again, after a fault). */
export function loadEngine(client) {
  return client.load(api.runtime.getURL('pkg/emend_bg.wasm'), api.runtime.getURL('model/'));
}
