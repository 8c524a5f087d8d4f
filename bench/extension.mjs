// The extension's start-up, as a user meets it: time from typing into a textarea to the
// first underline, (1) right after the browser starts (model not loaded: cold), (2) in a
// second tab (warm), (3) in a third tab after 45 s idle, long enough for Chrome to stop the
// service worker (the offscreen document should keep the model loaded). Includes the
// content script's debounce (settings.delayMs).
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, freshProfileDir } from '../tests/e2e/browsers.mjs';
import { EXTENSION_DIR, TEXT, startFixtures } from '../tests/e2e/fixture-server.mjs';
import { readUnderlines } from '../tests/e2e/page-helpers.mjs';
import { DEFAULTS } from '../extension/src/settings.js';

const IDLE_MS = 45_000;
// A different sentence per tab, so the engine's sentence cache cannot answer the later checks;
// each has an error the shipped model corrects (a lower-case "i").
const TEXTS = [TEXT, 'After dinner, i like watching films with my brother.', 'In the evening, i usually read a book.'];

async function timeToUnderline(context, url, text) {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#textarea').focus();
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
  await page.close();
  return ms;
}

export async function extensionRun() {
  const fx = await startFixtures();
  const context = await chromium.launchPersistentContext(freshProfileDir(), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, '--headless=new', `--load-extension=${EXTENSION_DIR}`, `--disable-extensions-except=${EXTENSION_DIR}`],
  });
  try {
    const cold = await timeToUnderline(context, fx.fields, TEXTS[0]);
    const warm = await timeToUnderline(context, fx.fields, TEXTS[1]);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const afterIdle = await timeToUnderline(context, fx.fields, TEXTS[2]);
    return { cold, warm, afterIdle, debounceMs: DEFAULTS.delayMs, idleMs: IDLE_MS };
  } finally {
    await context.close();
    fx.server.close();
  }
}
