// Keyboard and screen-reader use of the extension, in both browsers (registered by
// a11y-chromium.test.mjs and a11y-firefox.test.mjs, which say how their browser presses a
// command's keys):
//   - keyboard only, in a textarea and a contenteditable: next/previous suggestion from the
//     caret, the card takes the focus on its fix, Tab and Shift+Tab go round its buttons, Enter
//     applies the fix (text, caret and one undo as a click gives), Escape closes it and gives the
//     focus and the caret back where they were (the next key typed lands there);
//   - the card as a screen reader reads it: role, name, the reason as its description, what the
//     fix button does, a polite status; a page's script still cannot press it;
//   - colours: on a dark page the underlines drawn have at least 3:1 on the page's background
//     and the card is dark with text at least 4.5:1; on a light page a light card; screenshots
//     `<browser>-card-light.png` and `<browser>-card-dark.png`;
//   - the options page lists every shortcut as the browser has it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './browsers.mjs';
import { NEWCOMER } from './fixture-server.mjs';
import { until } from './drive.mjs';
import { installProbes } from './concurrent-edits.mjs';
import { contrastRatio, isDark } from '../../web/ui/contrast.js';
import { GROUPS } from '../../web/ui/categories.js';

const MANIFEST = JSON.parse(readFileSync(new URL('../../extension/manifest.json', import.meta.url), 'utf8'));
/** Each command's suggested keys, from the manifest: {name: {keys: 'Alt+Shift+J', description}}. */
export const SHORTCUTS = Object.fromEntries(Object.entries(MANIFEST.commands).map(([name, c]) => [name, { keys: c.suggested_key.default, description: c.description }]));

/** In the page: the card as the DOM gives it to assistive technology, and the focus. */
function cardState() {
  const field = document.activeElement?.id || document.activeElement?.localName || null;
  const root = document.querySelector('emend-card')?.shadowRoot;
  const status = root?.querySelector('[role=status]');
  const d = root?.querySelector('[role=dialog]');
  const base = { field, status: status?.textContent ?? null, live: status?.getAttribute('aria-live') ?? null };
  if (!d) return { ...base, open: false };
  const fix = d.querySelector('button[data-emend-fix]');
  const describedBy = d.getAttribute('aria-describedby');
  const cs = getComputedStyle(d);
  return {
    ...base,
    open: true,
    role: d.getAttribute('role'),
    label: d.getAttribute('aria-label'),
    description: describedBy ? root.getElementById(describedBy)?.textContent ?? null : null,
    reason: d.querySelector('.msg')?.textContent,
    original: d.querySelector('.orig')?.textContent,
    replacement: fix.textContent,
    fixLabel: fix.getAttribute('aria-label'),
    buttons: [...d.querySelectorAll('button')].map((b) => b.textContent),
    focused: root.activeElement?.textContent ?? null,
    colors: {
      bg: cs.backgroundColor, text: cs.color, category: getComputedStyle(d.querySelector('.cat')).color,
      fixBg: getComputedStyle(fix).backgroundColor, fixText: getComputedStyle(fix).color,
    },
  };
}

/** In the page: the field's text as a person reads it, and its caret (a text offset). */
function fieldState(sel) {
  const el = document.querySelector(sel);
  if (el instanceof HTMLTextAreaElement) return { text: el.value, caret: [el.selectionStart, el.selectionEnd] };
  const s = getSelection();
  let caret = null;
  if (s.rangeCount && el.contains(s.anchorNode)) {
    const r = document.createRange();
    r.setStart(el, 0);
    r.setEnd(s.anchorNode, s.anchorOffset);
    const start = r.toString().length;
    r.setEnd(s.focusNode, s.focusOffset);
    caret = [start, r.toString().length];
  }
  return { text: el.textContent.replace(/\u00a0/g, ' '), caret };
}

/** In the page: the highlight names over text of `sel` and the colour each is drawn in. */
function highlightColors(sel) {
  const el = document.querySelector(sel);
  const out = {};
  for (const [name, hl] of CSS.highlights) {
    if (name.startsWith('emend-') && [...hl].some((r) => el.contains(r.commonAncestorContainer))) {
      out[name] = getComputedStyle(el, `::highlight(${name})`).textDecorationColor;
    }
  }
  return out;
}

/** In the page: the colours of the form-field underlines drawn over `sel`. */
function underlineColors(sel) {
  const field = document.querySelector(sel);
  return [...document.querySelectorAll('emend-overlay')]
    .filter((h) => h.shadowRoot.querySelector('.mirror')?.textContent.replace(/\u200b$/, '') === field.value)
    .flatMap((h) => [...h.shadowRoot.querySelectorAll('[data-emend-start]')].map((u) => getComputedStyle(u).borderBottomColor));
}

/**
 * @param {{name: string, on: {fx, browser}, command(page, modifiers, key): Promise<void>,
 *          axTree?(page): Promise<object[]>, optionsPage(): Promise<object>}} b
 *   `command` presses the keys of the extension's command `name` (SHORTCUTS) so that the
 *   browser's own shortcut handling gets them; `axTree` gives the browser's accessibility tree
 *   where the driver can read it; `optionsPage` opens the extension's options page.
 */
export function a11yTests(b) {
  const { name } = b;
  const chord = async (page, mod, key) => {
    await page.keyboard.down(mod);
    await page.keyboard.press(key);
    await page.keyboard.up(mod);
  };
  const card = (page) => page.evaluate(cardState);
  const field = (page, sel) => page.evaluate(fieldState, sel);
  /** Press `command`'s keys; wait for the card on `word` with the focus on its fix. */
  async function go(page, command, word) {
    // The command's keys as the manifest suggests them ("Alt+Shift+K"): modifiers, then the key.
    const modifiers = SHORTCUTS[command].keys.split('+');
    const key = modifiers.pop();
    await b.command(page, modifiers, key);
    return until(page, (w) => {
      const c = window.cardState();
      return c.open && c.original === w && c.focused === c.replacement && c;
    }, word, { timeout: 10_000, what: `${command}: the card on "${word}" with the focus on its fix` });
  }
  // The card opened from the keyboard on the page, dark or light as the page is; its screenshot.
  async function cardShown(page, dark) {
    assertCard(await go(page, 'previous-suggestion', 'a'), dark, dark ? 'dark page' : 'light page');
    await page.screenshot({ path: join(ARTIFACTS, `${name}-card-${dark ? 'dark' : 'light'}.png`) });
    await page.keyboard.press('Escape');
  }
  async function open(url) {
    const page = await b.on.browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(url);
    await installProbes(page);
    await page.evaluate(`window.cardState = ${cardState}; window.fieldState = ${fieldState}; 0`);
    await page.bringToFront();
    return page;
  }
  async function typeNewcomer(page, sel) {
    await page.click(sel);
    await page.keyboard.type(NEWCOMER);
    await until(page, (s) => ['go', 'buyed', 'a'].every((w) => marksInPage(s).some((m) => m.text === w)), sel,
      { timeout: 120_000, what: `"go", "buyed" and "a" underlined in ${sel}` });
  }

  for (const [kind, sel] of [['textarea', '#textarea'], ['contenteditable', '#editable']]) {
    test(`${name}: keyboard only in a ${kind}: next/previous, Tab round the card, Enter applies, one undo, Escape gives the caret back`, async () => {
      const page = await open(b.on.fx.fields);
      try {
        await typeNewcomer(page, sel);
        const end = NEWCOMER.length;
        assert.deepEqual((await field(page, sel)).caret, [end, end]);
        // The caret is at the end: previous is the last suggestion, then the one before.
        await go(page, 'previous-suggestion', 'a');
        await until(page, () => window.cardState().status === 'Suggestion 3 of 3', null, { what: 'the status "Suggestion 3 of 3"' });
        await go(page, 'previous-suggestion', 'buyed');
        await go(page, 'next-suggestion', 'a');
        const c = await go(page, 'previous-suggestion', 'buyed');
        assert.equal(c.field, 'emend-card', 'the focus is in the card');
        // Tab goes round the card's buttons, never out of it.
        await page.keyboard.press('Tab');
        assert.equal((await card(page)).focused, 'Ignore');
        await chord(page, 'Shift', 'Tab');
        assert.equal((await card(page)).focused, c.replacement);
        await chord(page, 'Shift', 'Tab');
        assert.equal((await card(page)).focused, c.buttons.at(-1), 'Shift+Tab from the first button: the last');
        await page.keyboard.press('Tab');
        assert.equal((await card(page)).focused, c.replacement, 'Tab from the last button: the first');
        // Enter presses the fix: the text as a click gives it, the caret where the user left it.
        await page.keyboard.press('Enter');
        const fixed = NEWCOMER.replace('buyed', c.replacement);
        const caret = end + c.replacement.length - 'buyed'.length;
        const after = await until(page, ([s, t, at]) => {
          const f = window.fieldState(s);
          return f.text === t && f.caret?.[0] === at && document.activeElement === document.querySelector(s) && f;
        }, [sel, fixed, caret], { timeout: 10_000, what: 'the fix, the caret kept and the focus back in the field' }).catch(() => null);
        const now = await field(page, sel);
        assert.ok(after, `after Enter: ${JSON.stringify(now)}, focus on ${(await card(page)).field}`);
        assert.deepEqual(now, { text: fixed, caret: [caret, caret] });
        assert.equal((await card(page)).open, false, 'the card closed');
        // One undo gives the text back.
        await chord(page, 'Control', 'z');
        await until(page, ([s, t]) => window.fieldState(s).text === t, [sel, NEWCOMER], { timeout: 5_000, what: 'one undo' }).catch(() => {});
        assert.equal((await field(page, sel)).text, NEWCOMER, 'one undo restores the text');
        // Escape gives the focus and the caret back where they were: after "school".
        await chord(page, 'Control', 'Home');
        const at = 'She go to school'.length;
        for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
        assert.deepEqual((await field(page, sel)).caret, [at, at]);
        await until(page, (s) => marksInPage(s).some((m) => m.text === 'buyed'), sel, { timeout: 60_000, what: '"buyed" underlined again' });
        await go(page, 'next-suggestion', 'buyed'); // the first after the caret
        await page.keyboard.press('Escape');
        const back = await until(page, (s) => !window.cardState().open && document.activeElement === document.querySelector(s), sel,
          { timeout: 5_000, what: 'the card closed and the focus back in the field' });
        assert.ok(back);
        assert.deepEqual((await field(page, sel)).caret, [at, at], 'the caret is where it was');
        await page.keyboard.type('!');
        assert.equal((await field(page, sel)).text, `${NEWCOMER.slice(0, at)}!${NEWCOMER.slice(at)}`, 'the next key lands there');
      } finally {
        await page.close();
      }
    });
  }

  test(`${name}: the card is a named dialog, described by its reason, and its fix says what it does`, async () => {
    const page = await open(b.on.fx.fields);
    try {
      await typeNewcomer(page, '#textarea');
      const c = await go(page, 'previous-suggestion', 'a');
      await go(page, 'previous-suggestion', 'buyed');
      const s = await until(page, () => window.cardState().status === 'Suggestion 2 of 3' && window.cardState(), null, { what: 'the status' });
      assert.equal(s.role, 'dialog');
      assert.match(s.label, /^[A-Z][a-z /]+: ‘buyed’$/, 'named by its category and the words');
      assert.ok(s.reason.length > 3, `a reason: ${s.reason}`);
      assert.equal(s.description, s.reason, 'described by the reason');
      assert.equal(s.fixLabel, `Replace ‘buyed’ with ‘${s.replacement}’`);
      assert.equal(s.live, 'polite');
      assert.equal(c.fixLabel, `Replace ‘a’ with ‘${c.replacement}’`);
      if (b.axTree) {
        // The browser's own accessibility tree: what a screen reader is given.
        const nodes = await b.axTree(page);
        const dialog = nodes.find((n) => n.role === 'dialog');
        assert.deepEqual(dialog && { name: dialog.name, description: dialog.description }, { name: s.label, description: s.reason });
        assert.ok(nodes.some((n) => n.role === 'button' && n.name === s.fixLabel && n.focused), 'the focused button named for what it does');
      }
      // The page's script can focus and "press" the fix: nothing happens.
      await page.evaluate(() => {
        const fix = document.querySelector('emend-card').shadowRoot.querySelector('[data-emend-fix]');
        fix.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        fix.dispatchEvent(new KeyboardEvent('keyup', { key: ' ', bubbles: true, composed: true }));
        fix.click();
      });
      assert.equal((await field(page, '#textarea')).text, NEWCOMER, 'no fix from the page\'s script');
      await page.keyboard.press('Escape');
    } finally {
      await page.close();
    }
  });

  /** The card's colours: its side, and text contrast. */
  function assertCard(c, dark, where) {
    assert.equal(isDark(c.colors.bg), dark, `${where}: a ${dark ? 'dark' : 'light'} card (${c.colors.bg})`);
    for (const [fg, bg] of [[c.colors.text, c.colors.bg], [c.colors.category, c.colors.bg], [c.colors.fixText, c.colors.fixBg]]) {
      const r = contrastRatio(fg, bg);
      assert.ok(r >= 4.5, `${where}: ${fg} on ${bg} is ${r.toFixed(2)}:1`);
    }
  }

  test(`${name}: on a dark page the underlines have 3:1 on its background and the card is dark; a light card on a light page`, async () => {
    const dark = await open(`${b.on.fx.base}/tests/e2e/fixtures/dark.html`);
    try {
      const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
      // The light shades would fall short here: this test can fail.
      assert.ok(contrastRatio(GROUPS.grammar.color, bg) < 3 && contrastRatio(GROUPS.spelling.color, bg) < 3);
      await typeNewcomer(dark, '#textarea');
      const lines = await dark.evaluate(underlineColors, '#textarea');
      assert.ok(lines.length >= 3, `underlines drawn: ${lines}`);
      for (const color of lines) assert.ok(contrastRatio(color, bg) >= 3, `textarea underline ${color} on ${bg}: ${contrastRatio(color, bg).toFixed(2)}:1`);
      await typeNewcomer(dark, '#editable');
      const highlights = await dark.evaluate(highlightColors, '#editable');
      assert.ok(Object.keys(highlights).length > 0 && Object.keys(highlights).every((n) => n.endsWith('-dark')), `dark highlights: ${Object.keys(highlights)}`);
      for (const [hl, color] of Object.entries(highlights)) {
        assert.ok(contrastRatio(color, bg) >= 3, `${hl} ${color} on ${bg}: ${contrastRatio(color, bg).toFixed(2)}:1`);
      }
      await cardShown(dark, true);
    } finally {
      await dark.close();
    }
    const light = await open(b.on.fx.fields);
    try {
      await typeNewcomer(light, '#textarea');
      for (const color of await light.evaluate(underlineColors, '#textarea')) {
        assert.ok(contrastRatio(color, '#ffffff') >= 3, `underline ${color} on white: ${contrastRatio(color, '#ffffff').toFixed(2)}:1`);
      }
      await cardShown(light, false);
    } finally {
      await light.close();
    }
  });

  test(`${name}: the options page lists every shortcut as the browser has it`, async () => {
    const page = await b.optionsPage();
    try {
      const want = Object.entries(SHORTCUTS).map(([cmd, s]) => [cmd, s.keys, `${s.keys} ${s.description}`]);
      const rows = await until(page, (n) => {
        const li = [...document.querySelectorAll('#shortcuts li')];
        return li.length === n && li.map((x) => [x.dataset.command, x.querySelector('kbd').textContent, x.textContent]);
      }, want.length, { what: 'the shortcuts listed' });
      assert.deepEqual(rows, want);
      assert.equal(await page.evaluate(() => document.getElementById('change-shortcut').textContent), 'Change shortcuts…');
    } finally {
      await page.close();
    }
  });
}
