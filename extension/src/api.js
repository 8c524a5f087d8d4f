// The WebExtension API object: Firefox's promise-based `browser`, else Chrome's `chrome`
// (Chrome's own methods return promises too under Manifest V3). Read once, when the first
// module that needs it loads.
export const api = globalThis.browser ?? globalThis.chrome;
