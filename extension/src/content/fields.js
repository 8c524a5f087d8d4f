// Which elements are fields Emend checks, and which of them a person can see: the one place
// the content script (main.js), the per-field controller (form field or contenteditable) and
// the keyboard glue (keyboard.js, commands.js) ask.
//
// A field is a <textarea>, a text <input> or a contenteditable editing host that the page has
// not opted out of, and that is neither read-only nor disabled. It is taken on only when the
// user works in it while it is visible (main.js), so a page cannot have hidden fields checked.

const TEXT_INPUTS = new Set(['text', 'search', '']);

/** A <textarea> or <input>: drawn with an overlay, edited through its `value`. */
export const isFormField = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

// The page's own word, in attributes: `spellcheck="false"` on the field or around it. Not
// the `spellcheck` property, which is the browser's default too: Firefox does not spellcheck
// single-line inputs, so it reads false on every <input>, which left them all unchecked.
function optedOut(el) {
  return el.closest('[data-gramm="false"], [data-emend="off"], [spellcheck="false"]') !== null;
}

/** Whether `el` is a field Emend may check (a form field of a text kind, or a contenteditable). */
export function isEligible(el) {
  if (!(el instanceof HTMLElement) || optedOut(el)) return false;
  if (isFormField(el)) return (el instanceof HTMLTextAreaElement || TEXT_INPUTS.has(el.type)) && !el.readOnly && !el.disabled;
  return el.isContentEditable;
}

/** Whether a person can see the field: rendered, not transparent, with some of it on screen. */
export function isVisible(el) {
  if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < view.innerHeight && r.left < view.innerWidth;
}

/** The editing host of a contenteditable target (the outermost editable element). */
export function editingHost(el) {
  if (!el.isContentEditable) return el;
  let top = el;
  while (top.parentElement && top.parentElement.isContentEditable) top = top.parentElement;
  return top;
}

/** The focused element, inside open shadow roots too. */
export function deepActiveElement(doc = document) {
  let a = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
