// Trust, in both browsers with the extension: a page cannot press the extension's buttons or
// have fields checked that the user never touched; a fix never lands on text the page changed
// after the check; the personal dictionary grows past one sync item; checking comes back after
// a wasm panic and a killed worker; randomized concurrent edits in a textarea, a React field
// and ProseMirror lose no character. Registered by hardening-chromium.test.mjs and
// hardening-firefox.test.mjs, which launch the browser and say what differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS } from './browsers.mjs';
import { NEWCOMER } from './fixture-server.mjs';
import { openCard, sleep, toBackground, until } from './drive.mjs';
import { installProbes, runConcurrentEdits } from './concurrent-edits.mjs';
import { INJECT, MSG } from '../../web/protocol.js';

const STEPS = Number(process.env.EMEND_CONCURRENT_STEPS ?? 500);

const valueOf = (page, id) => page.evaluate((i) => document.getElementById(i).value, id);

/**
 * @param {{name: string, fields: () => string, context: () => {newPage(): Promise<object>, ext?: object},
 *          hasExtPage: boolean, restartModel?: () => Promise<void>}} b
 *   `context()` gives the launched browser's page maker and, where the driver can open one
 *   (`hasExtPage`; Firefox's WebDriver BiDi refuses moz-extension:// pages), an open
 *   extension page (options.html) to read storage and inject faults through;
 *   `restartModel` is the browser's own way of losing the model (Chrome: close the offscreen document).
 */
export function hardeningTests(b) {
  const name = b.name;
  async function openFixture() {
    const page = await b.context().newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(b.fields());
    await installProbes(page);
    return page;
  }
  const ext = () => b.context().ext;
  const storage = (area, key) => ext().evaluate(([a, k]) => (globalThis.browser ?? globalThis.chrome).storage[a].get(k), [area, key]);
  const setStorage = (area, items) => ext().evaluate(([a, i]) => (globalThis.browser ?? globalThis.chrome).storage[a].set(i), [area, items]);
  const status = () => toBackground(ext(), { type: MSG.status, tabId: -1 });

  async function typeAndWait(page, selector, text, word) {
    await page.click(selector);
    await page.keyboard.type(text);
    return until(page, ([sel, w]) => marksInPage(sel).find((m) => m.text === w), [selector, word], { timeout: 120_000, what: `"${word}" underlined` });
  }

  test(`${name}: a page cannot press the card's buttons, open it, or have untouched fields checked`, async () => {
    const page = await openFixture();
    const a = await typeAndWait(page, '#textarea', `${NEWCOMER} We deploy it with postgres.`, 'postgres');
    // The page's script clicks every underline: no card opens.
    await page.evaluate(() => {
      for (const h of document.querySelectorAll('[data-emend-host]')) h.shadowRoot.querySelectorAll('[data-emend-start]').forEach((u) => u.click());
    });
    await sleep(300);
    assert.equal(await page.evaluate(openCard), null, 'a scripted click opened no card');
    // The user opens it; the page's script presses every button in it.
    await page.mouse.click(a.x, a.y);
    const card = await until(page, openCard, null, { what: 'the card' });
    assert.ok(card.buttons.includes('Add to dictionary'), card.buttons.join());
    await page.evaluate(() => {
      for (const h of document.querySelectorAll('[data-emend-host]')) h.shadowRoot.querySelectorAll('[role=dialog] button').forEach((b) => b.click());
    });
    await sleep(300);
    const typed = `${NEWCOMER} We deploy it with postgres.`;
    assert.equal(await valueOf(page, 'textarea'), typed, 'no fix was applied');
    if (b.context().ext) {
      assert.deepEqual(await storage('local', 'dictionary'), {}, 'no word was added');
      assert.deepEqual(await storage('sync', 'disabledCategories'), {}, 'no category was turned off');
    }
    assert.ok(await page.evaluate(openCard), 'the card is still open for the user');
    await page.keyboard.press('Escape');
    // Checked again (a key at the end): the word is still unknown and its category still on.
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await sleep(1_500);
    await until(page, () => marksInPage('#textarea').some((m) => m.text === 'postgres'), null, { what: '"postgres" still underlined' });
    assert.equal(await valueOf(page, 'textarea'), `${typed} `);
    // Fields the user never touched are not checked, whatever the page does to them with script.
    await page.evaluate(() => {
      for (const id of ['prefilled', 'hidden']) {
        const el = document.getElementById(id);
        el.focus();
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
        el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
        el.value += ' She go home.';
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }
    });
    await sleep(2_000); // a check of a loaded model takes well under a second
    assert.deepEqual(await page.evaluate(() => marksInPage('#prefilled')), [], 'the pre-filled field was not checked');
    const hosts = await page.evaluate(() => document.querySelectorAll('emend-overlay').length);
    assert.equal(hosts, 1, 'only the field the user typed in has an overlay');
    // The same field, once the user clicks into it, is checked: the test above could fail.
    await page.click('#prefilled');
    await until(page, () => marksInPage('#prefilled').length > 0, null, { timeout: 30_000, what: 'underlines in #prefilled after a click' });
    await page.close();
  });

  test(`${name}: a single-line text input is checked like a textarea`, async () => {
    // Firefox reads the `spellcheck` property of every <input> as false (it spellchecks
    // multi-line fields only); that once counted as the page opting out.
    const page = await openFixture();
    const m = await typeAndWait(page, '#input', NEWCOMER, 'buyed');
    await page.mouse.click(m.x, m.y);
    const card = await until(page, openCard, null, { what: 'the card' });
    await page.mouse.click(card.x, card.y);
    assert.equal(await valueOf(page, 'input'), NEWCOMER.replace('buyed', card.replacement));
    await page.close();
  });

  test(`${name}: a stale fix is never written over text the page changed after the check`, async () => {
    for (const [how, change] of [
      ['prefix, no input event', (el) => { el.value = `Then ${el.value}`; }],
      ['prefix, input event', (el) => { el.value = `Today ${el.value}`; el.dispatchEvent(new Event('input', { bubbles: true })); }],
      ['the word itself', (el) => { el.value = el.value.replace('a apple', 'the apple'); }],
    ]) {
      const page = await openFixture();
      const m = await typeAndWait(page, '#textarea', NEWCOMER, 'a');
      await page.mouse.click(m.x, m.y);
      const card = await until(page, openCard, null, { what: 'the card' });
      assert.equal(card.replacement, 'an');
      await page.evaluate(`(${change})(document.getElementById('textarea'))`);
      const changed = await valueOf(page, 'textarea');
      await page.mouse.click(card.x, card.y);
      const after = await valueOf(page, 'textarea');
      if (how === 'the word itself') {
        assert.equal(after, changed, 'nothing written where the word is gone');
      } else {
        assert.equal(after, changed.replace('buyed a apple', 'buyed an apple'), how);
      }
      await page.close();
    }
  });

  const needsExt = { skip: b.hasExtPage ? false : 'this browser\'s driver cannot open extension pages' };
  test(`${name}: the personal dictionary grows past what one storage.sync item holds`, needsExt, async () => {
    const words = Array.from({ length: 2000 }, (_, i) => `emendword${i}`);
    await ext().evaluate((w) => {
      document.getElementById('dictionary').value = w;
    }, words.join('\n'));
    await ext().click('#save-dictionary');
    await until(ext(), () => document.getElementById('saved').textContent === 'Saved', null, { what: 'Saved' });
    assert.equal((await storage('local', 'dictionary')).dictionary.length, 2000);
    assert.deepEqual(await storage('sync', 'dictionary'), {});
    await setStorage('local', { dictionary: [] });
    // A dictionary an older version kept in storage.sync moves to local storage, every word kept.
    await setStorage('sync', { dictionary: ['postgres', 'Emend'] });
    await ext().reload();
    await until(ext(), () => document.getElementById('dictionary').value === 'postgres\nEmend', null, { what: 'the dictionary shown' });
    assert.deepEqual(await storage('local', 'dictionary'), { dictionary: ['postgres', 'Emend'] });
    assert.deepEqual(await storage('sync', 'dictionary'), {});
    await setStorage('local', { dictionary: [] });
  });

  test(`${name}: checking comes back after a wasm panic, a killed worker (and a closed offscreen document)`, needsExt, async () => {
    const page = await openFixture();
    await typeAndWait(page, '#textarea', 'She go to school.', 'go');
    // A new misspelling each round, so that no cached result can answer the check.
    const rounds = [[' I definately agree.', 'definately'], [' We recieve letters.', 'recieve'], [' They seperate them.', 'seperate']];
    const typeNewError = async () => {
      const [sentence, word] = rounds.shift();
      await page.keyboard.type(sentence);
      await until(page, (w) => marksInPage('#textarea').some((m) => m.text === w), word, { timeout: 90_000, what: `"${word}" underlined after recovery` });
    };
    // 1. A panic inside the wasm: the checker object is poisoned; the next check must still work.
    assert.deepEqual(await toBackground(ext(), { type: MSG.fault, kind: INJECT.panic }), { ok: true });
    await typeNewError();
    // 2. The worker killed behind the client's back, found by a short time limit.
    await toBackground(ext(), { type: MSG.fault, kind: INJECT.kill, limitMs: 3_000 });
    await typeNewError();
    await toBackground(ext(), { type: MSG.fault, kind: INJECT.limit, limitMs: 120_000 });
    // 3. The browser's own way of losing the model (Chrome: the offscreen document closed).
    if (b.restartModel) {
      await b.restartModel();
      await typeNewError();
    }
    const st = await status();
    const kinds = st.faults.map((f) => f.kind);
    for (const k of ['crash', 'stalled', ...(b.restartModel ? ['offscreen-closed'] : [])]) {
      assert.ok(kinds.includes(k), `the popup's status records a ${k}: ${kinds}`);
    }
    // The popup says what happened.
    const popup = await b.context().newPage();
    await popup.goto(ext().url().replace('options.html', 'popup.html'));
    const said = await until(popup, () => {
      const t = document.getElementById('faults').textContent;
      return t !== 'nothing' && t;
    }, null, { what: 'the popup\'s fault line' });
    assert.match(said, /restarted|opened again/);
    await popup.screenshot({ path: join(ARTIFACTS, `${name}-popup-recovered.png`) });
    await popup.close();
    await page.close();
  });

  test(`${name}: a 100 KB field: typing stays in the field and the sentence at the caret gets its underline`, async () => {
    const page = await openFixture();
    const filler = Array.from({ length: 1700 }, (_, n) => `Paragraph ${n} describes the garden behind the old house.`).join('\n');
    await page.click('#textarea');
    await page.evaluate((t) => {
      const el = document.getElementById('textarea');
      el.value = t;
      el.setSelectionRange(t.length, t.length);
    }, `${filler}\n`);
    await page.keyboard.type('She go to school yesterday.');
    await until(page, () => marksInPage('#textarea').some((m) => m.text === 'go'), null, { timeout: 60_000, what: 'the caret\'s sentence underlined' });
    assert.equal(await page.evaluate(() => document.getElementById('textarea').value.length), filler.length + 1 + 27);
    await page.close();
  });

  for (const kind of ['textarea', 'react', 'prosemirror']) {
    test(`${name}: randomized concurrent edits in a ${kind}: no character lost, duplicated or misplaced`, async () => {
      if (b.hasExtPage) await setStorage('sync', { delayMs: 100 });
      const page = await openFixture();
      const figures = await runConcurrentEdits(page, kind, { steps: STEPS, seed: 11 + kind.length });
      console.log(`concurrent edits (${name}): ${JSON.stringify(figures)}`);
      assert.equal(figures.steps, STEPS);
      assert.ok(figures.fixesApplied > 0 && figures.pageChanges > 0, JSON.stringify(figures));
      if (kind === 'react') assert.equal(await page.evaluate(() => window.reactValue), await valueOf(page, 'react'));
      await page.close();
      if (b.hasExtPage) await ext().evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.sync.remove('delayMs'));
    });
  }
}
