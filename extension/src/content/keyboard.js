// Keyboard use of the suggestions: which suggestion the commands go to, and the field's focus
// and caret, kept while the card holds the focus and given back when it closes.
//
// The commands (manifest.json, changeable in the browser's shortcut settings; web/protocol.js
// COMMAND) are 'open-suggestion' (the one at the caret), 'next-suggestion' and
// 'previous-suggestion'. The caret splits the field's suggestions in two: next is the first
// that starts at or after it, previous the last that starts before it (so with the caret just
// after a word typed wrong, previous is that word). With the card open, they move from the
// card's suggestion instead (the caret has not moved while the focus was in the card). Both
// wrap round, as a screen reader's next/previous heading does, rather than stopping silently
// at the last one. commands.js carries a command from the background to the card.
//
// Suggested keys: Alt+Shift+G (open), Alt+Shift+J (next), Alt+Shift+K (previous), J/K as in
// Gmail's and vi's next/previous. Alt+Shift+letter is free in Chrome and Firefox on Windows and
// Linux, except letters the browsers or big editors take: Chrome's Alt+Shift+I (feedback), T
// (toolbar), B (bookmarks), A (dialogs); ChromeOS's L, M, N, S; Firefox's menu keys (F E V S B
// T H); Google Docs' menu keys in Chrome (F E V I O T H A N). Punctuation (Alt+Shift+Period)
// was not taken: its character needs Shift on some layouts (AZERTY), which Chrome and Firefox
// match differently. Chrome allows four commands with suggested keys; these are three.

import { COMMAND } from '../../../web/protocol.js';
import { isFormField } from './fields.js';

/**
 * The suggestion `command` goes to in `list` (sorted by start), from the text offset `at`:
 * the caret, or with `fromCard` the start of the suggestion the card shows. Null if none.
 */
export function pickSuggestion(list, at, command, fromCard = false) {
  if (!list.length) return null;
  if (command === COMMAND.previous) {
    return list.findLast((s) => s.start < at) ?? list.at(-1);
  }
  if (command === COMMAND.next) {
    return list.find((s) => (fromCard ? s.start > at : s.start >= at)) ?? list[0];
  }
  return list.find((s) => at >= s.start && at <= s.end) ?? list.find((s) => s.start >= at) ?? list[0];
}

/** Where the focus and caret are in the field `el` now, to give them back later. */
export function saveCaret(el) {
  if (isFormField(el)) return { el, start: el.selectionStart, end: el.selectionEnd, dir: el.selectionDirection };
  const sel = el.ownerDocument.getSelection();
  const inside = sel?.rangeCount && el.contains(sel.anchorNode);
  return { el, range: inside ? sel.getRangeAt(0).cloneRange() : null };
}

/** Focus the field again with the caret (or selection) `saveCaret` saw. */
export function restoreCaret(saved) {
  const { el } = saved;
  if (!el.isConnected) return;
  el.focus({ preventScroll: true });
  if (isFormField(el)) {
    if (saved.start !== null && el.value.length >= saved.end) el.setSelectionRange(saved.start, saved.end, saved.dir);
    return;
  }
  if (saved.range && el.contains(saved.range.startContainer) && el.contains(saved.range.endContainer)) {
    const sel = el.ownerDocument.getSelection();
    sel.removeAllRanges();
    sel.addRange(saved.range);
  }
}
