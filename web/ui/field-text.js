// Reading and editing the text of a form field, keeping the page's undo history and caret.
// Offsets are UTF-16 code units, as the checker reports them.

/** Replace `field.value.slice(start, end)` with `text` the way typing would. */
export function replaceInField(field, start, end, text) {
  const before = field.value;
  const caret = [field.selectionStart ?? before.length, field.selectionEnd ?? before.length];
  const delta = text.length - (end - start);
  field.focus();
  field.setSelectionRange(start, end);
  // execCommand keeps native undo and fires `input` events that React and friends see.
  let done = false;
  try {
    done = document.execCommand('insertText', false, text);
  } catch {
    done = false;
  }
  if (!done || field.value === before) {
    field.setRangeText(text, start, end, 'end');
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
  }
  // Leave the caret where the user had it, shifted if the fix was before it.
  const shift = (pos) => (pos >= end ? pos + delta : pos <= start ? pos : start + text.length);
  field.setSelectionRange(shift(caret[0]), shift(caret[1]));
}

/**
 * Where the span [start, end) of `checked` (the text a suggestion was made for) is in
 * `current` (the text now), or null if a change since the check touched it or its edges.
 * The page may have changed the text without telling anyone (a framework re-render, a
 * script setting `value`, no `input` event): the change is read off the two texts as the
 * region between their common prefix and common suffix. A span wholly before that region
 * stays where it was, one wholly after it moves by the change in length, and one that meets
 * it is stale: the caller checks again instead of writing over what is there now. (Taking
 * the nearest copy of the same substring, as before, turned "a" in "Then I has a apple"
 * into "Then I hans a apple".)
 */
export function mapSpan(checked, current, start, end) {
  return mapThrough(changeBetween(checked, current), start, end);
}

/** `{prefix, changedEnd, delta}`: `checked[prefix, changedEnd)` became `current[prefix, changedEnd + delta)`. */
export function changeBetween(checked, current) {
  const max = Math.min(checked.length, current.length);
  let prefix = 0;
  while (prefix < max && checked.charCodeAt(prefix) === current.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix &&
    checked.charCodeAt(checked.length - 1 - suffix) === current.charCodeAt(current.length - 1 - suffix)) suffix++;
  return { prefix, changedEnd: checked.length - suffix, delta: current.length - checked.length, same: checked === current };
}

function mapThrough(change, start, end) {
  if (change.same || end < change.prefix) return [start, end];
  if (start > change.changedEnd) return [start + change.delta, end + change.delta];
  return null;
}

/**
 * Where suggestion `s`, made for the text `checked`, is in `current`: its span mapped
 * through the change (`mapSpan`) and holding exactly `s.original` there, else null.
 */
export function locate(checked, current, s, change = changeBetween(checked, current)) {
  const at = mapThrough(change, s.start, s.end);
  return at && current.slice(at[0], at[1]) === s.original ? at : null;
}

/**
 * The suggestions made for `checked` that still hold in `current`, at their offsets there
 * (each through `locate`); the rest are dropped until the next check. After a fix, pass the
 * text with the fix applied: the fixed words and anything touching them drop out.
 */
export function remap(suggestions, checked, current) {
  if (checked === current) return suggestions;
  const change = changeBetween(checked, current);
  const out = [];
  for (const s of suggestions) {
    const at = locate(checked, current, s, change);
    if (at) out.push(at[0] === s.start ? s : { ...s, start: at[0], end: at[1] });
  }
  return out;
}
