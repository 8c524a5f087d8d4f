// Everything the user can set, read by every part of the extension through these helpers.
// Small settings live in storage.sync (they follow the user). The personal dictionary lives in
// storage.local: one storage.sync item holds at most 8,192 bytes (QUOTA_BYTES_PER_ITEM), so a
// dictionary kept there stopped growing at about 450 words without a word of warning; local
// storage holds megabytes. A dictionary left in storage.sync by an older version is merged
// into the local one (no word lost) and then removed from sync, once. What the choices mean
// (the dialects and levels offered, what is hidden) is web/preferences.js, shared with the demo.
import { api } from './api.js';
import { DIALECTS, LEVELS, browserDialect } from '../../web/preferences.js';

export { DIALECTS, LEVELS, browserDialect, filterSuggestions, ignoreKey } from '../../web/preferences.js';

export const DEFAULTS = {
  enabledByDefault: true,
  sites: {}, // host -> true/false, overrides enabledByDefault
  disabledCategories: [],
  dictionary: [],
  delayMs: 400,
  dialect: 'auto', // 'auto': from the browser's languages (`dialectOf`), or one of DIALECTS
  level: 'balanced', // one of LEVELS
};

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
