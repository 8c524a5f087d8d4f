// The writer's English and how many suggestions, end to end (registered by
// choices-chromium.test.mjs and choices-firefox.test.mjs):
//   - by default the speller follows the browser's language: a browser in British English
//     marks the American "gray" (fix "grey") and leaves "favourite" and "colour"; one in
//     American English marks those two (fixes "favorite", "color") and leaves "gray";
//   - a choice in the popup (the user's own page) changes it live: the open field is checked
//     again without a keystroke, and its underlines follow;
//   - "Fewer suggestions" keeps only the surest ("buyed"), "More" keeps all the balanced ones.
// The popup's selects are driven where the browser lets a test open extension pages
// (Chromium; Firefox's WebDriver BiDi does not), the browser's language where it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS } from './browsers.mjs';
import { NEWCOMER } from './fixture-server.mjs';
import { marksIn, openCard, until } from './drive.mjs';

export const DIALECT_TEXT = 'My favourite colour is gray.';

/** The underlined words of #textarea once they are exactly `want` (sorted), or the last seen. */
async function underlined(page, want, what) {
  const key = (ws) => [...ws].sort().join('|');
  const seen = await until(page, (args) => {
    const [sel, wanted] = args;
    const marks = window.__marksIn(sel).map((m) => m.text).sort();
    return marks.join('|') === wanted ? marks : null;
  }, ['#textarea', key(want)], { timeout: 90_000, what }).catch(async (e) => {
    const now = await page.evaluate((sel) => window.__marksIn(sel).map((m) => m.text), '#textarea');
    throw new Error(`${e.message}: underlined ${JSON.stringify(now)}, wanted ${JSON.stringify(want)}`);
  });
  return seen;
}

/** The card's fix for the underline on `word`. */
async function fixFor(page, word) {
  const m = (await page.evaluate((sel) => window.__marksIn(sel), '#textarea')).find((x) => x.text === word);
  assert.ok(m, `"${word}" is underlined`);
  await page.mouse.click(m.x, m.y);
  const card = await until(page, openCard, null, { timeout: 5_000, what: `the card for "${word}"` });
  await page.keyboard.press('Escape');
  return card.replacement;
}

/** A page of the fixture server with the textarea, the probe installed, `text` typed. */
async function typed(browser, fx, text) {
  const page = await browser.newPage();
  await page.goto(fx.fields);
  await page.evaluate(`window.__marksIn = ${marksIn}; 0`);
  await page.click('#textarea');
  await page.keyboard.type(text);
  return page;
}

/**
 * @param {{name: string, on: {fx: object, browser: object}, popup?: (browser) => Promise<object>,
 *   british: boolean}} b  `british`: whether this browser was launched in British English;
 *   `popup(browser)` opens the extension's popup (where the browser allows a test to).
 */
export function choiceTests({ name, on, popup, british }) {
  test(`${name}: the speller follows the browser's English by default`, async () => {
    const page = await typed(on.browser, on.fx, DIALECT_TEXT);
    try {
      if (british) {
        await underlined(page, ['gray'], 'the American spelling underlined for a British browser');
        assert.equal(await fixFor(page, 'gray'), 'grey');
      } else {
        await underlined(page, ['favourite', 'colour'], 'the British spellings underlined for an American browser');
        assert.equal(await fixFor(page, 'colour'), 'color');
        assert.equal(await fixFor(page, 'favourite'), 'favorite');
      }
      assert.equal(await page.$eval('#textarea', (t) => t.value), DIALECT_TEXT, 'looking changed no text');
    } finally {
      await page.close();
    }
  });

  if (!popup) return;
  test(`${name}: the popup switches the dialect and the number of suggestions live`, async () => {
    const page = await typed(on.browser, on.fx, `${DIALECT_TEXT} ${NEWCOMER}`);
    const menu = await popup(on.browser);
    try {
      const balanced = ['favourite', 'colour', 'go', 'buyed', 'a'];
      await underlined(page, balanced, 'the American default, balanced');
      assert.match(await menu.$eval('#dialect option[value=auto]', (o) => o.textContent), /American English/);
      await menu.selectOption('#dialect', 'en-GB');
      await underlined(page, ['gray', 'go', 'buyed', 'a'], 'British English once chosen');
      await menu.selectOption('#level', 'fewer');
      await underlined(page, ['gray', 'buyed'], 'fewer suggestions: the surest only');
      await menu.selectOption('#level', 'more');
      // More offers what balanced does and the edits the model was unsure of (none here).
      await until(page, (args) => {
        const [sel, words] = args;
        const marks = window.__marksIn(sel).map((m) => m.text);
        return words.every((w) => marks.includes(w));
      }, ['#textarea', ['gray', 'go', 'buyed', 'a']], { timeout: 90_000, what: 'more suggestions: the balanced ones at least' });
      await menu.screenshot({ path: join(ARTIFACTS, `${name}-popup-choices.png`) });
      assert.equal(await page.$eval('#textarea', (t) => t.value), `${DIALECT_TEXT} ${NEWCOMER}`, 'switching changed no text');
    } finally {
      await menu.selectOption('#dialect', 'auto').catch(() => {});
      await menu.selectOption('#level', 'balanced').catch(() => {});
      await menu.close();
      await page.close();
    }
  });
}
