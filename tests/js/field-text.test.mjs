// Where a suggestion made for one text is in a text changed since (web/ui/field-text.js):
// a fix is written only where its own words still are, never over a look-alike nearby.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locate, mapSpan, remap } from '../../web/ui/field-text.js';

const checked = 'I has a apple and it are red.';
const on = (text, word, from = 0) => {
  const start = text.indexOf(word, from);
  return { start, end: start + word.length, original: word, replacement: `${word}!` };
};
const apply = (text, at, replacement) => text.slice(0, at[0]) + replacement + text.slice(at[1]);

test('the page put words before the check\'s text: the fix lands on the same word ("Then I hans a apple" before)', () => {
  const a = on(checked, ' a ', 0);
  a.start += 1;
  a.end -= 1;
  a.original = 'a';
  for (const prefix of ['Then ', 'Today ', 'x', 'a a a ']) {
    const now = prefix + checked;
    const at = locate(checked, now, a);
    assert.deepEqual(at, [a.start + prefix.length, a.end + prefix.length], prefix);
    assert.equal(apply(now, at, 'an'), `${prefix}I has an apple and it are red.`);
  }
});

test('a change after the span leaves it where it was', () => {
  const s = on(checked, 'has');
  assert.deepEqual(locate(checked, `${checked} More text.`, s), [s.start, s.end]);
  assert.deepEqual(locate(checked, checked.replace('red', 'green'), s), [s.start, s.end]);
});

test('a change that touches the span or its edges makes it stale', () => {
  const a = { start: 6, end: 7, original: 'a' };
  assert.equal(checked.slice(6, 7), 'a');
  assert.equal(locate(checked, checked.replace('has a apple', 'has an apple'), a), null, 'typed right after it');
  assert.equal(locate(checked, checked.replace('has a', 'hasa'), a), null, 'deleted the space before it');
  assert.equal(locate(checked, checked.replace('has a apple', 'has the apple'), a), null, 'replaced it');
  assert.equal(locate(checked, '', a), null, 'emptied the field');
  assert.equal(mapSpan(checked, 'I had a apple and it are red.', 2, 5), null, 'its own word changed');
});

test('the same text maps to itself, and a span past a shrink moves back', () => {
  const s = on(checked, 'are');
  assert.deepEqual(locate(checked, checked, s), [s.start, s.end]);
  const now = checked.replace('I has ', '');
  assert.deepEqual(locate(checked, now, s), [s.start - 6, s.end - 6]);
});

test('astral characters and combining marks count as UTF-16 units', () => {
  const text = '😀 I has a apple. re\u0301sume\u0301';
  const s = on(text, 'has');
  const now = `👍🏽${text}`;
  assert.deepEqual(locate(text, now, s), [s.start + 4, s.end + 4]);
  assert.equal(now.slice(s.start + 4, s.end + 4), 'has');
});

test('remap after a fix: the fixed words and their neighbours drop, the rest follow', () => {
  const suggestions = [on(checked, 'has'), { start: 6, end: 7, original: 'a', replacement: 'an' }, on(checked, 'are')];
  const fixed = apply(checked, [2, 5], 'have');
  const kept = remap(suggestions, checked, fixed);
  assert.deepEqual(kept.map((s) => [fixed.slice(s.start, s.end), s.original]), [['a', 'a'], ['are', 'are']]);
});

// A model of what should happen: random edits anywhere in a text; a span that `locate` keeps
// must hold the same characters with the same neighbours. Characters carry ids: where the
// edit is unambiguous the span is the very characters it was made for; where an edit next
// to it repeats its text ("ab" -> "abb"), either reading is the same text.
test('randomized: a kept span always holds the same characters it was made for', () => {
  let seed = 7;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 12) % n;
  };
  const words = ['a', 'an', 'the', 'has', 'have', 'apple', 'I', ' ', '. ', '😀', 'é', 'e\u0301'];
  let kept = 0;
  let stale = 0;
  let exact = 0;
  for (let round = 0; round < 3000; round++) {
    // Each character carries an id, so "the same characters" is exact, not a string match.
    let chars = Array.from({ length: 5 + rand(30) }, () => words[rand(words.length)]).join('').split('')
      .map((c, i) => ({ c, id: `${round}:${i}` }));
    const before = chars.map((x) => x.c).join('');
    const start = rand(before.length);
    const end = Math.min(before.length, start + 1 + rand(6));
    const span = chars.slice(start, end).map((x) => x.id);
    // One edit elsewhere or across the span.
    const at = rand(chars.length + 1);
    const del = rand(4);
    const ins = Array.from({ length: rand(4) }, (_, k) => ({ c: words[rand(words.length)][0], id: `new${round}:${k}` }));
    chars = [...chars.slice(0, at), ...ins, ...chars.slice(Math.min(chars.length, at + del))];
    const after = chars.map((x) => x.c).join('');
    const s = { start, end, original: before.slice(start, end) };
    const got = locate(before, after, s);
    if (!got) {
      stale++;
      continue;
    }
    kept++;
    const where = `${JSON.stringify(before)} -> ${JSON.stringify(after)} [${start},${end})`;
    assert.equal(after.slice(got[0], got[1]), s.original, where);
    // Its edges are untouched too: the same characters either side as at the check.
    assert.equal(after[got[0] - 1], before[start - 1], where);
    assert.equal(after[got[1]], before[end], where);
    const ids = chars.slice(got[0], got[1]).map((x) => x.id);
    if (ids.join() === span.join()) exact++;
  }
  assert.ok(kept > 1000 && stale > 300, `kept ${kept}, stale ${stale}`);
  assert.ok(exact / kept > 0.97, `the very same characters in ${exact} of ${kept}`);
});
