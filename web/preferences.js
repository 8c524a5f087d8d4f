// What the user chose, applied the same way by the demo page (which keeps the choices for the
// page's lifetime) and the extension (which stores them: extension/src/settings.js): the
// Englishes and levels offered, the browser's own English, and hiding the suggestions the
// user asked not to see.

/** The Englishes the speller knows, by the tag the engine takes. */
export const DIALECTS = {
  'en-US': 'American English',
  'en-GB': 'British English',
  'en-CA': 'Canadian English',
  'en-AU': 'Australian English',
  any: 'Any (every spelling is right)',
};

/** How many suggestions: each level's measured precision is in model/MODEL_CARD.md. */
export const LEVELS = { fewer: 'Fewer suggestions', balanced: 'Balanced', more: 'More suggestions' };

/**
 * The English of the first English language among the browser's (`navigator.languages`):
 * Ireland, South Africa and India spell as Britain does, New Zealand as Australia; English
 * of another region or none, as the US does. A browser that lists no English gets 'any': the
 * user writes English now and then, in whichever spelling, and none is marked.
 */
export function browserDialect(languages = []) {
  for (const tag of languages) {
    const [lang, region = 'us'] = String(tag).toLowerCase().split(/[-_]/);
    if (lang !== 'en') continue;
    if (['gb', 'uk', 'ie', 'za', 'in'].includes(region)) return 'en-GB';
    if (region === 'ca') return 'en-CA';
    if (['au', 'nz'].includes(region)) return 'en-AU';
    return 'en-US';
  }
  return 'any';
}

/** What "Ignore" remembers: this change of these words. */
export const ignoreKey = (s) => `${s.original}\u0000${s.replacement}`;

/** Hide what the user asked not to see. */
export function filterSuggestions(suggestions, settings, ignored = new Set()) {
  const words = new Set(settings.dictionary.map((w) => w.toLowerCase()));
  const off = new Set(settings.disabledCategories);
  return suggestions.filter(
    (s) => !off.has(s.category) && !ignored.has(ignoreKey(s)) &&
      !(s.category === 'spelling' && words.has(s.original.toLowerCase())),
  );
}
