// The content script: finds the text fields a user writes in, checks them through the
// background (the model never runs on the page's main thread), and draws the underlines
// and the card. Bundled into one classic script by extension/build.mjs.
//
// Only the user starts checking a field: a field is taken on when a trusted pointer press,
// key press or input reaches it (events page script cannot forge; `focus()` from script
// fires trusted focus events, so focus alone does not count), and it must be visible then.
// So a page cannot have hidden or never-touched fields checked to learn what the speller
// (and the user's personal dictionary) says about words it chose. Likewise only trusted
// clicks act in the card (card.js) and on underlines.
//
// Keyboard commands (open, next, previous suggestion: keyboard.js) come from the background,
// which gets them from the browser's own shortcut handling (manifest.json `commands`); a page
// cannot send them. They act in the frame whose field (or whose card) has the focus.

import { SuggestionCard } from '../ui/card.js';
import { Controller } from './controller.js';
import { COMMANDS, restoreCaret, saveCaret } from './keyboard.js';
import { filterSuggestions, ignoreKey, loadSettings, mergeWords, onSettingsChanged, saveSettings, siteEnabled } from '../settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const TEXT_INPUTS = new Set(['text', 'search', '']);
const host = location.hostname || location.protocol;

let settings = null;
let enabled = false;
const controllers = new Map(); // element -> Controller
const chosen = new WeakSet(); // fields the user has worked in (kept while the site is off)
const ignored = new Set();
let card = null;

// The page's own word, in attributes: `spellcheck="false"` on the field or around it. Not
// the `spellcheck` property, which is the browser's default too: Firefox does not spellcheck
// single-line inputs, so it reads false on every <input>, which left them all unchecked.
function optedOut(el) {
  return el.closest('[data-gramm="false"], [data-emend="off"], [spellcheck="false"]') !== null;
}

function isEligible(el) {
  if (!(el instanceof HTMLElement) || optedOut(el)) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) return TEXT_INPUTS.has(el.type) && !el.readOnly && !el.disabled;
  return el.isContentEditable;
}

/** Whether a person can see the field: rendered, not transparent, with some of it on screen. */
function isVisible(el) {
  if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < view.innerHeight && r.left < view.innerWidth;
}

/** The editing host of a contenteditable target (the outermost editable element). */
function editingHost(el) {
  if (!el.isContentEditable) return el;
  let top = el;
  while (top.parentElement && top.parentElement.isContentEditable) top = top.parentElement;
  return top;
}

const controllerHost = {
  request: (text) => api.runtime.sendMessage({ type: 'check', text }),
  filter: (suggestions) => filterSuggestions(suggestions, settings, ignored),
  delayMs: () => settings.delayMs,
  open: (controller, s, rect, focus = false, returnFocus = null) => {
    card.controller = controller;
    card.open(s, rect, { focus, returnFocus, dark: controller.dark() });
  },
  changed: () => reportCount(),
  typed: () => {
    lastActive = Date.now();
  },
};

function attach(el) {
  if (!enabled || controllers.has(el) || !isEligible(el)) return;
  controllers.set(el, new Controller(el, controllerHost));
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

// The user's own press, key or input in a field. Events reach us from inside open shadow
// roots and same-document iframes' own scripts; composedPath()[0] is the real field even
// when the event was retargeted to a shadow host.
function onUserEvent(e) {
  if (!e.isTrusted) return;
  const target = e.composedPath()[0];
  if (!(target instanceof HTMLElement)) return;
  const el = editingHost(target);
  if (!isEligible(el) || (!controllers.has(el) && !isVisible(el))) return;
  chosen.add(el);
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

async function refreshSettings() {
  const engineSees = (s) => (s ? [s.dictionary.join('\n'), s.dialect, s.level].join('\u0000') : undefined);
  const before = engineSees(settings);
  settings = await loadSettings();
  // A new personal dictionary, dialect or level changes what the engine finds: check again.
  const recheck = before !== undefined && before !== engineSees(settings);
  const now = siteEnabled(settings, host);
  if (now && !enabled) {
    enabled = true;
    const active = document.activeElement && editingHost(document.activeElement);
    if (active && chosen.has(active)) attach(active);
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

/** The focused element, inside open shadow roots too. */
function deepActiveElement() {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * A keyboard command: open the card on the suggestion it goes to, with the focus on its fix,
 * and remember where the focus and caret were in the field, to give them back. From an open
 * card the command moves from the card's suggestion, and gives back what the first one saved.
 */
function onCommand(command) {
  if (!document.hasFocus()) return; // another frame's
  const inCard = card.hasFocus();
  const c = inCard ? card.controller : controllers.get(editingHost(deepActiveElement() ?? document.body));
  if (!c || c.destroyed) return;
  const from = card.dialog && card.controller === c ? card.suggestion : null;
  const s = c.pick(command, from);
  if (!s) {
    card.announce('No suggestions in this field');
    return;
  }
  const saved = inCard ? card.returnFocus : ((at) => () => restoreCaret(at))(saveCaret(c.el));
  controllerHost.open(c, s, c.rectOf(s), true, saved);
  const i = c.shown.findIndex((x) => x.start === s.start && x.end === s.end);
  card.announce(`Suggestion ${i + 1} of ${c.shown.length}`);
}

async function main() {
  card = new SuggestionCard(document, {
    onFix: (s) => card.controller?.apply(s),
    onIgnore: (s) => {
      ignored.add(ignoreKey(s));
      card.controller?.render();
    },
    onAddWord: async (s) => {
      await saveSettings({ dictionary: mergeWords((await loadSettings()).dictionary, [s.original]) });
    },
    onDisableCategory: async (s) => {
      await saveSettings({ disabledCategories: [...new Set([...settings.disabledCategories, s.category])] });
    },
  });
  for (const type of ['pointerdown', 'keydown', 'input']) document.addEventListener(type, onUserEvent, true);
  new MutationObserver((records) => {
    if (!controllers.size) return;
    for (const r of records) {
      for (const n of r.removedNodes) {
        for (const [el, c] of controllers) if (n === el || (n instanceof Node && n.contains(el))) {
          c.destroy();
          controllers.delete(el);
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  api.runtime.onMessage.addListener((msg) => {
    if (msg?.type === 'command' && COMMANDS.includes(msg.command)) onCommand(msg.command);
  });
  onSettingsChanged(refreshSettings);
  await refreshSettings();
}

main();
