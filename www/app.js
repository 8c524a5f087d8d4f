// The demo page: the textarea, its underlines and card, driven by the wasm core in a worker.
// Everything but the page's own wiring is web/'s, the same code the extension runs: the engine
// client and worker (web/engine/, the wasm in web/engine/pkg), the overlay and card (web/ui/),
// the suggestions carried through edits (web/ui/tracked.js) and what the user hides
// (web/preferences.js).
import { EngineClient } from '../web/engine/client.js';
import { FieldOverlay } from '../web/ui/overlay.js';
import { SuggestionCard } from '../web/ui/card.js';
import { replaceInField } from '../web/ui/field-text.js';
import { Tracked } from '../web/ui/tracked.js';
import { fillSelect } from '../web/ui/select.js';
import { DIALECTS, LEVELS, browserDialect, filterSuggestions, ignoreKey } from '../web/preferences.js';

const editor = document.getElementById('editor');
const statusEl = document.getElementById('status');
const latencyEl = document.getElementById('latency');
const decoderEl = document.getElementById('decoder');
const listEl = document.getElementById('list');
const dialectEl = document.getElementById('dialect');
const levelEl = document.getElementById('level');
// The writer's English (the browser's by default) and how many suggestions: both switch live.
for (const [el, choices, value] of [[dialectEl, DIALECTS, browserDialect(navigator.languages)], [levelEl, LEVELS, 'balanced']]) {
  fillSelect(el, Object.entries(choices), value);
  el.addEventListener('change', () => schedule(0));
}

const engine = new EngineClient(new URL('../web/engine/worker.js', import.meta.url));
const ignored = new Set();
// The demo keeps its choices for the page's lifetime; the extension keeps them in storage.
const settings = { dictionary: [], disabledCategories: [] };
const tracked = new Tracked(null); // base null: nothing checked yet
let seq = 0;
let ready = false;

const visible = (all) => filterSuggestions(all, settings, ignored);

const card = new SuggestionCard(document, {
  onFix: (s) => applyFix(s),
  onIgnore: (s) => { ignored.add(ignoreKey(s)); show(); },
  onAddWord: (s) => { settings.dictionary.push(s.original); show(); },
  onDisableCategory: (s) => { settings.disabledCategories.push(s.category); show(); },
});
const overlay = new FieldOverlay(editor, (s, el) => card.open(s, el.getBoundingClientRect()));

function show() {
  const list = visible(tracked.all);
  overlay.render(list);
  listEl.replaceChildren(...list.map((s) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.textContent = `${s.original} → ${s.replacement}`;
    b.addEventListener('click', () => applyFix(s));
    li.append(b, ` — ${s.message}`);
    return li;
  }));
}

function applyFix(s) {
  // The text may have changed since the check: apply only where the same words still are.
  const before = editor.value;
  const at = tracked.locate(s, before);
  if (!at) return schedule(0);
  replaceInField(editor, at[0], at[1], s.replacement);
  // Carry the other underlines through both changes so they stay on their words until the
  // re-check lands (the fixed words drop out).
  tracked.fixed(before, editor.value);
  show();
  schedule(0);
}

async function check() {
  if (!ready) return;
  const text = editor.value;
  const mine = ++seq;
  try {
    const res = await engine.check(text, decoderEl.value, { dialect: dialectEl.value, level: levelEl.value });
    if (mine !== seq || editor.value !== text) return; // stale: a newer check is coming
    tracked.set(res.result.suggestions, text);
    const st = res.result.stats;
    latencyEl.textContent = `${res.ms.toFixed(1)} ms · ${st.sentences} sentences (${st.cached} cached) · ` +
      `${st.decoderPasses} decoder passes · ${(res.memoryBytes / 2 ** 20).toFixed(0)} MiB wasm memory`;
    show();
  } catch (e) {
    statusEl.textContent = `Check failed: ${e.message}`;
    statusEl.classList.add('error');
  }
}

let timer = null;
function schedule(delay = 300) {
  clearTimeout(timer);
  timer = setTimeout(check, delay);
}

editor.addEventListener('input', () => {
  // Underlines follow their words; those the typing touched disappear until the re-check.
  if (tracked.base !== null && editor.value !== tracked.base) {
    tracked.follow(editor.value);
    show();
  }
  schedule();
});
decoderEl.addEventListener('change', () => schedule(0));

engine
  .load(new URL('../web/engine/pkg/emend_bg.wasm', import.meta.url), new URL('../model/', import.meta.url))
  .then((res) => {
    ready = true;
    statusEl.textContent = `Model ready in ${res.timings.totalMs.toFixed(0)} ms`;
    statusEl.dataset.state = 'ready';
    schedule(0);
  })
  .catch((e) => {
    statusEl.textContent = `Model failed to load: ${e.message}`;
    statusEl.classList.add('error');
    statusEl.dataset.state = 'error';
  });
