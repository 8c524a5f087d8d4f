// The content script: finds the text fields a user writes in, checks them through the
// background (the model never runs on the page's main thread), and draws the underlines
// and the card. Bundled into one classic script by extension/build.mjs. This file wires the
// parts: which elements are fields (fields.js), the fields being checked (field-set.js, one
// controller.js each), the settings followed (site-settings.js), the model's warm-up
// (warm-up.js) and the keyboard commands (commands.js).
//
// Only the user starts checking a field: a field is taken on when a trusted pointer press,
// key press or input reaches it (events page script cannot forge; `focus()` from script
// fires trusted focus events, so focus alone does not count), and it must be visible then.
// So a page cannot have hidden or never-touched fields checked to learn what the speller
// (and the user's personal dictionary) says about words it chose. Likewise only trusted
// clicks act in the card (web/ui/card.js) and on underlines.

import { SuggestionCard } from '../../../web/ui/card.js';
import { MSG, isCommand } from '../../../web/protocol.js';
import { api } from '../api.js';
import { filterSuggestions, ignoreKey, loadSettings, mergeWords, saveSettings } from '../settings.js';
import { runCommand } from './commands.js';
import { FieldSet } from './field-set.js';
import { editingHost, isEligible, isVisible } from './fields.js';
import { SiteSettings } from './site-settings.js';
import { noteActivity, warmUp } from './warm-up.js';

const chosen = new WeakSet(); // fields the user has worked in (kept while the site is off)
const ignored = new Set();
let card = null;

/** Open the card for `controller`'s suggestion `s` below `rect`; `focus`: from the keyboard. */
function open(controller, s, rect, focus = false, returnFocus = null) {
  card.controller = controller;
  card.open(s, rect, { focus, returnFocus, dark: controller.dark() });
}

const site = new SiteSettings(location.hostname || location.protocol, {
  on: () => {
    const active = document.activeElement && editingHost(document.activeElement);
    if (active && chosen.has(active)) fields.attach(active);
  },
  off: () => {
    fields.detachAll();
    card?.close();
    fields.reportCount();
  },
  changed: (recheck) => fields.redraw(recheck),
});

const fields = new FieldSet({
  request: (text) => api.runtime.sendMessage({ type: MSG.check, text }),
  filter: (suggestions) => filterSuggestions(suggestions, site.current, ignored),
  delayMs: () => site.current.delayMs,
  open,
  typed: noteActivity,
});

// The user's own press, key or input in a field. Events reach us from inside open shadow
// roots and same-document iframes' own scripts; composedPath()[0] is the real field even
// when the event was retargeted to a shadow host.
function onUserEvent(e) {
  if (!e.isTrusted) return;
  const target = e.composedPath()[0];
  if (!(target instanceof HTMLElement)) return;
  const el = editingHost(target);
  if (!isEligible(el) || (!fields.has(el) && !isVisible(el))) return;
  chosen.add(el);
  if (site.enabled) fields.attach(el);
  if (fields.has(el)) warmUp();
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
      await saveSettings({ disabledCategories: [...new Set([...site.current.disabledCategories, s.category])] });
    },
  });
  for (const type of ['pointerdown', 'keydown', 'input']) document.addEventListener(type, onUserEvent, true);
  new MutationObserver((records) => fields.dropRemoved(records)).observe(document.documentElement, { childList: true, subtree: true });
  api.runtime.onMessage.addListener((msg) => {
    if (isCommand(msg)) runCommand(msg.command, card, fields, open);
  });
  await site.start();
}

main();
