// Rich editors with the extension, in both browsers: Lexical, Quill, Slate, CKEditor 5,
// TinyMCE (its iframe), Draft.js, CodeMirror 6 (a Markdown document), ProseMirror and a mail
// composer's contenteditable (nested inline markup, <div> lines, <br>). Each is bundled from
// node_modules by fixture-server.mjs (nothing is fetched at run time). For each editor:
//   - the underlines (CSS highlights, read in the page's own world: Firefox's content
//     scripts cannot iterate CSS.highlights) sit on the erroneous words, exactly on them;
//   - a fix clicked in the card goes through the editor's own input path: the editor's own
//     state, read through its API, equals the text on screen and holds the fix;
//   - one undo (Ctrl+Z, the editor's own) gives the text back;
//   - the caret stays where the user put it (at the end of the text, past the fixed word):
//     the next key typed lands there, shifted by the fix's change of length.
// Registered by editors-chromium.test.mjs and editors-firefox.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './browsers.mjs';
import { EXTENSION_DIR, NEWCOMER, buildEditorFixtures, startFixtures } from './fixture-server.mjs';
import { openCard, sleep, until } from './drive.mjs';

// The editors (fixtures/editors/NAME.js). In each the user writes a greeting and the
// newcomer sentence; the mail composer's text is the page's (a reply it wrote).
export const EDITORS = ['lexical', 'quill', 'slate', 'ckeditor', 'tinymce', 'draft', 'codemirror', 'prosemirror', 'mail'];
const GREETING = 'Dear Sam,';
// The mail fixture's reply (fixtures/editors/mail.js), as it reads.
const MAIL = 'Hi Sam,\nShe go to school yesterday and buyed a apple.\nSee you soon\n\n-- \nAnn';
const WRONG = 'buyed';
const RIGHT = 'bought';

/** Text as a person reads it: no zero-width fillers, one newline between lines, no outer blanks. */
export function plain(s) {
  return s.replace(/[\u200b\ufeff]/g, '').replace(/\u00a0/g, ' ').replace(/[ \t]*\n\s*/g, '\n').trim();
}

/** In the editor's document: the emend-* highlight ranges inside the editable element. */
function highlightsIn(sel) {
  const field = document.querySelector(sel);
  const out = [];
  if (!field) return out;
  for (const [name, hl] of CSS.highlights) {
    if (!name.startsWith('emend-')) continue;
    for (const r of hl) {
      if (!field.contains(r.commonAncestorContainer)) continue;
      const b = r.getBoundingClientRect();
      out.push({ name, text: r.toString(), left: b.left, top: b.top, width: b.width, height: b.height });
    }
  }
  return out;
}

/** In the editor's document: the client rect of the one visible occurrence of `word`. */
function wordRect([sel, word]) {
  const field = document.querySelector(sel);
  const walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.data.indexOf(word);
    if (at < 0) continue;
    const r = new Range();
    r.setStart(n, at);
    r.setEnd(n, at + word.length);
    const b = r.getBoundingClientRect();
    return { left: b.left, top: b.top, width: b.width, height: b.height };
  }
  return null;
}

const screenText = (sel) => document.querySelector(sel).innerText;

/**
 * `read()` as a person reads it, once it equals `want` or after `ms`. An editor whose state
 * changes at once may draw it a frame later (Slate and Draft.js render through React, which
 * batches): the screen is read when it has settled, and a screen that never agrees still fails.
 */
async function settled(read, want, ms = 3_000) {
  const end = Date.now() + ms;
  for (;;) {
    const now = plain(await read());
    if (now === want || Date.now() > end) return now;
    await sleep(50);
  }
}

/** In the editor's document: whether the caret is at the end of the editor's text. */
function caretAtEnd(sel) {
  const s = getSelection();
  if (!s.rangeCount || !s.isCollapsed) return false;
  const el = document.querySelector(sel);
  const r = document.createRange();
  r.setStart(s.anchorNode, s.anchorOffset);
  r.setEnd(el, el.childNodes.length);
  return r.toString().replace(/[\s\u200b\ufeff]/g, '') === '';
}

/**
 * @param {{name: string, browser: () => {newPage(): Promise<object>}, url: (editor: string) => string}} b
 */
/**
 * The editor tests in one browser: `launch(extensionDir)` starts it with the extension (a
 * Playwright context or a Puppeteer browser: both have newPage() and close()).
 */
export function editorTests({ name, launch }) {
  let fixtures, editors, browser;
  before(async () => {
    fixtures = await startFixtures();
    editors = await buildEditorFixtures(fixtures.base);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launch(EXTENSION_DIR);
  });
  after(async () => {
    await browser?.close();
    fixtures?.server.close();
    editors?.remove();
  });
  const b = { name, browser: () => browser, url: (e) => editors.url(e) };
  // Where the editable element is: the page, or (TinyMCE) its iframe, with the iframe's offset.
  async function where(page, fx) {
    if (!fx.frame) return { doc: page, dx: 0, dy: 0 };
    const off = await page.evaluate((f) => {
      const el = document.querySelector(f);
      const r = el.getBoundingClientRect();
      return { dx: r.left + el.clientLeft, dy: r.top + el.clientTop };
    }, fx.frame);
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    for (const f of frames) {
      if (await f.evaluate(() => document.getElementById('tinymce') !== null).catch(() => false)) return { doc: f, ...off };
    }
    throw new Error('the editor\'s iframe was not found');
  }

  const chord = async (page, key) => {
    await page.keyboard.down('Control');
    await page.keyboard.press(key);
    await page.keyboard.up('Control');
  };

  async function open(editor, query = '') {
    const page = await b.browser().newPage();
    page.on('pageerror', (e) => console.error(`${editor} page error:`, e));
    await page.goto(b.url(editor) + query);
    await until(page, () => window.fx?.ready || (window.fxError && { error: window.fxError }), null, { what: `${editor} ready` });
    const fx = await page.evaluate(() => window.fxError ? { error: window.fxError } : { selector: window.fx.selector, frame: window.fx.frame ?? null });
    assert.equal(fx.error, undefined, fx.error);
    const at = await where(page, fx);
    return { page, fx, ...at, text: () => page.evaluate(() => window.fx.text()), screen: () => at.doc.evaluate(screenText, fx.selector) };
  }

  // The user clicks into the editor and writes; returns the text written (as it reads).
  async function write(ed, editor) {
    const box = await ed.doc.evaluate((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { x: r.left + 20, y: r.top + 12 };
    }, ed.fx.selector);
    await ed.page.mouse.click(box.x + ed.dx, box.y + ed.dy);
    if (editor === 'mail') {
      await chord(ed.page, 'End');
      return plain(MAIL);
    }
    await ed.page.keyboard.type(GREETING);
    await ed.page.keyboard.press('Enter');
    await ed.page.keyboard.type(NEWCOMER);
    return `${GREETING}\n${NEWCOMER}`;
  }

  // Waits for the underline on the wrong word; every underline must sit exactly on a word of
  // the text that is wrong there.
  async function underlines(ed, editor, round = 1) {
    const marks = await until(ed.doc, (sel) => {
      const hs = window.highlightsIn(sel);
      return hs.some((h) => h.text === 'buyed') && hs;
    }, ed.fx.selector, { timeout: 120_000, what: `"${WRONG}" underlined in ${editor} (round ${round})` });
    const texts = marks.map((m) => m.text).sort();
    for (const w of ['go', WRONG]) assert.ok(texts.includes(w), `${editor}: "${w}" is underlined (${texts})`);
    for (const t of texts) assert.ok(['go', 'buyed', 'a'].includes(t), `${editor}: only wrong words are underlined (${texts})`);
    // On the word itself, where the page shows it.
    const m = marks.find((x) => x.text === WRONG);
    const w = await ed.doc.evaluate(wordRect, [ed.fx.selector, WRONG]);
    for (const k of ['left', 'top', 'width', 'height']) assert.ok(Math.abs(m[k] - w[k]) < 1, `${editor}: the underline is on "${WRONG}" (${k} ${m[k]} vs ${w[k]})`);
    return { x: m.left + m.width / 2 + ed.dx, y: m.top + m.height / 2 + ed.dy };
  }

  // Clicks the underline, moves the caret to the end of the text (the card stays open), clicks
  // the fix; returns the fix offered.
  async function fixFromCard(ed, editor, mark) {
    await ed.page.mouse.click(mark.x, mark.y);
    const card = await until(ed.doc, openCard, null, { timeout: 5_000, what: `the card in ${editor}` });
    assert.equal(card.replacement, RIGHT, `${editor}: the fix offered`);
    await chord(ed.page, 'End');
    // A person reads the card: editors put changes less than a second apart (Quill) into one
    // undo step, and the typing before it is not the fix.
    await sleep(1_100);
    const now = await until(ed.doc, openCard, null, { timeout: 2_000, what: `the card still open in ${editor}` });
    await ed.page.mouse.click(now.x + ed.dx, now.y + ed.dy);
    return card;
  }

  for (const editor of EDITORS) {
    test(`${b.name}: ${editor}: underlines on the wrong words, a fix through the editor, one undo, the caret kept`, async () => {
      const ed = await open(editor);
      const { page } = ed;
      await ed.doc.evaluate(`window.highlightsIn = ${highlightsIn}; 0`);
      try {
        const typed = await write(ed, editor);
        assert.equal(plain(await ed.text()), typed, `${editor}: the editor holds what was written`);
        const fixed = typed.replace(WRONG, RIGHT);
        const mark = await underlines(ed, editor);
        await page.screenshot({ path: join(ARTIFACTS, `${b.name}-editor-${editor}.png`) });

        // 1. The fix, and one undo.
        await fixFromCard(ed, editor, mark);
        await until(page, (t) => window.fx.text().includes(t), RIGHT, { timeout: 5_000, what: `the fix in ${editor}'s state` }).catch(() => {});
        assert.equal(plain(await ed.text()), fixed, `${editor}: the editor's own state holds the fix`);
        assert.equal(await settled(ed.screen, fixed), fixed, `${editor}: the screen shows the fix`);
        await sleep(100);
        await chord(page, 'z');
        await until(page, (t) => !window.fx.text().includes(t), RIGHT, { timeout: 5_000, what: `undo in ${editor}` }).catch(() => {});
        assert.equal(plain(await ed.text()), typed, `${editor}: one undo gives the text back (state)`);
        assert.equal(await settled(ed.screen, typed), typed, `${editor}: one undo gives the text back (screen)`);

        // 2. Again, then the next key: it lands where the caret was, at the end.
        await chord(page, 'End');
        const again = await underlines(ed, editor, 2);
        await fixFromCard(ed, editor, again);
        await until(page, (t) => window.fx.text().includes(t), RIGHT, { timeout: 5_000, what: `the fix in ${editor}'s state` }).catch(() => {});
        // From the mouse to the keyboard (an editor may draw the fix a moment after the click).
        await until(ed.doc, caretAtEnd, ed.fx.selector, { timeout: 3_000, what: 'the caret back at the end' }).catch(() => {});
        await page.keyboard.type('!');
        await sleep(100);
        assert.equal(plain(await ed.text()), `${fixed}!`, `${editor}: the next key lands where the caret was`);
        assert.equal(await settled(ed.screen, `${fixed}!`), `${fixed}!`, `${editor}: the screen agrees`);
      } finally {
        await page.close();
      }
    });
  }

  // CodeMirror and TinyMCE as they come mark their text spellcheck="false" (CodeMirror is a
  // code editor): the page's own word that the text is not prose, which the extension keeps.
  // Nothing is drawn, the card never opens, the text is the user's. (The same editors with
  // the browser's spellcheck turned on are checked above: this test can fail.)
  for (const editor of ['codemirror', 'tinymce']) {
    test(`${b.name}: ${editor} as it comes (spellcheck="false") is left alone`, async () => {
      const ed = await open(editor, '&default');
      const { page } = ed;
      try {
        assert.equal(await ed.doc.evaluate((sel) => document.querySelector(sel).getAttribute('spellcheck'), ed.fx.selector), 'false');
        const typed = await write(ed, editor);
        await sleep(2_500); // a check of a loaded model takes well under a second
        for (const f of [page.mainFrame(), ...page.frames().filter((x) => x !== page.mainFrame())]) {
          const drawn = await f.evaluate(() => [...CSS.highlights.keys()].filter((n) => n.startsWith('emend-')).length +
            document.querySelectorAll('[data-emend-host]').length);
          assert.equal(drawn, 0, `${editor}: no underline, no overlay`);
        }
        const w = await ed.doc.evaluate(wordRect, [ed.fx.selector, WRONG]);
        await page.mouse.click(w.left + w.width / 2 + ed.dx, w.top + w.height / 2 + ed.dy);
        await sleep(300);
        assert.equal(await ed.doc.evaluate(openCard), null, `${editor}: no card`);
        assert.equal(plain(await ed.text()), typed, `${editor}: the text is the user's`);
      } finally {
        await page.close();
      }
    });
  }
}
