// Everything the user can set, read by every part of the extension through these helpers.
// Small settings live in storage.sync (they follow the user). The personal dictionary lives in
// storage.local: one storage.sync item holds at most 8,192 bytes (QUOTA_BYTES_PER_ITEM), so a
// dictionary kept there stopped growing at about 450 words without a word of warning; local
// storage holds megabytes. A dictionary left in storage.sync by an older version is merged
// into the local one (no word lost) and then removed from sync, once.
const api = globalThis.browser ?? globalThis.chrome;

export const DEFAULTS = {
  enabledByDefault: true,
  sites: {}, // host -> true/false, overrides enabledByDefault
  disabledCategories: [],
  dictionary: [],
  delayMs: 400,
  dialect: 'auto', // 'auto': from the browser's languages (`dialectOf`), or one of DIALECTS
  level: 'balanced', // one of LEVELS
};

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

/** The dialect the engine is given: the user's choice, else the browser's. */
export function dialectOf(settings, languages = globalThis.navigator?.languages ?? []) {
  return settings.dialect in DIALECTS ? settings.dialect : browserDialect(languages);
}

/** The level the engine is given (an unknown value, from a newer version: balanced). */
export const levelOf = (settings) => (settings.level in LEVELS ? settings.level : 'balanced');

/** Settings kept in storage.local rather than storage.sync. */
const LOCAL_KEYS = new Set(['dictionary']);
const SYNC_KEYS = Object.keys(DEFAULTS).filter((k) => !LOCAL_KEYS.has(k));

/** Words of `lists` in first-seen order, each once. */
export const mergeWords = (...lists) => [...new Set(lists.flat().filter((w) => typeof w === 'string' && w))];

export async function loadSettings() {
  // One read of each area; the sync read also asks for a dictionary an older version left there.
  const [synced, local] = await Promise.all([api.storage.sync.get([...SYNC_KEYS, 'dictionary']), api.storage.local.get([...LOCAL_KEYS])]);
  if (Array.isArray(synced.dictionary)) {
    local.dictionary = mergeWords(local.dictionary ?? [], synced.dictionary);
    await api.storage.local.set({ dictionary: local.dictionary });
    await api.storage.sync.remove('dictionary');
  }
  delete synced.dictionary;
  return { ...DEFAULTS, ...synced, ...local };
}

export async function saveSettings(patch) {
  const sync = {};
  const local = {};
  for (const [k, v] of Object.entries(patch)) (LOCAL_KEYS.has(k) ? local : sync)[k] = v;
  if (Object.keys(local).length) await api.storage.local.set(local);
  if (Object.keys(sync).length) await api.storage.sync.set(sync);
}

export function siteEnabled(settings, host) {
  return settings.sites[host] ?? settings.enabledByDefault;
}

export function onSettingsChanged(fn) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' || (area === 'local' && Object.keys(changes).some((k) => LOCAL_KEYS.has(k)))) fn();
  });
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
