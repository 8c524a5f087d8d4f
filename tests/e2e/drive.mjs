// Browser-neutral helpers for the end-to-end tests: the same calls drive a Playwright page
// (Chromium) and a Puppeteer page (Firefox). `page.evaluate(fn, arg)`, `page.keyboard` and
// `page.mouse` mean the same in both; waiting is done here by polling.

/** Poll `fn(arg)` in the page until it returns something truthy; that value. */
export async function until(page, fn, arg, { timeout = 30_000, what = 'condition', every = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn, arg).catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The underlines drawn for the field `selector` (in the page's world): overlay underlines of a
 * form field, or CSS highlights inside a contenteditable. `{text, start?, end?, x, y}` each.
 */
export function marksIn(selector) {
  const field = document.querySelector(selector);
  if (!field) return [];
  const box = field.getBoundingClientRect();
  const inside = (x, y) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  const out = [];
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    for (const h of document.querySelectorAll('[data-emend-host]')) {
      if (h.style.display === 'none') continue;
      // Only an overlay drawn for the text the field holds now (its mirror reads the same).
      const mirror = h.shadowRoot?.querySelector('.mirror');
      if (!mirror || mirror.textContent.replace(/\u200b$/, '') !== field.value) continue;
      for (const u of h.shadowRoot?.querySelectorAll('[data-emend-start]') ?? []) {
        const r = u.getBoundingClientRect();
        const x = r.left + Math.min(r.width / 2, 3);
        const y = r.top + r.height / 2;
        if (r.width > 0 && inside(x, y)) {
          out.push({ text: u.textContent, start: Number(u.dataset.emendStart), end: Number(u.dataset.emendEnd), x, y });
        }
      }
    }
    return out;
  }
  for (const [name, hl] of CSS.highlights ?? []) {
    if (!name.startsWith('emend-')) continue;
    for (const r of hl) {
      if (!field.contains(r.commonAncestorContainer)) continue;
      const b = r.getBoundingClientRect();
      if (b.width > 0) out.push({ text: r.toString(), x: b.left + Math.min(b.width / 2, 3), y: b.top + b.height / 2 });
    }
  }
  return out;
}

/** The open card's fix button, if a card is open: its text and centre. */
export function openCard() {
  for (const h of document.querySelectorAll('[data-emend-host]')) {
    const b = h.shadowRoot?.querySelector('[role=dialog] button[data-emend-fix]');
    if (b) {
      const r = b.getBoundingClientRect();
      const buttons = [...h.shadowRoot.querySelectorAll('[role=dialog] button')].map((x) => x.textContent);
      const original = h.shadowRoot.querySelector('[role=dialog] .orig')?.textContent ?? null;
      return { replacement: b.textContent, original, x: r.left + r.width / 2, y: r.top + r.height / 2, buttons };
    }
  }
  return null;
}

/** Send a message to the extension's background from one of its own pages (`extPage`). */
export function toBackground(extPage, msg) {
  return extPage.evaluate((m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), msg);
}
