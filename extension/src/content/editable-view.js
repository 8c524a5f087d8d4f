// Underlines for a contenteditable element. Where the CSS Custom Highlight API exists the
// words are marked with highlights named `emend-<group>` (styled by content.css), which
// never touch the editor's DOM; elsewhere, boxes in an overlay at the words' client rects.
// A click on an underlined word opens the card either way. On a dark background (the
// field's effective background, web/ui/contrast.js) the names end in `-dark`: lighter shades.

import { groupOf, colorOf } from '../../../web/ui/categories.js';
import { effectiveBackground, isDark } from '../../../web/ui/contrast.js';
import { shadowHost } from '../../../web/ui/shadow-host.js';
import { offsetOf, rangeFor, snapshot } from './editable-text.js';

const HIGHLIGHTS = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';
// Ranges of every editable on this page, by highlight name. Firefox's content scripts cannot
// iterate CSS.highlights, so this list is the only record of which names exist.
const registry = new Map(); // name -> Map(view -> Range[])

function publish(name) {
  const all = [...(registry.get(name)?.values() ?? [])].flat();
  if (all.length) CSS.highlights.set(name, new Highlight(...all));
  else CSS.highlights.delete(name);
}

function caretPoint(doc, x, y) {
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p && { node: p.offsetNode, offset: p.offset };
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r && { node: r.startContainer, offset: r.startOffset };
}

export class EditableView {
  constructor(el, onOpen) {
    this.el = el;
    this.onOpen = onOpen;
    this.suggestions = [];
    this.snap = snapshot(el);
    this.names = new Set();
    this.onClick = (e) => this.click(e);
    el.addEventListener('click', this.onClick);
    // Where the user's caret was last in the field: a click on the card moves the selection
    // out of it in Firefox, and the fix must keep the caret where the user left it.
    this.lastPoint = null;
    this.onSelection = () => {
      const sel = el.ownerDocument.getSelection();
      if (sel?.rangeCount && el.contains(sel.anchorNode)) this.lastPoint = { node: sel.anchorNode, offset: sel.anchorOffset };
    };
    el.ownerDocument.addEventListener('selectionchange', this.onSelection);
    if (!HIGHLIGHTS) {
      ({ host: this.host, root: this.root } = shadowHost(el.ownerDocument, 'emend-overlay', 2147483646, 'pointer-events:none;'));
      const body = el.ownerDocument.body; // not inside the text where the body is the editor
      (body && !body.isContentEditable ? body : el.ownerDocument.documentElement).append(this.host);
      this.reposition = () => this.drawBoxes();
      el.ownerDocument.addEventListener('scroll', this.reposition, { passive: true, capture: true });
      el.ownerDocument.defaultView.addEventListener('resize', this.reposition, { passive: true });
    }
  }

  text() {
    this.snap = snapshot(this.el);
    return this.snap.text;
  }

  render(suggestions) {
    this.snap = snapshot(this.el);
    this.suggestions = suggestions.filter((s) => this.snap.text.slice(s.start, s.end) === s.original);
    this.dark = isDark(effectiveBackground(this.el));
    if (HIGHLIGHTS) {
      const byName = new Map();
      for (const s of this.suggestions) {
        const r = rangeFor(this.snap, s.start, s.end);
        if (!r) continue;
        const name = `emend-${groupOf(s.category)}${this.dark ? '-dark' : ''}`;
        if (!byName.has(name)) byName.set(name, []);
        byName.get(name).push(r);
      }
      for (const name of new Set([...this.names, ...byName.keys()])) {
        if (!registry.has(name)) registry.set(name, new Map());
        if (byName.has(name)) registry.get(name).set(this, byName.get(name));
        else registry.get(name).delete(this);
        publish(name);
      }
      this.names = new Set(byName.keys());
    } else {
      this.drawBoxes();
    }
  }

  /** Hide the underlines until the next `render`. */
  hide() {
    this.suggestions = [];
    if (HIGHLIGHTS) {
      for (const name of this.names) {
        registry.get(name)?.delete(this);
        publish(name);
      }
      this.names.clear();
    } else {
      this.root.replaceChildren();
    }
  }

  drawBoxes() {
    const view = this.el.ownerDocument.defaultView;
    const boxes = [];
    for (const s of this.suggestions) {
      const r = rangeFor(this.snap, s.start, s.end);
      if (!r) continue;
      for (const rect of r.getClientRects()) {
        const u = this.el.ownerDocument.createElement('span');
        u.dataset.emendStart = String(s.start);
        u.dataset.emendEnd = String(s.end);
        u.dataset.emendCategory = s.category;
        u.style.cssText = `position:absolute;left:${rect.left + view.scrollX}px;top:${rect.top + view.scrollY}px;` +
          `width:${rect.width}px;height:${rect.height}px;border-bottom:2px solid ${colorOf(s.category, this.dark)};pointer-events:auto;cursor:pointer;`;
        u.addEventListener('mousedown', (e) => e.preventDefault());
        u.addEventListener('click', (e) => {
          e.preventDefault();
          if (!e.isTrusted) return;
          this.onOpen(s, u.getBoundingClientRect());
        });
        boxes.push(u);
      }
    }
    this.root.replaceChildren(...boxes);
  }

  /** The suggestion under a click on the editor's text, if any. */
  click(e) {
    if (!this.suggestions.length || !e.isTrusted) return;
    const p = caretPoint(this.el.ownerDocument, e.clientX, e.clientY);
    if (!p || !this.el.contains(p.node)) return;
    const off = offsetOf(this.snap, p.node, p.offset);
    const s = this.suggestions.find((x) => off >= x.start && off <= x.end);
    if (!s) return;
    const r = rangeFor(this.snap, s.start, s.end);
    this.onOpen(s, r ? r.getBoundingClientRect() : this.el.getBoundingClientRect());
  }

  suggestionAt(off) {
    return this.suggestions.find((x) => off >= x.start && off <= x.end);
  }

  /** The client rect of suggestion `s`'s words, or null (for the card opened from the keyboard). */
  rectOf(s) {
    this.snap = snapshot(this.el);
    const r = rangeFor(this.snap, s.start, s.end);
    const rect = r?.getBoundingClientRect();
    return rect && (rect.width || rect.height) ? rect : null;
  }

  /** The caret's text offset; where the selection is elsewhere, where it last was in the field (`last`), or -1. */
  caretOffset(last = true) {
    const sel = this.el.ownerDocument.getSelection();
    let at = sel?.rangeCount && this.el.contains(sel.anchorNode) ? { node: sel.anchorNode, offset: sel.anchorOffset } : null;
    if (!at && last && this.lastPoint && this.el.contains(this.lastPoint.node)) at = this.lastPoint;
    if (!at) return -1;
    this.snap = snapshot(this.el);
    return offsetOf(this.snap, at.node, at.offset);
  }

  /**
   * Replace [start, end) with text as typing would, keep the caret. An editor with a model of
   * its own (Slate, Lexical, CKEditor 5, Quill) takes the text from a `beforeinput` event, as it
   * takes the user's typing, into its model and its undo history; where none takes it, the
   * browser inserts it as typed (execCommand: the page's undo, and editors that read the DOM,
   * such as ProseMirror, CodeMirror and Draft.js, see it). `settled()` is called once the field
   * shows the fix (an editor may draw it a moment later), or gives up waiting.
   */
  replace(start, end, text, settled = () => {}) {
    const doc = this.el.ownerDocument;
    const caret = this.caretOffset();
    const before = this.snap.text;
    const r = rangeFor(this.snap, start, end);
    if (!r) return false;
    this.el.focus();
    const sel = doc.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    // Editors learn of a new selection from `selectionchange`, which the browser sends a moment
    // later; one that inserts at the selection it knows (Draft.js, where Firefox sends it a
    // textInput for execCommand) must know this one first.
    doc.dispatchEvent(new Event('selectionchange'));
    const target = new StaticRange({ startContainer: r.startContainer, startOffset: r.startOffset, endContainer: r.endContainer, endOffset: r.endOffset });
    const taken = !this.el.dispatchEvent(new InputEvent('beforeinput', {
      inputType: 'insertText', data: text, targetRanges: [target], bubbles: true, cancelable: true, composed: true,
    }));
    if (!taken) {
      let typed = false; // the browser inserted it (an editor may have taken it instead: Draft.js, from textInput in Firefox)
      const seen = (e) => { typed ||= e.isTrusted && e.inputType === 'insertText'; };
      this.el.addEventListener('input', seen, true);
      const ok = doc.execCommand('insertText', false, text);
      this.el.removeEventListener('input', seen, true);
      if (ok) {
        // The browser calls that insertion typing (`insertText`); an editor with undo levels
        // of its own (TinyMCE) makes a replacement by a spellchecker a step of its own, after
        // typing that had none yet: say it was one, with no data that could be inserted again.
        if (typed) this.el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
      } else {
        r.deleteContents();
        r.insertNode(doc.createTextNode(text));
        this.el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
      }
    }
    const expected = before.slice(0, start) + text + before.slice(end);
    const delta = text.length - (end - start);
    const pos = caret < 0 ? -1 : caret >= end ? caret + delta : caret <= start ? caret : start + text.length;
    this.keepCaret(expected, pos, [start, start + text.length], settled);
    return true;
  }

  /**
   * Once the field reads `expected`, put the caret at `pos` (unless -1). An editor that takes
   * the fix into its model draws it and puts the caret after it itself, after the event (a
   * microtask, a render): look again for a short while, and move the caret only from where
   * the fix left it (`own`: the fixed words' edges); a caret anyone else moved stays.
   */
  keepCaret(expected, pos, own, settled, tries = 0) {
    const sel = this.el.ownerDocument.getSelection();
    this.snap = snapshot(this.el);
    // Firefox may turn a space next to the fix into a no-break space as it inserts.
    const shown = this.snap.text.replace(/\u00a0/g, ' ') === expected.replace(/\u00a0/g, ' ');
    let more = tries < 60; // up to a second for the editor to draw it
    if (shown) {
      const now = this.caretOffset(false);
      if (pos >= 0 && now !== pos && own.includes(now)) {
        const back = rangeFor(this.snap, pos, pos);
        if (back) {
          sel.removeAllRanges();
          sel.addRange(back);
        }
      } else if (now !== pos) {
        more = false;
      }
      settled?.();
      settled = null;
      more &&= tries < 6;
    }
    if (more && !this.destroyed && (pos >= 0 || !shown)) setTimeout(() => this.keepCaret(expected, pos, own, settled, tries + 1), 16);
    else settled?.();
  }

  destroy() {
    this.destroyed = true;
    this.el.removeEventListener('click', this.onClick);
    this.el.ownerDocument.removeEventListener('selectionchange', this.onSelection);
    for (const name of this.names) {
      registry.get(name)?.delete(this);
      publish(name);
    }
    this.names.clear();
    if (this.host) {
      this.el.ownerDocument.removeEventListener('scroll', this.reposition, { capture: true });
      this.el.ownerDocument.defaultView.removeEventListener('resize', this.reposition);
      this.host.remove();
    }
  }
}
