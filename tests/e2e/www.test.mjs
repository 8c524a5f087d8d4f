// The demo page in headless Chromium: the real wasm and model in a worker, underlines in the
// overlay (test contract: data-emend-host, data-emend-start/end/category, role=dialog card,
// button[data-emend-fix]), applying a fix keeps text, caret and undo; no request leaves 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ARTIFACTS, launchChromium } from './browsers.mjs';
import { TEXT } from './fixture-server.mjs';
import { readUnderlines } from './page-helpers.mjs';

let server, browser, base;

before(async () => {
  server = await startServer(0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openDemo() {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${base}/www/`);
  await page.waitForFunction(() => document.getElementById('status').dataset.state, null, { timeout: 60_000 });
  assert.equal(await page.getAttribute('#status', 'data-state'), 'ready', await page.textContent('#status'));
  return { page, requests };
}

test('typed errors get underlined and one click fixes them, keeping caret and undo', async () => {
  const { page, requests } = await openDemo();
  await page.fill('#editor', '');
  await page.click('#editor');
  await page.keyboard.type(TEXT);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-emend-host]')]
    .some((h) => h.shadowRoot.querySelector('[data-emend-start]')), null, { timeout: 30_000 });
  const marks = await page.evaluate(readUnderlines);
  assert.ok(marks.length >= 1);
  for (const m of marks) {
    assert.equal(TEXT.slice(m.start, m.end), m.text, 'underline sits on its words');
    assert.ok(m.category);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'www-underlines.png') });

  // Caret in the middle of the text, then open the first underline's card.
  const caret = TEXT.indexOf('yesterday');
  await page.evaluate((c) => document.getElementById('editor').setSelectionRange(c, c), caret);
  const first = marks[0];
  const host = await page.evaluateHandle(() => [...document.querySelectorAll('[data-emend-host]')]
    .find((h) => h.shadowRoot.querySelector('[data-emend-start]')));
  const u = await host.evaluateHandle((h) => h.shadowRoot.querySelector('[data-emend-start]'));
  await u.asElement().click();
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'www-card.png') });
  const fix = dialog.locator('button[data-emend-fix]').first();
  const replacement = await fix.textContent();
  await fix.click();

  const expected = TEXT.slice(0, first.start) + replacement + TEXT.slice(first.end);
  assert.equal(await page.inputValue('#editor'), expected);
  const delta = replacement.length - (first.end - first.start);
  // Caret after the fix: shifted if the fix was before it, at the fix's end if it was inside.
  const expectedCaret = caret >= first.end ? caret + delta : caret <= first.start ? caret : first.start + replacement.length;
  const sel = await page.evaluate(() => [document.getElementById('editor').selectionStart, document.getElementById('editor').selectionEnd]);
  assert.deepEqual(sel, [expectedCaret, expectedCaret], 'caret stays where the user left it');

  // The page's own undo brings the original text back.
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#editor'), TEXT);

  const foreign = requests.filter((u) => !u.startsWith(base));
  assert.deepEqual(foreign, [], 'no request leaves the local server');
  await page.close();
});

test('greedy and aggressive decoders give the same suggestions on the page', async () => {
  const { page } = await openDemo();
  const results = await page.evaluate(async (text) => {
    const { EngineClient } = await import('/web/engine/client.js');
    const { REQUEST } = await import('/web/protocol.js');
    const e = new EngineClient('/web/engine/worker.js');
    await e.load(new URL('/web/engine/pkg/emend_bg.wasm', location.href), new URL('/model/', location.href));
    const a = await e.check(text, 'aggressive');
    await e.request({ type: REQUEST.clearCache });
    const g = await e.check(text, 'greedy');
    return [a.result.suggestions, g.result.suggestions];
  }, TEXT);
  assert.deepEqual(results[0], results[1]);
  await page.close();
});
