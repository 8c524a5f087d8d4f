// One field's checking: when to check (debounced, one request in flight), which part of the
// text (check-window.js), where the suggestions are now (web/ui/tracked.js), drawing them
// (the form-field overlay or the contenteditable view), applying a fix, and which suggestion
// a keyboard command goes to (keyboard.js).
//
// Suggestions are kept with the text they hold for (`base`). Whatever changes the text, the
// user, the page's own script (with or without an `input` event) or a fix, they are carried
// to the new text through the change, and those the change touched are dropped: a fix is
// applied only where its words are still there, unchanged, else the field is checked again.
//
// Big fields stay off the keystroke path: above BIG_FIELD units a keystroke only hides the
// underlines (no relayout of the overlay's mirror of the whole text); they come back with
// the next result. Above WINDOW_LIMIT the words around the caret are checked first (a small
// window, seconds sooner on a cold model), then the wider window.

import { FieldOverlay } from '../../../web/ui/overlay.js';
import { replaceInField } from '../../../web/ui/field-text.js';
import { Tracked } from '../../../web/ui/tracked.js';
import { effectiveBackground, isDark } from '../../../web/ui/contrast.js';
import { EditableView } from './editable-view.js';
import { isFormField } from './fields.js';
import { pickSuggestion } from './keyboard.js';
import { NEAR_LIMIT, WINDOW_LIMIT, checkWindow } from './check-window.js';

/** Above this many UTF-16 units a keystroke does not redraw the overlay. */
export const BIG_FIELD = 20_000;
/** How often a focused field's text is compared with the text its underlines are for. */
const WATCH_MS = 500;

export class Controller {
  /**
   * @param {HTMLElement} el  a textarea, text input or contenteditable editing host
   * @param {{request(text): Promise<object>, filter(suggestions): object[], delayMs(): number,
   *          open(controller, suggestion, rect, focus), changed(), typed()}} host
   */
  constructor(el, host) {
    this.el = el;
    this.host = host;
    this.isField = isFormField(el);
    // The card gets the suggestion with the text it was made for, to find its words again.
    const open = (s, anchor) =>
      host.open(this, { ...s, base: this.tracked.base }, anchor instanceof Element ? anchor.getBoundingClientRect() : anchor);
    this.view = this.isField ? new FieldOverlay(el, open) : new EditableView(el, open);
    this.tracked = new Tracked(); // the suggestions, with the text they hold for
    this.shown = [];
    this.timer = null;
    this.busy = false;
    this.again = false;
    this.hidden = false;
    this.lastInput = 0;
    this.onInput = () => {
      host.typed();
      this.lastInput = Date.now();
      // A big field's text is not even read on a keystroke (a 1 MB textarea's `value` costs
      // tens of milliseconds to build): its underlines hide until the next check.
      if (this.tracked.base.length > BIG_FIELD) this.hideAll();
      else this.follow(true);
      this.schedule(host.delayMs());
    };
    el.addEventListener('input', this.onInput);
    // A page may change the text with no event at all (a framework re-render sets `value`):
    // while the field has the focus, look twice a second whether the text is still the one
    // the underlines were drawn for, and if not, carry them over and check again.
    this.watch = null;
    this.ticks = 0;
    this.onFocus = () => {
      clearInterval(this.watch);
      this.watch = setInterval(() => {
        if (Date.now() - this.lastInput < 2 * WATCH_MS) return; // typing: the input events tell
        // A big field's text costs milliseconds to read: every fourth tick (2 s) there.
        if (this.tracked.base.length > BIG_FIELD && ++this.ticks % 4) return;
        if (this.text() !== this.tracked.base) {
          this.follow(true);
          this.schedule(host.delayMs());
        }
      }, WATCH_MS);
    };
    this.onBlur = () => clearInterval(this.watch);
    el.addEventListener('focusin', this.onFocus);
    el.addEventListener('focusout', this.onBlur);
    // In a field checked by windows, moving the caret far from the last window checks there.
    this.checkedAround = null;
    this.onMove = (e) => {
      if (this.checkedAround === null || this.tracked.base.length <= WINDOW_LIMIT) return;
      // Keys that move the caret only: reading the caret of a 1 MB textarea is not free.
      if (e.type === 'keyup' && !/^(Arrow|Page|Home|End)/.test(e.key)) return;
      if (Math.abs(this.caret() - this.checkedAround) > NEAR_LIMIT / 2) this.schedule(host.delayMs());
    };
    el.addEventListener('pointerup', this.onMove);
    el.addEventListener('keyup', this.onMove);
    if (el.contains(el.ownerDocument.activeElement)) this.onFocus();
    this.schedule(0);
  }

  text() {
    return this.isField ? this.el.value : this.view.text();
  }

  caret() {
    return this.isField ? this.el.selectionStart : this.view.caretOffset();
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), delay);
  }

  /** Carry the suggestions to the text as it is now; `typing`: from a keystroke. */
  follow(typing = false) {
    const now = this.text();
    this.tracked.follow(now);
    if (typing && now.length > BIG_FIELD) this.hideAll();
    else this.render();
  }

  hideAll() {
    if (this.hidden) return;
    this.hidden = true;
    this.view.hide();
  }

  /** One request in flight per field: typing during a slow check asks for one more, not a queue. */
  async check() {
    if (this.busy) {
      this.again = true;
      return;
    }
    const text = this.text();
    if (!text.trim()) {
      this.tracked.set([], text);
      this.render();
      return;
    }
    this.busy = true;
    try {
      const caret = this.caret();
      this.checkedAround = caret;
      const windows = text.length > NEAR_LIMIT && text.length > WINDOW_LIMIT / 2
        ? [checkWindow(text, caret, NEAR_LIMIT), checkWindow(text, caret, WINDOW_LIMIT)]
        : [checkWindow(text, caret, WINDOW_LIMIT)];
      for (const win of windows) {
        const sent = Date.now();
        const res = await this.host.request(win.text).catch(() => null);
        if (!res?.ok || this.destroyed) return; // the background says what failed (popup)
        // A window's offsets are relative to its start; the text may have moved on since.
        const found = res.suggestions.map((s) => ({ ...s, start: s.start + win.start, end: s.end + win.start }));
        this.tracked.follow(text);
        const kept = this.tracked.all.filter((s) => s.end <= win.start || s.start >= win.start + win.text.length);
        this.tracked.set([...kept, ...found].sort((a, b) => a.start - b.start), text);
        // A big field typed in meanwhile: keep the result; the check the typing asked for
        // draws it (drawing now would lay out the whole mirror between two keystrokes).
        if (text.length > BIG_FIELD && this.lastInput > sent) break;
        this.tracked.follow(this.text());
        this.render();
        if (this.again) break; // the text changed: the next round checks it
      }
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  render() {
    this.hidden = false;
    this.shown = this.host.filter(this.tracked.all);
    this.view.render(this.shown);
    this.host.changed();
  }

  /**
   * Apply `s`, made for the text `s.base`, where its words are now; if the text changed there
   * since, write nothing and check again. Returns whether the fix was applied.
   */
  apply(s) {
    const before = this.text();
    const at = this.tracked.locate(s, before);
    if (!at) {
      this.follow();
      this.schedule(0);
      return false;
    }
    // The others, carried through any change before the fix and then through the fix itself
    // (which drops the fixed words and whatever touches them), once the field shows it.
    const fixed = () => {
      if (this.destroyed) return;
      this.tracked.fixed(before, this.text());
      this.render();
      this.schedule(0);
    };
    if (this.isField) {
      replaceInField(this.el, at[0], at[1], s.replacement);
      fixed();
    } else {
      this.view.replace(at[0], at[1], s.replacement, fixed);
    }
    return true;
  }

  /**
   * The suggestion a keyboard command goes to (keyboard.js), from the caret or, while the card
   * shows `from` for this field, from that suggestion; with its text. Null if there is none.
   */
  pick(command, from = null) {
    this.follow();
    const at = from && this.tracked.locate(from, this.tracked.base);
    const s = pickSuggestion(this.shown, at ? at[0] : Math.max(0, this.caret()), command, Boolean(at));
    return s && { ...s, base: this.tracked.base };
  }

  /** Where the card for `s` goes: below its words, or below the field if they are out of sight. */
  rectOf(s) {
    return this.view.rectOf(s) ?? this.el.getBoundingClientRect();
  }

  /** Whether the field's text is on a dark background (the card follows it). */
  dark() {
    return isDark(effectiveBackground(this.el));
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.timer);
    clearInterval(this.watch);
    this.el.removeEventListener('input', this.onInput);
    this.el.removeEventListener('focusin', this.onFocus);
    this.el.removeEventListener('focusout', this.onBlur);
    this.el.removeEventListener('pointerup', this.onMove);
    this.el.removeEventListener('keyup', this.onMove);
    this.view.destroy();
  }
}
