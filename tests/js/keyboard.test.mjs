// Which suggestion the keyboard commands go to (extension/src/content/keyboard.js), and what the
// card's fix button is called for screen readers (web/ui/card.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickSuggestion } from '../../extension/src/content/keyboard.js';
import { fixLabel } from '../../web/ui/card.js';

// 'She go to school yesterday and buyed a apple.': go [4,6), buyed [31,36), a [37,38).
const TEXT = 'She go to school yesterday and buyed a apple.';
const at = (word) => TEXT.indexOf(` ${word} `) + 1;
const list = ['go', 'buyed', 'a'].map((w) => ({ start: at(w), end: at(w) + w.length, original: w }));
const pick = (caret, command, fromCard) => pickSuggestion(list, caret, command, fromCard)?.original ?? null;

test('next and previous from the caret: the caret splits the suggestions in two', () => {
  const end = TEXT.length;
  assert.equal(pick(end, 'previous-suggestion'), 'a', 'previous from the end: the last one');
  assert.equal(pick(at('buyed') + 5, 'previous-suggestion'), 'buyed', 'just after a word: that word');
  assert.equal(pick(at('buyed') + 5, 'next-suggestion'), 'a', 'just after a word: the one after it');
  assert.equal(pick(at('buyed'), 'next-suggestion'), 'buyed', 'at a word\'s start: that word');
  assert.equal(pick(at('buyed'), 'previous-suggestion'), 'go', 'at a word\'s start: the one before it');
  assert.equal(pick(0, 'next-suggestion'), 'go');
});

test('they wrap round at either end', () => {
  assert.equal(pick(TEXT.length, 'next-suggestion'), 'go');
  assert.equal(pick(0, 'previous-suggestion'), 'a');
  assert.equal(pick(at('a'), 'next-suggestion', true), 'go', 'from the last card');
  assert.equal(pick(at('go'), 'previous-suggestion', true), 'a', 'from the first card');
});

test('from an open card they move one suggestion, whatever the caret', () => {
  assert.equal(pick(at('buyed'), 'next-suggestion', true), 'a');
  assert.equal(pick(at('buyed'), 'previous-suggestion', true), 'go');
  assert.equal(pick(at('buyed'), 'open-suggestion', true), 'buyed');
});

test('open: the suggestion at the caret, else the next one', () => {
  assert.equal(pick(at('buyed') + 2, 'open-suggestion'), 'buyed');
  assert.equal(pick(at('buyed') + 5, 'open-suggestion'), 'buyed', 'at its end');
  assert.equal(pick(at('school'), 'open-suggestion'), 'buyed');
  assert.equal(pick(TEXT.length, 'open-suggestion'), 'go');
  assert.equal(pickSuggestion([], 3, 'next-suggestion'), null);
});

test('the fix button says what it does', () => {
  assert.equal(fixLabel({ original: 'buyed', replacement: 'bought' }), 'Replace ‘buyed’ with ‘bought’');
  assert.equal(fixLabel({ original: '', replacement: 'the' }), 'Insert ‘the’');
  assert.equal(fixLabel({ original: 'very', replacement: '' }), 'Delete ‘very’');
});
