// Options page: default on/off, delay, the writer's English, how many suggestions, categories, personal dictionary (edit/import/export), sites.
import { api } from './api.js';
import { CATEGORY_LABELS } from '../../web/ui/categories.js';
import { COMMANDS } from '../../web/protocol.js';
import { loadSettings, saveSettings } from './settings.js';
import { bindChoices } from './choices.js';

const $ = (id) => document.getElementById(id);
const flash = (msg) => {
  $('saved').textContent = msg;
  setTimeout(() => ($('saved').textContent = ''), 1500);
};
const words = (text) => [...new Set(text.split(/\r?\n/).map((w) => w.trim()).filter(Boolean))];

async function render() {
  const s = await loadSettings();
  $('enabledByDefault').checked = s.enabledByDefault;
  $('delayMs').value = s.delayMs;
  $('dictionary').value = s.dictionary.join('\n');
  $('categories').replaceChildren(...Object.entries(CATEGORY_LABELS).map(([key, label]) => {
    const l = document.createElement('label');
    l.className = 'row';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !s.disabledCategories.includes(key);
    box.addEventListener('change', async () => {
      const cur = new Set((await loadSettings()).disabledCategories);
      box.checked ? cur.delete(key) : cur.add(key);
      await saveSettings({ disabledCategories: [...cur] });
      flash('Saved');
    });
    l.append(box, label);
    return l;
  }));
  $('sites').replaceChildren(...Object.entries(s.sites).map(([host, on]) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.textContent = 'Forget';
    b.addEventListener('click', async () => {
      const cur = { ...(await loadSettings()).sites };
      delete cur[host];
      await saveSettings({ sites: cur });
      render();
    });
    li.append(`${host}: ${on ? 'on' : 'off'} `, b);
    return li;
  }));
}

loadSettings().then((s) => bindChoices({ dialect: $('dialect'), level: $('level') }, s, { onSaved: () => flash('Saved') }));
$('enabledByDefault').addEventListener('change', (e) => saveSettings({ enabledByDefault: e.target.checked }).then(() => flash('Saved')));
$('delayMs').addEventListener('change', (e) => {
  const v = Math.min(3000, Math.max(100, Number(e.target.value) || 400));
  saveSettings({ delayMs: v }).then(() => flash('Saved'));
});
$('save-dictionary').addEventListener('click', () => saveSettings({ dictionary: words($('dictionary').value) }).then(() => flash('Saved')));
$('export').addEventListener('click', async () => {
  const blob = new Blob([(await loadSettings()).dictionary.join('\n') + '\n'], { type: 'text/plain' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'emend-dictionary.txt';
  a.click();
  URL.revokeObjectURL(a.href);
});
$('import').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const merged = words([(await loadSettings()).dictionary.join('\n'), await file.text()].join('\n'));
  await saveSettings({ dictionary: merged });
  await render();
  flash(`Imported; ${merged.length} words`);
});

render();

// The shortcuts as the browser has them now (the user may have changed them), and the way to
// change them: Firefox opens its own shortcut settings; Chrome keeps them on
// chrome://extensions/shortcuts. Text from the browser goes in as text, never as HTML.
async function renderShortcuts() {
  // getAll's order is the browser's; the list's is COMMANDS'.
  const commands = ((await api.commands?.getAll?.()) ?? []).filter((c) => COMMANDS.includes(c.name))
    .sort((a, b) => COMMANDS.indexOf(a.name) - COMMANDS.indexOf(b.name));
  $('shortcuts').replaceChildren(...commands.map((c) => {
    const li = document.createElement('li');
    li.dataset.command = c.name;
    const kbd = document.createElement('kbd');
    kbd.id = `shortcut-${c.name}`;
    kbd.textContent = c.shortcut || 'not set';
    li.append(kbd, ` ${c.description}`);
    return li;
  }));
}
$('change-shortcut').addEventListener('click', () => {
  if (api.commands?.openShortcutSettings) api.commands.openShortcutSettings();
  else api.tabs.create({ url: 'chrome://extensions/shortcuts' });
});
renderShortcuts();
// Back from the browser's shortcut settings (Chrome's is another tab), or changed there (Firefox).
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && renderShortcuts());
api.commands?.onChanged?.addListener(renderShortcuts);
