// The unpacked extension (dist/extension) in headless Chromium, on local fixture pages:
// underlines at the right words, the card, one-click fixes that keep text, caret and undo,
// framework fields, per-site off, and no network request beyond the fixture server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launchChromiumWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, NEWCOMER, NEWCOMER_FIXED, TEXT, startFixtures } from './fixture-server.mjs';
import { countEmendHosts, readUnderlines } from './page-helpers.mjs';
import { MSG } from '../../web/protocol.js';

let fx, context;
const requests = [];

before(async () => {
  fx = await startFixtures();
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromiumWithExtension(EXTENSION_DIR);
  context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await context?.close();
  fx?.server.close();
});

async function openFixture() {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(fx.fields);
  return page;
}

async function waitForUnderlines(page) {
  await page.waitForFunction(`(${readUnderlines})().length > 0`, null, { timeout: 90_000 }).catch(async (e) => {
    await page.screenshot({ path: join(ARTIFACTS, 'chromium-no-underlines.png') });
    throw e;
  });
  return page.evaluate(readUnderlines);
}

async function fixFirstUnderline(page, selector) {
  const marks = await waitForUnderlines(page);
  const value = await page.inputValue(selector);
  for (const m of marks) assert.equal(value.slice(m.start, m.end).length, m.end - m.start);
  const m = marks[0];
  await page.mouse.click(m.x, m.y);
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ timeout: 5_000 });
  const fix = dialog.locator('button[data-emend-fix]').first();
  const replacement = await fix.textContent();
  return { m, fix, replacement, value };
}

// First in this file: the model must not have been loaded by an earlier test.
test('entering a field starts loading the model before anything is typed', async () => {
  const [worker] = context.serviceWorkers().length ? context.serviceWorkers() : [await context.waitForEvent('serviceworker')];
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  const modelStatus = () => ext.evaluate((type) => chrome.runtime.sendMessage({ type, tabId: -1 }), MSG.status);
  const page = await openFixture();
  await page.waitForTimeout(500);
  assert.equal((await modelStatus()).model, 'idle', 'an empty page loads no model');
  await page.click('#textarea');
  const seen = [];
  for (let i = 0; i < 600 && seen.at(-1)?.model !== 'ready'; i++) {
    const st = await modelStatus();
    if (st.model !== 'idle' || seen.length) seen.push(st);
    await page.waitForTimeout(100);
  }
  assert.ok(seen.length > 0 && seen[0].model !== 'idle', 'focusing the field started the load');
  for (const st of seen.filter((x) => x.model === 'loading')) {
    assert.ok(['starting', 'fetching', 'preparing'].includes(st.stage), `loading stage ${st.stage}`);
  }
  assert.equal(seen.at(-1).model, 'ready', `model status: ${JSON.stringify(seen.at(-1))}`);
  assert.equal(await page.inputValue('#textarea'), '', 'nothing was typed');
  await ext.close();
  await page.close();
});

test('textarea: underline, card, fix keeps caret and undo', async () => {
  const page = await openFixture();
  await page.click('#textarea');
  await page.keyboard.type(TEXT);
  const { m, fix, replacement, value } = await fixFirstUnderline(page, '#textarea');
  assert.equal(value, TEXT);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-textarea-card.png') });
  const caretBefore = await page.evaluate(() => document.getElementById('textarea').selectionStart);
  await fix.click();
  const expected = TEXT.slice(0, m.start) + replacement + TEXT.slice(m.end);
  assert.equal(await page.inputValue('#textarea'), expected);
  const delta = replacement.length - (m.end - m.start);
  const caret = await page.evaluate(() => document.getElementById('textarea').selectionStart);
  const expectedCaret = caretBefore >= m.end ? caretBefore + delta : caretBefore <= m.start ? caretBefore : m.start + replacement.length;
  assert.equal(caret, expectedCaret, 'caret stays with the user’s text');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#textarea'), TEXT, 'undo restores the text');
  await page.close();
});

test('the newcomer sentence: every error underlined, each fixed with one click', async () => {
  const page = await openFixture();
  await page.click('#textarea');
  await page.keyboard.type(NEWCOMER);
  const first = await waitForUnderlines(page);
  const words = first.map((m) => NEWCOMER.slice(m.start, m.end));
  for (const w of ['go', 'buyed', 'a']) assert.ok(words.includes(w), `"${w}" is underlined: ${words}`);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-newcomer.png') });
  // Click the first underline and its best fix until none is left; each click is one fix.
  for (let clicks = 0; clicks < first.length; clicks++) {
    const marks = await page.evaluate(readUnderlines);
    if (marks.length === 0) break;
    await page.mouse.click(marks[0].x, marks[0].y);
    const fix = page.locator('[role=dialog] button[data-emend-fix]').first();
    await fix.click({ timeout: 5_000 });
    await page.waitForFunction(`(${readUnderlines})().length < ${marks.length}`, null, { timeout: 30_000 });
  }
  assert.equal(await page.inputValue('#textarea'), NEWCOMER_FIXED);
  await page.close();
});

test('Add to dictionary: the word stays as written and checking goes on with it', async () => {
  const page = await openFixture();
  await page.click('#textarea');
  const text = 'We deploy it with postgres every day.';
  await page.keyboard.type(text);
  const on = (marks, word) => marks.find((m) => text.slice(m.start, m.end) === word);
  const m = on(await waitForUnderlines(page), 'postgres');
  assert.ok(m, 'the unknown word is underlined');
  await page.mouse.click(m.x, m.y);
  await page.locator('[role=dialog] button', { hasText: 'Add to dictionary' }).click({ timeout: 5_000 });
  const marked = (t, word) => `(${readUnderlines})().some((x) => ${JSON.stringify(t)}.slice(x.start, x.end) === '${word}')`;
  await page.waitForFunction(`!${marked(text, 'postgres')}`, null, { timeout: 30_000 });
  // The next check carries the dictionary to the speller; it must still find a new error.
  await page.evaluate(() => { // the card's button had the focus
    const el = document.getElementById('textarea');
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  });
  await page.keyboard.type(' She go home.');
  const full = `${text} She go home.`;
  await page.waitForFunction(marked(full, 'go'), null, { timeout: 30_000 });
  const marks = await page.evaluate(readUnderlines);
  assert.ok(!marks.some((x) => full.slice(x.start, x.end).includes('postgres')), 'the added word stays unmarked');
  assert.equal(await page.inputValue('#textarea'), full, 'the word was kept as written');
  const [worker] = context.serviceWorkers();
  assert.deepEqual(await worker.evaluate(() => chrome.storage.local.get('dictionary')), { dictionary: ['postgres'] });
  await worker.evaluate(() => chrome.storage.local.set({ dictionary: [] }));
  await page.close();
});

test('React-controlled textarea sees the fix', async () => {
  const page = await openFixture();
  await page.click('#react');
  await page.keyboard.type(TEXT);
  const { m, fix, replacement } = await fixFirstUnderline(page, '#react');
  await fix.click();
  const expected = TEXT.slice(0, m.start) + replacement + TEXT.slice(m.end);
  assert.equal(await page.inputValue('#react'), expected);
  assert.equal(await page.evaluate(() => window.reactValue), expected, 'React state follows the DOM');
  await page.close();
});

test('contenteditable and ProseMirror: highlights named emend-*, click opens the card, fix + undo', async () => {
  const page = await openFixture();
  for (const [selector, read] of [['#editable', () => document.getElementById('editable').innerText.replace(/\n$/, '')], ['#prosemirror .ProseMirror', () => window.pmText()]]) {
    await page.click(selector);
    await page.keyboard.type(TEXT);
    // Wait for a highlight inside this field (the other field's highlights exist already).
    await page.waitForFunction((sel) => {
      const field = document.querySelector(sel);
      for (const [name, hl] of CSS.highlights ?? []) {
        if (!name.startsWith('emend-')) continue;
        for (const r of hl) if (field.contains(r.commonAncestorContainer)) return true;
      }
      return false;
    }, selector, { timeout: 90_000 });
    const inThisField = await page.evaluate((sel) => {
      const field = document.querySelector(sel);
      const out = [];
      for (const [name, hl] of CSS.highlights) {
        if (!name.startsWith('emend-')) continue;
        for (const r of hl) {
          if (!field.contains(r.commonAncestorContainer)) continue;
          const b = r.getBoundingClientRect();
          out.push({ name, text: r.toString(), x: b.left + b.width / 2, y: b.top + b.height / 2 });
        }
      }
      return out;
    }, selector);
    assert.ok(inThisField.length > 0, `highlights in ${selector}`);
    const h = inThisField[0];
    assert.ok(TEXT.includes(h.text), `highlight covers typed text: ${h.text}`);
    await page.mouse.click(h.x, h.y);
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(ARTIFACTS, `chromium-${selector.slice(1, 8)}-card.png`) });
    const fix = dialog.locator('button[data-emend-fix]').first();
    const replacement = await fix.textContent();
    await fix.click();
    const after = await page.evaluate(read);
    assert.notEqual(after, TEXT);
    assert.ok(after.includes(replacement), `${after} contains ${replacement}`);
    await page.keyboard.press('Control+z');
    assert.equal(await page.evaluate(read), TEXT, `undo restores ${selector}`);
  }
  await page.close();
});

test('a very long field is checked around the caret, not all at once', async () => {
  const page = await openFixture();
  const known = 'In addition to that, i like reading books.';
  const filler = Array.from({ length: 600 }, (_, n) => `Paragraph ${n} describes the garden behind the house.`);
  const text = [known, ...filler, known].join('\n'); // ~33,000 units; the caret ends at the last line
  await page.fill('#textarea', text);
  const marks = await waitForUnderlines(page);
  const lastLine = text.lastIndexOf('\n') + 1;
  const near = marks.filter((m) => m.start >= lastLine);
  assert.ok(near.some((m) => text.slice(m.start, m.end) === 'i'), 'the error on the caret\'s line is underlined');
  for (const m of marks) assert.equal(text.slice(m.start, m.end), m.text);
  assert.ok(marks.every((m) => m.start > known.length), 'the first line, far from the caret, is not checked');
  await page.close();
});

test('opted-out and password fields are left alone', async () => {
  const page = await openFixture();
  await page.click('#optout');
  await page.keyboard.type(TEXT);
  await page.click('#password');
  await page.keyboard.type('She go to school');
  await page.click('#textarea');
  await page.keyboard.type(TEXT);
  const marks = await waitForUnderlines(page);
  // Every underline belongs to the textarea (the only overlay host is over it).
  const boxes = await page.evaluate(() => ['textarea', 'optout'].map((id) => document.getElementById(id).getBoundingClientRect().toJSON()));
  for (const m of marks) {
    assert.ok(m.y >= boxes[0].top && m.y <= boxes[0].bottom, 'underline over #textarea');
  }
  await page.close();
});

test('turning the site off removes every underline; no request leaves the fixture server', async () => {
  const page = await openFixture();
  await page.click('#textarea');
  await page.keyboard.type(TEXT);
  await waitForUnderlines(page);
  const [worker] = context.serviceWorkers();
  assert.ok(worker, 'extension service worker is running');
  await worker.evaluate(() => chrome.storage.sync.set({ sites: { '127.0.0.1': false } }));
  await page.waitForFunction(() => document.querySelectorAll('[data-emend-host]').length === 0 ||
    [...document.querySelectorAll('[data-emend-host]')].every((h) => !h.shadowRoot.querySelector('[data-emend-start]')), null, { timeout: 5_000 });
  assert.equal((await page.evaluate(readUnderlines)).length, 0);
  assert.equal(await page.evaluate(countEmendHosts) <= 1, true, 'only the (closed) card host may remain');
  await worker.evaluate(() => chrome.storage.sync.set({ sites: {} }));
  const foreign = requests.filter((u) => !u.startsWith(fx.base) && !u.startsWith('chrome-extension://'));
  assert.deepEqual(foreign, [], 'no network requests beyond the fixture server');
  await page.close();
});

test('popup reports the model as ready and offers the per-site switch', async () => {
  const [worker] = context.serviceWorkers();
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.waitForFunction(() => document.getElementById('model').textContent.startsWith('ready'), null, { timeout: 60_000 });
  assert.match(await page.textContent('#model'), /^ready/);
  assert.equal(await page.isVisible('#site'), true);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-popup.png') });
  await page.close();
});

test('options page shows the browser\'s current shortcut and saves the dictionary', async () => {
  const [worker] = context.serviceWorkers();
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.waitForFunction(() => document.getElementById('shortcut-open-suggestion')?.textContent);
  assert.equal(await page.textContent('#shortcut-open-suggestion'), 'Alt+Shift+G');
  await page.fill('#dictionary', 'Emend\nwasm\nEmend');
  await page.click('#save-dictionary');
  await page.waitForFunction(() => document.getElementById('saved').textContent === 'Saved');
  assert.deepEqual(await worker.evaluate(() => chrome.storage.local.get('dictionary')), { dictionary: ['Emend', 'wasm'] });
  await worker.evaluate(() => chrome.storage.local.set({ dictionary: [] }));
  await page.close();
});
