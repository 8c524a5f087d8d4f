// The checker's categories, grouped into the three colours a user learns to read: red
// spelling, blue grammar, orange punctuation and style, each in a shade for light backgrounds
// (`color`) and one for dark backgrounds (`dark`). Underlines are non-text content, so each
// shade has at least 3:1 contrast (WCAG 1.4.11) on its side's backgrounds, and the card's
// coloured text and fix button at least 4.5:1 (WCAG 1.4.3). Measured (tests/js/contrast.test.mjs):
// light shades on white 4.77, 4.51, 4.65 and on #dadce0 (a grey field) 3.48, 3.28, 3.38; dark
// shades on #121212 7.84, 8.89, 10.13 and on #42414d (Firefox's dark field) 4.20, 4.76, 5.42.
// The orange was #e37400: 3.10 on white but 2.79 on #f1f3f4, so it became #b06000.
// On mid greys (#585858 to #d2d2d2, with the side chosen by contrast.js's isDark) some shade
// falls below 3:1: form-field underlines are adjusted to 3:1 there (overlay.js), contenteditable
// highlights keep their side's shade (their styles are fixed in extension/static/content.css).

export const GROUPS = {
  spelling: { label: 'Spelling', color: '#d93025', dark: '#f28b82' },
  grammar: { label: 'Grammar', color: '#1a73e8', dark: '#8ab4f8' },
  style: { label: 'Punctuation & style', color: '#b06000', dark: '#fcad70' },
};

const GROUP_OF = {
  spelling: 'spelling',
  grammar: 'grammar',
  'verb-form': 'grammar',
  agreement: 'grammar',
  determiner: 'grammar',
  preposition: 'grammar',
  'missing-word': 'grammar',
  'unnecessary-word': 'grammar',
  'word-order': 'grammar',
  punctuation: 'style',
  capitalization: 'style',
  'word-choice': 'style',
};

export const CATEGORY_LABELS = {
  spelling: 'Spelling',
  grammar: 'Grammar',
  'verb-form': 'Verb form',
  agreement: 'Agreement',
  determiner: 'Article / determiner',
  preposition: 'Preposition',
  'missing-word': 'Missing word',
  'unnecessary-word': 'Unnecessary word',
  'word-order': 'Word order',
  punctuation: 'Punctuation',
  capitalization: 'Capitalization',
  'word-choice': 'Word choice',
};

export function groupOf(category) {
  return GROUP_OF[category] ?? 'grammar';
}

/** The group colour of `category`, in its shade for a dark background where `dark`. */
export function colorOf(category, dark = false) {
  const g = GROUPS[groupOf(category)];
  return dark ? g.dark : g.color;
}
