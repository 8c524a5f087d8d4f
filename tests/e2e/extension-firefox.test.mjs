// The same extension in Firefox ESR (puppeteer-core over WebDriver BiDi, installExtension):
// underlines in a textarea and a contenteditable, the card, and a one-click fix with undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, launchFirefoxWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, NEWCOMER, NEWCOMER_FIXED, TEXT, fixturesAnd } from './fixture-server.mjs';
import { readUnderlines } from './page-helpers.mjs';

const on = fixturesAnd(() => launchFirefoxWithExtension(EXTENSION_DIR));

test('Firefox: textarea underline, card and one-click fix with undo', async () => {
  const page = await on.browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(on.fx.fields);
  await page.click('#textarea');
  await page.keyboard.type(TEXT);
  await page.waitForFunction(`(${readUnderlines})().length > 0`, { timeout: 120_000 });
  const marks = await page.evaluate(`(${readUnderlines})()`);
  await page.screenshot({ path: join(ARTIFACTS, 'firefox-underlines.png') });
  const m = marks[0];
  await page.mouse.click(m.x, m.y);
  const fix = await page.waitForSelector('>>> [role=dialog] button[data-emend-fix]', { timeout: 5_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'firefox-card.png') });
  const replacement = await fix.evaluate((b) => b.textContent);
  await fix.click();
  const value = await page.$eval('#textarea', (t) => t.value);
  assert.equal(value, TEXT.slice(0, m.start) + replacement + TEXT.slice(m.end));
  await page.keyboard.down('Control');
  await page.keyboard.press('z');
  await page.keyboard.up('Control');
  assert.equal(await page.$eval('#textarea', (t) => t.value), TEXT);
  assert.deepEqual(requests.filter((u) => !u.startsWith(on.fx.base)), [], 'no request beyond the fixture server');
  await page.close();
});

test('Firefox: the newcomer sentence, every error underlined and fixed with one click each', async () => {
  const page = await on.browser.newPage();
  await page.goto(on.fx.fields);
  await page.click('#textarea');
  await page.keyboard.type(NEWCOMER);
  await page.waitForFunction(`(${readUnderlines})().length >= 3`, { timeout: 120_000 });
  const first = await page.evaluate(`(${readUnderlines})()`);
  const words = first.map((m) => NEWCOMER.slice(m.start, m.end));
  for (const w of ['go', 'buyed', 'a']) assert.ok(words.includes(w), `"${w}" is underlined: ${words}`);
  for (let clicks = 0; clicks < first.length; clicks++) {
    const marks = await page.evaluate(`(${readUnderlines})()`);
    if (marks.length === 0) break;
    await page.mouse.click(marks[0].x, marks[0].y);
    const fix = await page.waitForSelector('>>> [role=dialog] button[data-emend-fix]', { timeout: 5_000 });
    await fix.click();
    await page.waitForFunction(`(${readUnderlines})().length < ${marks.length}`, { timeout: 30_000 });
  }
  assert.equal(await page.$eval('#textarea', (t) => t.value), NEWCOMER_FIXED);
  await page.close();
});

test('Firefox: contenteditable gets emend-* highlights and the card opens on click', async () => {
  const page = await on.browser.newPage();
  await page.goto(on.fx.fields);
  await page.click('#editable');
  await page.keyboard.type(TEXT);
  // Read the highlight registry from the page's own world (content scripts cannot iterate it).
  await page.waitForFunction(() => {
    for (const [name, hl] of CSS.highlights) if (name.startsWith('emend-') && hl.size > 0) return true;
    return false;
  }, { timeout: 120_000 });
  const target = await page.evaluate(() => {
    for (const [name, hl] of CSS.highlights) {
      if (!name.startsWith('emend-')) continue;
      for (const r of hl) {
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2, text: r.toString() };
      }
    }
    return null;
  });
  assert.ok(target && TEXT.includes(target.text));
  await page.mouse.click(target.x, target.y);
  const fix = await page.waitForSelector('>>> [role=dialog] button[data-emend-fix]', { timeout: 5_000 });
  const replacement = await fix.evaluate((b) => b.textContent);
  await fix.click();
  const after = await page.$eval('#editable', (e) => e.textContent);
  assert.ok(after.includes(replacement) && after !== TEXT, after);
  await page.close();
});
