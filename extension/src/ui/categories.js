// The checker's categories, grouped into the three colours a user learns to read.

export const GROUPS = {
  spelling: { label: 'Spelling', color: '#d93025' },
  grammar: { label: 'Grammar', color: '#1a73e8' },
  style: { label: 'Punctuation & style', color: '#e37400' },
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

export function colorOf(category) {
  return GROUPS[groupOf(category)].color;
}
