// A <select> filled with a set of choices, one way for the demo page and the extension's popup
// and options page (the dialects and levels of web/preferences.js).

/** `select`'s options made from `entries` ([value, label] pairs, in order), `value` chosen. */
export function fillSelect(select, entries, value) {
  select.replaceChildren(...entries.map(([key, label]) => new select.ownerDocument.defaultView.Option(label, key)));
  select.value = value;
}
