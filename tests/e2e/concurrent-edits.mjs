// Randomized concurrent edits: the user types, the page's own code changes the text (with and
// without an `input` event, as framework re-renders do), the user opens a card and clicks its
// fix, sometimes after the page changed the text under it, and undoes a fix. A model of the
// text, in which every character has an identity, says what the field must hold after each
// step; any lost, duplicated or misplaced character fails the run at that step.
//
// A fix clicked with no change since its card opened must land on its own characters. After
// the page changed the text, the fix may land on its own characters (if they are still there,
// whole, with the same neighbours) or not at all; writing anywhere else fails. One undo right
// after an applied fix must give back the text from before it.
import assert from 'node:assert/strict';
import { marksIn, openCard, sleep, until } from './drive.mjs';

/** Reading a form field and putting its caret somewhere (in the page's world). */
const FORM_FIELD = {
  read: (sel) => document.querySelector(sel).value,
  caret: ([sel, at]) => {
    const el = document.querySelector(sel);
    el.focus();
    el.setSelectionRange(at, at);
  },
};

/** The field kinds, each read and changed through its own API (in the page's world). */
export const FIELDS = {
  textarea: {
    ...FORM_FIELD,
    selector: '#textarea',
    change: ([sel, from, to, text, event]) => {
      const el = document.querySelector(sel);
      el.setRangeText(text, from, to);
      if (event) el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    },
  },
  react: {
    ...FORM_FIELD,
    selector: '#react',
    change: ([sel, from, to, text, event]) => {
      const el = document.querySelector(sel);
      const next = el.value.slice(0, from) + text + el.value.slice(to);
      if (event) {
        // How test libraries and some pages set a React field: the native setter, then `input`.
        Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(el, next);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      } else {
        window.setReactValue(next); // a re-render from the page's own state
      }
    },
    settled: (sel) => document.querySelector(sel).value === window.reactValue,
  },
  prosemirror: {
    selector: '#prosemirror .ProseMirror',
    read: () => window.pmText(),
    caret: ([, at]) => window.pmCaret(at),
    change: ([sel, from, to, text, event]) => {
      window.pmReplace(from, to, text);
      if (event) document.querySelector(sel).dispatchEvent(new Event('input', { bubbles: true }));
    },
  },
};

/** Text offset of a highlight range that sits on `text` near client point (x, y), for contenteditables. */
function offsetAt([sel, x, y]) {
  const field = document.querySelector(sel);
  for (const [name, hl] of CSS.highlights ?? []) {
    if (!name.startsWith('emend-')) continue;
    for (const r of hl) {
      if (!field.contains(r.commonAncestorContainer)) continue;
      const b = r.getBoundingClientRect();
      if (x < b.left - 1 || x > b.right + 1 || y < b.top - 1 || y > b.bottom + 1) continue;
      const walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT);
      let off = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n === r.startContainer) return { start: off + r.startOffset, end: off + r.startOffset + r.toString().length };
        off += n.data.length;
      }
    }
  }
  return null;
}

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED_TEXT = 'She go to school yesterday and buyed a apple.';
const TYPED = [' She go home.', ' i like it', ' a apple', ' We was here.', 'x', ' the', ' buyed', ', ', ' teh'];
const PAGE_TEXT = ['', 'Q', 'ZZ ', ' (page) ', 'Then '];

/**
 * Run `steps` random steps on field `kind` of the fixture page (already open, model loaded).
 * Returns the figures: steps, characters typed, fixes applied and declined, undos checked.
 */
export async function runConcurrentEdits(page, kind, { steps = 500, seed = 1, log = () => {} } = {}) {
  const f = FIELDS[kind];
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const read = () => page.evaluate(f.read, f.selector);
  const settle = async () => {
    if (f.settled) await until(page, f.settled, f.selector, { timeout: 5_000, what: `${kind} settled` });
  };
  let nextId = 0;
  const ids = (s) => [...s].flatMap((c) => c.split('')).map((c) => ({ c, id: nextId++ }));
  let model = [];
  const text = () => model.map((x) => x.c).join('');
  const splice = (from, to, s) => {
    model = [...model.slice(0, from), ...ids(s), ...model.slice(to)];
  };
  const figures = { kind, steps: 0, typed: 0, pageChanges: 0, fixesApplied: 0, fixesDeclined: 0, undos: 0, noUnderline: 0 };
  const history = [];
  const expect = async (what) => {
    await settle();
    const actual = await read();
    if (actual !== text()) {
      throw new Error(`${kind}, seed ${seed}, step ${figures.steps} (${what}): the field holds\n  ${JSON.stringify(actual)}\nbut should hold\n  ${JSON.stringify(text())}\nlast steps: ${history.slice(-6).join(' | ')}`);
    }
  };
  const pageChange = async (event) => {
    const t = text();
    let from = Math.floor(rand() * (t.length + 1));
    let to = Math.min(t.length, from + Math.floor(rand() * 6));
    if (t.length > 300) [from, to] = [0, Math.floor(t.length / 2)];
    const s = t.length > 300 ? '' : pick(PAGE_TEXT);
    await page.evaluate(f.change, [f.selector, from, to, s, event]);
    splice(from, to, s);
    // A framework applies its state at its next render: the user sees the change after that.
    for (let i = 0; i < 100 && (await read()) !== text(); i++) await sleep(20);
    figures.pageChanges++;
    history.push(`page ${event ? 'with' : 'without'} input event: [${from},${to}) -> ${JSON.stringify(s)}`);
  };

  // Start from a known text with errors in it.
  await page.click(f.selector);
  await page.evaluate(f.change, [f.selector, 0, (await read()).length, SEED_TEXT, true]);
  model = ids(SEED_TEXT);
  await expect('seed');

  for (; figures.steps < steps; figures.steps++) {
    const r = rand();
    if (r < 0.4) {
      const at = Math.floor(rand() * (model.length + 1));
      const s = pick(TYPED);
      await page.evaluate(f.caret, [f.selector, at]);
      await page.keyboard.type(s);
      splice(at, at, s);
      figures.typed += s.length;
      history.push(`type ${JSON.stringify(s)} at ${at}`);
      await expect('typing');
    } else if (r < 0.6) {
      await pageChange(rand() < 0.5);
      await expect('page change');
    } else {
      // Open a card on an underline that sits on the text as it is now.
      const mark = await until(page, ([sel, isField, now]) => {
        const ms = marksInPage(sel).filter((m) => !isField || now.slice(m.start, m.end) === m.text);
        return ms.length ? ms : null;
      }, [f.selector, kind !== 'prosemirror', text()], { timeout: 1_000, what: 'an underline', every: 25 }).then(pick, () => null);
      if (!mark) {
        figures.noUnderline++;
        history.push('no underline');
        continue;
      }
      const span = mark.start !== undefined ? mark : await page.evaluate(offsetAt, [f.selector, mark.x, mark.y]);
      if (!span || text().slice(span.start, span.end) !== mark.text) {
        figures.noUnderline++;
        continue;
      }
      await page.mouse.click(mark.x, mark.y);
      const card = await until(page, openCard, null, { timeout: 2_000, what: 'the card', every: 25 }).catch(() => null);
      if (!card) {
        figures.noUnderline++;
        history.push(`no card for ${JSON.stringify(mark.text)}`);
        await page.keyboard.press('Escape');
        continue;
      }
      // The oracle below judges the fix of the words it clicked: a card for other words (the
      // underlines moved under the pointer between finding them and the click) is closed.
      if (card.original !== null && card.original !== mark.text) {
        figures.noUnderline++;
        history.push(`card for ${JSON.stringify(card.original)}, not ${JSON.stringify(mark.text)}`);
        await page.keyboard.press('Escape');
        continue;
      }
      const own = model.slice(span.start, span.end).map((x) => x.id);
      const left = model[span.start - 1]?.c;
      const right = model[span.end]?.c;
      const raced = rand() < 0.5;
      if (raced) await pageChange(rand() < 0.5);
      const undoAfter = rand() < 0.3;
      // ProseMirror's history puts changes less than 500 ms apart in one undo step.
      if (undoAfter && kind === 'prosemirror') await sleep(600);
      const before = text();
      await page.mouse.click(card.x, card.y);
      await sleep(30);
      // The card is still open only if the click did not reach its button (the page moved it
      // under the pointer): click the button where it is now.
      const still = await page.evaluate(openCard);
      if (still && (await read()) === before) {
        await page.mouse.click(still.x, still.y);
        await sleep(30);
      }
      await settle();
      // Where the fix's own characters are now, all of them, with neighbours that read the
      // same as at the check (a space the page replaced by a space still parts the words).
      const at = model.findIndex((x) => x.id === own[0]);
      const whole = at >= 0 && own.every((id, k) => model[at + k]?.id === id) &&
        model[at - 1]?.c === left && model[at + own.length]?.c === right;
      const actual = await read();
      const applied = whole ? before.slice(0, at) + card.replacement + before.slice(at + own.length) : null;
      history.push(`fix ${JSON.stringify(card.original ?? mark.text)} -> ${JSON.stringify(card.replacement)}${raced ? ' after a page change' : ''}`);
      if (actual === applied) {
        splice(at, at + own.length, card.replacement);
        figures.fixesApplied++;
        if (undoAfter) {
          await page.keyboard.press(process.platform === 'darwin' ? 'Meta+z' : 'Control+z').catch(async () => {
            await page.keyboard.down('Control');
            await page.keyboard.press('z');
            await page.keyboard.up('Control');
          });
          await sleep(30);
          model = ids(before);
          figures.undos++;
          history.push('undo');
          await expect('one undo after a fix gives back the text before it');
        }
      } else {
        assert.ok(raced, `${kind}, seed ${seed}: a fix clicked with no change since its card opened was not applied: ${JSON.stringify(actual)} (expected ${JSON.stringify(applied)})`);
        figures.fixesDeclined++;
        await page.keyboard.press('Escape');
        await expect('a stale fix writes nothing');
      }
    }
    if (figures.steps % 100 === 99) log(`${kind}: ${figures.steps + 1} steps`);
  }
  return figures;
}

// `until` evaluates functions in the page, so the probe must be there: inject it by name.
export async function installProbes(page) {
  await page.evaluate(`window.marksInPage = ${marksIn.toString()}; 0`);
}
