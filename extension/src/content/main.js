// The content script: finds the text fields a user writes in, checks them through the
// background (the model never runs on the page's main thread), and draws the underlines
// and the card. Bundled into one classic script by extension/build.mjs.

import { FieldOverlay } from '../ui/overlay.js';
import { SuggestionCard } from '../ui/card.js';
import { afterFix, relocate, replaceInField } from '../ui/field-text.js';
import { EditableView } from './editable-view.js';
import { checkWindow } from './check-window.js';
import { filterSuggestions, ignoreKey, loadSettings, onSettingsChanged, saveSettings, siteEnabled } from '../settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const TEXT_INPUTS = new Set(['text', 'search', '']);
const host = location.hostname || location.protocol;

let settings = null;
let enabled = false;
const controllers = new Map(); // element -> Controller
const ignored = new Set();
let card = null;

function optedOut(el) {
  return el.closest('[data-gramm="false"], [data-emend="off"]') !== null || el.spellcheck === false ||
    el.getAttribute('spellcheck') === 'false';
}

function isEligible(el) {
  if (!(el instanceof HTMLElement) || optedOut(el)) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) return TEXT_INPUTS.has(el.type) && !el.readOnly && !el.disabled;
  return el.isContentEditable;
}

/** The editing host of a contenteditable target (the outermost editable element). */
function editingHost(el) {
  if (!el.isContentEditable) return el;
  let top = el;
  while (top.parentElement && top.parentElement.isContentEditable) top = top.parentElement;
  return top;
}

class Controller {
  constructor(el) {
    this.el = el;
    this.isField = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
    const open = (s, anchor) => this.open(s, anchor instanceof Element ? anchor.getBoundingClientRect() : anchor);
    this.view = this.isField ? new FieldOverlay(el, open) : new EditableView(el, open);
    this.all = [];
    this.shown = [];
    this.seq = 0;
    this.timer = null;
    this.onInput = () => {
      lastActive = Date.now();
      this.hideStale();
      this.schedule(settings.delayMs);
    };
    el.addEventListener('input', this.onInput);
    this.schedule(0);
  }

  text() {
    return this.isField ? this.el.value : this.view.text();
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), delay);
  }

  caret() {
    return this.isField ? this.el.selectionStart : this.view.caretOffset();
  }

  /** One request in flight per field: typing during a slow check asks for one more, not a queue. */
  async check() {
    if (this.busy) {
      this.again = true;
      return;
    }
    const text = this.text();
    if (!text.trim()) {
      this.all = [];
      this.render();
      return;
    }
    const win = checkWindow(text, this.caret());
    const mine = ++this.seq;
    let res;
    this.busy = true;
    try {
      res = await api.runtime.sendMessage({ type: 'check', text: win.text });
    } catch {
      return; // extension reloaded or background unavailable: keep the page as it is
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
    if (!res || !res.ok || mine !== this.seq || this.text() !== text || !controllers.has(this.el)) return;
    // A window's offsets are relative to its start; outside it nothing is underlined.
    this.all = res.suggestions.map((s) => ({ ...s, start: s.start + win.start, end: s.end + win.start }));
    this.render();
  }

  render() {
    this.shown = filterSuggestions(this.all, settings, ignored);
    this.view.render(this.shown);
    reportCount();
  }

  /** While typing, drop underlines whose words changed; the rest wait for the re-check. */
  hideStale() {
    const text = this.text();
    this.shown = this.shown.filter((s) => text.slice(s.start, s.end) === s.original);
    this.view.render(this.shown);
  }

  open(s, rect, focus = false) {
    card.controller = this;
    card.open(s, rect, { focus });
  }

  apply(s) {
    const text = this.text();
    const at = relocate(text, s.start, s.end, s.original);
    if (!at) return this.schedule(0); // the words are gone: never write over other text
    if (this.isField) replaceInField(this.el, at[0], at[1], s.replacement);
    else this.view.replace(at[0], at[1], s.replacement);
    this.all = afterFix(this.all, s, at);
    this.render();
    this.schedule(0);
  }

  caretSuggestion() {
    const caret = this.caret();
    return this.shown.find((s) => caret >= s.start && caret <= s.end) ?? this.shown.find((s) => s.start >= caret) ?? this.shown[0];
  }

  destroy() {
    clearTimeout(this.timer);
    this.el.removeEventListener('input', this.onInput);
    this.view.destroy();
  }
}

function attach(el) {
  if (!enabled || controllers.has(el) || !isEligible(el)) return;
  controllers.set(el, new Controller(el));
}

function detachAll() {
  for (const c of controllers.values()) c.destroy();
  controllers.clear();
  card?.close();
  reportCount();
}

function reportCount() {
  let n = 0;
  for (const c of controllers.values()) n += c.shown.length;
  api.runtime.sendMessage({ type: 'count', count: n }).catch(() => {});
}

// Focus reaches us from inside open shadow roots and same-document iframes' own scripts;
// composedPath()[0] is the real field even when the event was retargeted to a shadow host.
function onFocus(e) {
  const target = e.composedPath()[0];
  if (!(target instanceof HTMLElement)) return;
  const el = editingHost(target);
  attach(el);
  if (controllers.has(el)) warmUp();
}

// Loading the model takes seconds the first time; start it when the user enters a field, so
// it is usually ready by the time the first sentence is typed. Where the model lives in the
// background page itself (Firefox's event page, unloaded after ~30 s idle), keep it loaded
// while this visible page has had typing in the last few minutes.
const KEEP_WARM_FOR_MS = 5 * 60_000;
let warmed = false;
let lastActive = 0;
function warmUp() {
  lastActive = Date.now();
  if (warmed) return;
  warmed = true;
  api.runtime.sendMessage({ type: 'warm' }).then((res) => {
    if (!res?.keepAliveMs) return;
    setInterval(() => {
      if (document.visibilityState === 'visible' && Date.now() - lastActive < KEEP_WARM_FOR_MS) {
        api.runtime.sendMessage({ type: 'keepalive' }).catch(() => {});
      }
    }, res.keepAliveMs);
  }, () => {});
}

function scan(root) {
  root.querySelectorAll('textarea, input, [contenteditable]').forEach((el) => attach(editingHost(el)));
}

async function refreshSettings() {
  const before = settings?.dictionary.join('\n');
  settings = await loadSettings();
  // A new personal dictionary changes what the speller and the model see: check again.
  const recheck = before !== undefined && before !== settings.dictionary.join('\n');
  const now = siteEnabled(settings, host);
  if (now && !enabled) {
    enabled = true;
    scan(document);
    if (document.activeElement) attach(editingHost(document.activeElement));
  } else if (!now && enabled) {
    enabled = false;
    detachAll();
  } else {
    for (const c of controllers.values()) {
      c.render();
      if (recheck) c.schedule(0);
    }
  }
}

async function main() {
  card = new SuggestionCard(document, {
    onFix: (s) => card.controller?.apply(s),
    onIgnore: (s) => {
      ignored.add(ignoreKey(s));
      card.controller?.render();
    },
    onAddWord: async (s) => {
      const words = new Set(settings.dictionary);
      words.add(s.original);
      await saveSettings({ dictionary: [...words] });
    },
    onDisableCategory: async (s) => {
      await saveSettings({ disabledCategories: [...new Set([...settings.disabledCategories, s.category])] });
    },
  });
  document.addEventListener('focusin', onFocus, true);
  new MutationObserver((records) => {
    if (!enabled) return;
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (!(n instanceof HTMLElement)) continue;
        attach(editingHost(n));
        scan(n);
      }
      for (const n of r.removedNodes) {
        for (const [el, c] of controllers) if (n === el || (n instanceof Node && n.contains(el))) {
          c.destroy();
          controllers.delete(el);
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  api.runtime.onMessage.addListener((msg) => {
    if (msg?.type === 'open-suggestion') {
      const c = controllers.get(editingHost(document.activeElement ?? document.body));
      const s = c?.caretSuggestion();
      if (s) c.open(s, c.el.getBoundingClientRect(), true);
    }
  });
  onSettingsChanged(refreshSettings);
  await refreshSettings();
}

main();
