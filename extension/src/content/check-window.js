// Which part of a field one check covers. The model takes ~0.1 s a sentence, so checking a
// whole 100-page field would hold the engine (shared by every tab) for minutes. Up to `limit`
// UTF-16 units the whole text is checked; beyond that, whole paragraphs around the caret.
// Paragraph edges are hard sentence breaks for the checker, so a paragraph gives the same
// suggestions (and cache hits) whether it is checked alone or with the rest of the text.

export const WINDOW_LIMIT = 6000;
/** A big field's first check covers this much around the caret, so its underlines come first. */
export const NEAR_LIMIT = 1200;

// A sentence end: . ! or ? (then closing quotes/brackets) followed by white space.
const SENTENCE_END = /[.!?]["'”’)\]]*\s+/g;

/** The first sentence start at or after `from` (or `from` if none before `max`). */
function sentenceStartFrom(text, from, max) {
  SENTENCE_END.lastIndex = from;
  const m = SENTENCE_END.exec(text);
  return m && m.index + m[0].length <= max ? m.index + m[0].length : from;
}

/** The last sentence end (after its white space) at or before `to`, not before `min`. */
function sentenceEndBefore(text, min, to) {
  let best = to;
  SENTENCE_END.lastIndex = min;
  for (let m; (m = SENTENCE_END.exec(text)) && m.index + m[0].length <= to;) best = m.index + m[0].length;
  return best;
}

/** `{start, text}`: the slice of `text` to check, given the caret (UTF-16 offset). */
export function checkWindow(text, caret, limit = WINDOW_LIMIT) {
  if (text.length <= limit) return { start: 0, text };
  const at = Math.min(Math.max(caret ?? 0, 0), text.length);
  let start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  if (end - start > limit) {
    // One paragraph longer than the window: whole sentences around the caret.
    const lo = Math.max(start, Math.min(at - limit / 2, end - limit));
    const from = lo > start ? sentenceStartFrom(text, lo, at) : start;
    const to = from + limit < end ? sentenceEndBefore(text, from, from + limit) : end;
    return { start: from, text: text.slice(from, to) };
  }
  // Grow by whole paragraphs, one before and one after in turn, while they fit.
  for (let grew = true; grew;) {
    grew = false;
    if (start > 0) {
      const prev = text.lastIndexOf('\n', start - 2) + 1;
      if (end - prev <= limit) [start, grew] = [prev, true];
    }
    if (end < text.length) {
      let next = text.indexOf('\n', end + 1);
      if (next < 0) next = text.length;
      if (next - start <= limit) [end, grew] = [next, true];
    }
  }
  return { start, text: text.slice(start, end) };
}
