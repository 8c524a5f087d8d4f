// The extension's start-up, as a user meets it: time from typing into a textarea to the
// first underline, (1) right after the browser starts (model not loaded: cold), (2) in a
// second tab (warm), (3) in a third tab after 45 s idle with the second still open, long enough for Chrome to stop the
// service worker (the offscreen document should keep the model loaded) and for Firefox to
// suspend an idle event page. Includes the content script's debounce (settings.delayMs).
// Chromium through playwright-core, Firefox ESR through puppeteer-core (WebDriver BiDi).
import { launchChromiumWithExtension, launchFirefoxWithExtension } from '../tests/e2e/browsers.mjs';
import { EXTENSION_DIR, TEXT, startFixtures } from '../tests/e2e/fixture-server.mjs';
import { readUnderlines } from '../tests/e2e/page-helpers.mjs';
import { DEFAULTS } from '../extension/src/settings.js';

const IDLE_MS = 45_000;
// A different sentence per tab, so the engine's sentence cache cannot answer the later checks;
// each has an error the shipped model corrects (a lower-case "i").
const TEXTS = [TEXT, 'After dinner, i like watching films with my brother.', 'In the evening, i usually read a book.'];

/** `newPage` opens a tab (Playwright and Puppeteer pages answer the same calls used here). */
async function timeToUnderline(newPage, url, text) {
  const page = await newPage();
  await page.goto(url);
  await page.click('#textarea'); // a user's click: the extension checks only fields the user touched
  // One expression, so that the shared underline reader travels into the page as source.
  const ms = await page.evaluate(`(async (text) => {
    const readUnderlines = ${readUnderlines};
    const field = document.querySelector('#textarea');
    const t0 = performance.now();
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    while (readUnderlines().length === 0) {
      if (performance.now() - t0 > 120000) throw new Error('no underline within 120 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    return performance.now() - t0;
  })(${JSON.stringify(text)})`);
  return { ms, page };
}

// The second tab stays open through the idle time, as a user's half-written message would.
async function coldWarmIdle(newPage, url) {
  const cold = await timeToUnderline(newPage, url, TEXTS[0]);
  await cold.page.close();
  const warm = await timeToUnderline(newPage, url, TEXTS[1]);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const afterIdle = await timeToUnderline(newPage, url, TEXTS[2]);
  await Promise.all([warm.page.close(), afterIdle.page.close()]);
  return { cold: cold.ms, warm: warm.ms, afterIdle: afterIdle.ms };
}

export async function extensionRun() {
  const fx = await startFixtures();
  const out = { debounceMs: DEFAULTS.delayMs, idleMs: IDLE_MS };
  try {
    const context = await launchChromiumWithExtension(EXTENSION_DIR);
    try {
      out.chromium = await coldWarmIdle(() => context.newPage(), fx.fields);
    } finally {
      await context.close();
    }
    const browser = await launchFirefoxWithExtension(EXTENSION_DIR);
    try {
      out.firefox = await coldWarmIdle(() => browser.newPage(), fx.fields);
      out.firefoxVersion = await browser.version();
    } finally {
      await browser.close();
    }
    return out;
  } finally {
    fx.server.close();
  }
}
