// The two choices the popup and the options page both offer, built one way: the writer's
// English (the browser's by default, named so the user sees which) and how many suggestions.
// Each change is saved at once; every open field re-checks with it (content/site-settings.js).
import { DIALECTS, LEVELS, browserDialect, saveSettings } from './settings.js';

function fill(select, entries, value) {
  select.replaceChildren(...entries.map(([key, label]) => {
    const o = select.ownerDocument.createElement('option');
    o.value = key;
    o.textContent = label;
    return o;
  }));
  select.value = value;
}

/**
 * Fills `dialect` and `level` (select elements) from `settings` and saves the user's changes.
 * `languages`: the browser's, for the name of the default.
 */
export function bindChoices({ dialect, level }, settings, { languages = navigator.languages, onSaved = () => {} } = {}) {
  const auto = `As the browser: ${DIALECTS[browserDialect(languages)]}`;
  fill(dialect, [['auto', auto], ...Object.entries(DIALECTS)], settings.dialect in DIALECTS ? settings.dialect : 'auto');
  fill(level, Object.entries(LEVELS), settings.level in LEVELS ? settings.level : 'balanced');
  dialect.addEventListener('change', () => saveSettings({ dialect: dialect.value }).then(onSaved));
  level.addEventListener('change', () => saveSettings({ level: level.value }).then(onSaved));
}
