// In-page probes shared by the end-to-end tests; they read the test contract, not internals.

/** Underline elements inside every [data-emend-host] shadow root: {start, end, category, text, x, y}. */
export function readUnderlines() {
  return [...document.querySelectorAll('[data-emend-host]')].flatMap((h) =>
    [...(h.shadowRoot?.querySelectorAll('[data-emend-start]') ?? [])].map((u) => {
      const r = u.getBoundingClientRect();
      return {
        start: Number(u.dataset.emendStart), end: Number(u.dataset.emendEnd), category: u.dataset.emendCategory,
        text: u.textContent, x: r.left + r.width / 2, y: r.top + r.height / 2,
      };
    }));
}

export function countEmendHosts() {
  return document.querySelectorAll('[data-emend-host]').length;
}
