// Everything the user can set, kept in storage.sync (small, follows the user) and read
// by every part of the extension through these helpers.
const api = globalThis.browser ?? globalThis.chrome;

export const DEFAULTS = {
  enabledByDefault: true,
  sites: {}, // host -> true/false, overrides enabledByDefault
  disabledCategories: [],
  dictionary: [],
  delayMs: 400,
};

export async function loadSettings() {
  const stored = await api.storage.sync.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

export async function saveSettings(patch) {
  await api.storage.sync.set(patch);
}

export function siteEnabled(settings, host) {
  return settings.sites[host] ?? settings.enabledByDefault;
}

export function onSettingsChanged(fn) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync') fn();
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
