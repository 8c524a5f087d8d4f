// What part of a long field one check covers (extension/src/content/check-window.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWindow } from '../../extension/src/content/check-window.js';

const para = (i, sentences = 3) =>
  Array.from({ length: sentences }, (_, k) => `Paragraph ${i} has sentence ${k} with some words in it.`).join(' ');

test('short text is checked whole', () => {
  const text = `${para(1)}\n${para(2)}`;
  assert.deepEqual(checkWindow(text, 0, 6000), { start: 0, text });
});

test('long text: whole paragraphs around the caret, within the limit, caret inside', () => {
  const paras = Array.from({ length: 200 }, (_, i) => para(i));
  const text = paras.join('\n');
  const caret = text.indexOf('Paragraph 120 has sentence 1');
  const w = checkWindow(text, caret, 2000);
  assert.ok(w.text.length <= 2000 && w.text.length > 1500, `window of ${w.text.length}`);
  assert.equal(text.slice(w.start, w.start + w.text.length), w.text);
  assert.ok(w.start <= caret && caret <= w.start + w.text.length);
  assert.ok(w.start === 0 || text[w.start - 1] === '\n', 'starts at a paragraph');
  const end = w.start + w.text.length;
  assert.ok(end === text.length || text[end] === '\n', 'ends at a paragraph');
});

test('caret at either end of a long text', () => {
  const text = Array.from({ length: 100 }, (_, i) => para(i)).join('\n');
  const first = checkWindow(text, 0, 1000);
  assert.equal(first.start, 0);
  assert.ok(first.text.length <= 1000);
  const last = checkWindow(text, text.length, 1000);
  assert.equal(last.start + last.text.length, text.length);
});

test('one huge paragraph: whole sentences around the caret', () => {
  const text = para(0, 400); // ~22,000 units, no newline
  const caret = 11_000;
  const w = checkWindow(text, caret, 3000);
  assert.ok(w.text.length <= 3000 && w.text.length > 2000, `window of ${w.text.length}`);
  assert.ok(w.start <= caret && caret <= w.start + w.text.length);
  assert.match(w.text, /^Paragraph 0 has sentence \d+ /, 'starts at a sentence');
  assert.match(w.text, /in it\.\s*$/, 'ends after a sentence');
});

test('emoji and other astral characters are never split', () => {
  const text = Array.from({ length: 300 }, (_, i) => `😀 ${i} 東京 שלום.`).join('\n');
  const w = checkWindow(text, 2500, 1000);
  assert.equal(w.text, text.slice(w.start, w.start + w.text.length));
  assert.ok(!/^[\uDC00-\uDFFF]/.test(w.text) && !/[\uD800-\uDBFF]$/.test(w.text));
});
