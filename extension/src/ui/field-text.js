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
 * Where `original` is now, near `start`: the text may have changed since the check.
 * Returns [start, end] or null if it is gone.
 */
export function relocate(value, start, end, original) {
  if (value.slice(start, end) === original) return [start, end];
  const window = 200;
  const from = Math.max(0, start - window);
  const region = value.slice(from, end + window);
  let best = null;
  for (let i = region.indexOf(original); i >= 0; i = region.indexOf(original, i + 1)) {
    const at = from + i;
    if (!best || Math.abs(at - start) < Math.abs(best[0] - start)) best = [at, at + original.length];
  }
  return best;
}

/**
 * The other suggestions after `fixed` was applied at `at` ([start, end] of its original):
 * those after it shift by the length change, those it overlapped are dropped.
 */
export function afterFix(suggestions, fixed, at) {
  const delta = fixed.replacement.length - (at[1] - at[0]);
  const end = at[0] + fixed.replacement.length;
  return suggestions
    .filter((o) => o !== fixed)
    .map((o) => (o.start >= at[1] ? { ...o, start: o.start + delta, end: o.end + delta } : o))
    .filter((o) => o.end <= at[0] || o.start >= end);
}
