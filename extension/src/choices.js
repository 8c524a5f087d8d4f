// The two choices the popup and the options page both offer, built one way: the writer's
// English (the browser's by default, named so the user sees which) and how many suggestions.
// Each change is saved at once; every open field re-checks with it (content/site-settings.js).
import { fillSelect } from '../../web/ui/select.js';
import { DIALECTS, LEVELS, browserDialect, levelOf, saveSettings } from './settings.js';

/**
 * Fills `dialect` and `level` (select elements) from `settings` and saves the user's changes.
 * `languages`: the browser's, for the name of the default.
 */
export function bindChoices({ dialect, level }, settings, { languages = navigator.languages, onSaved = () => {} } = {}) {
  const auto = `As the browser: ${DIALECTS[browserDialect(languages)]}`;
  fillSelect(dialect, [['auto', auto], ...Object.entries(DIALECTS)], settings.dialect in DIALECTS ? settings.dialect : 'auto');
  fillSelect(level, Object.entries(LEVELS), levelOf(settings));
  dialect.addEventListener('change', () => saveSettings({ dialect: dialect.value }).then(onSaved));
  level.addEventListener('change', () => saveSettings({ level: level.value }).then(onSaved));
}
