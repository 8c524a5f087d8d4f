// Underlines for a contenteditable element. Where the CSS Custom Highlight API exists the
// words are marked with highlights named `emend-<group>` (styled by content.css), which
// never touch the editor's DOM; elsewhere, boxes in an overlay at the words' client rects.
// A click on an underlined word opens the card either way.

import { groupOf, colorOf } from '../ui/categories.js';
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
    if (!HIGHLIGHTS) {
      this.host = el.ownerDocument.createElement('emend-overlay');
      this.host.setAttribute('data-emend-host', '');
      this.host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;z-index:2147483646;pointer-events:none;';
      this.root = this.host.attachShadow({ mode: 'open' });
      el.ownerDocument.body.append(this.host);
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
    if (HIGHLIGHTS) {
      const byName = new Map();
      for (const s of this.suggestions) {
        const r = rangeFor(this.snap, s.start, s.end);
        if (!r) continue;
        const name = `emend-${groupOf(s.category)}`;
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
          `width:${rect.width}px;height:${rect.height}px;border-bottom:2px solid ${colorOf(s.category)};pointer-events:auto;cursor:pointer;`;
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

  caretOffset() {
    const sel = this.el.ownerDocument.getSelection();
    if (!sel || !sel.rangeCount || !this.el.contains(sel.anchorNode)) return -1;
    this.snap = snapshot(this.el);
    return offsetOf(this.snap, sel.anchorNode, sel.anchorOffset);
  }

  /** Replace [start, end) with text as typing would (undo, beforeinput for editors), keep the caret. */
  replace(start, end, text) {
    const doc = this.el.ownerDocument;
    const caret = this.caretOffset();
    const r = rangeFor(this.snap, start, end);
    if (!r) return false;
    this.el.focus();
    const sel = doc.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    const ok = doc.execCommand('insertText', false, text);
    if (!ok) {
      r.deleteContents();
      r.insertNode(doc.createTextNode(text));
      this.el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
    }
    if (caret >= 0) {
      const delta = text.length - (end - start);
      const pos = caret >= end ? caret + delta : caret <= start ? caret : start + text.length;
      this.snap = snapshot(this.el);
      const back = rangeFor(this.snap, pos, pos);
      if (back) {
        sel.removeAllRanges();
        sel.addRange(back);
      }
    }
    return true;
  }

  destroy() {
    this.el.removeEventListener('click', this.onClick);
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
