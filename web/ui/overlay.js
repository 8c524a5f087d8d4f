// Underlines for a <textarea> or <input>, drawn in an overlay that mirrors the field's text
// layout. The overlay never changes the page's layout: it is absolutely positioned in its
// own shadow root, transparent, and only the underlines take clicks.
//
// The underline colours are the group's shade for the field's side (light or dark background,
// contrast.js), and where that shade still has less than 3:1 on the field's own background
// (a mid-grey field), it is darkened or lightened until it has.

import { colorOf } from './categories.js';
import { effectiveBackground, ensureContrast, isDark } from './contrast.js';
import { shadowHost } from './shadow-host.js';

const COPIED_STYLES = [
  'boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderTopStyle',
  'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle', 'fontFamily', 'fontSize', 'fontWeight',
  'fontStyle', 'fontVariant', 'fontStretch', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textAlign',
  'textIndent', 'textTransform', 'tabSize', 'direction', 'unicodeBidi',
];

const STYLE = `
  :host { all: initial; }
  .mirror { position: absolute; top: 0; left: 0; overflow: hidden; color: transparent;
            pointer-events: none; border-color: transparent !important; background: transparent;
            margin: 0; }
  .mirror.multi { white-space: pre-wrap; overflow-wrap: break-word; }
  .mirror.single { white-space: pre; }
  .u { pointer-events: auto; cursor: pointer; border-bottom: 2px solid var(--c);
       background: color-mix(in srgb, var(--c) 8%, transparent); }
  .u:hover, .u:focus { background: color-mix(in srgb, var(--c) 22%, transparent); outline: none; }
`;

export class FieldOverlay {
  /**
   * @param {HTMLTextAreaElement|HTMLInputElement} field
   * @param {(suggestion, element: HTMLElement) => void} onOpen  called when an underline is clicked
   */
  constructor(field, onOpen) {
    this.field = field;
    this.onOpen = onOpen;
    this.suggestions = [];
    ({ host: this.host, root: this.root } = shadowHost(document, 'emend-overlay', 2147483646, 'pointer-events:none;'));
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.mirror = document.createElement('div');
    this.mirror.className = field instanceof HTMLTextAreaElement ? 'mirror multi' : 'mirror single';
    this.root.append(style, this.mirror);
    (field.ownerDocument.body || field.ownerDocument.documentElement).append(this.host);

    // Page scrolls and resizes move the overlay, once a frame at most. The field's own scroll
    // (every keystroke at the end of a long text) only scrolls the mirror: placing reads the
    // field's layout, which in a 1 MB textarea is a long task each time.
    this.queued = false;
    this.reposition = (e) => {
      if (e?.target === this.field || this.queued) return;
      this.queued = true;
      requestAnimationFrame(() => {
        this.queued = false;
        this.place();
      });
    };
    this.onScroll = () => this.syncScroll();
    field.addEventListener('scroll', this.onScroll, { passive: true });
    field.ownerDocument.defaultView.addEventListener('resize', this.reposition, { passive: true });
    field.ownerDocument.addEventListener('scroll', this.reposition, { passive: true, capture: true });
    this.resizeObserver = new ResizeObserver(this.reposition);
    this.resizeObserver.observe(field);
    this.place();
  }

  /** Show these suggestions (offsets into the field's current value). */
  render(suggestions) {
    this.stale = false;
    this.suggestions = suggestions;
    const text = this.field.value;
    const frag = document.createDocumentFragment();
    const bg = effectiveBackground(this.field);
    const dark = isDark(bg);
    const colors = new Map();
    const colorFor = (category) => {
      if (!colors.has(category)) colors.set(category, ensureContrast(colorOf(category, dark), bg, 3));
      return colors.get(category);
    };
    let at = 0;
    suggestions.forEach((s, i) => {
      if (s.start < at || s.end > text.length || text.slice(s.start, s.end) !== s.original) return;
      frag.append(text.slice(at, s.start));
      const u = document.createElement('span');
      u.className = 'u';
      u.tabIndex = -1;
      u.dataset.emendStart = String(s.start);
      u.dataset.emendEnd = String(s.end);
      u.dataset.emendCategory = s.category;
      u.dataset.index = String(i);
      u.style.setProperty('--c', colorFor(s.category));
      u.textContent = text.slice(s.start, s.end) || '\u200b';
      u.addEventListener('mousedown', (e) => e.preventDefault()); // keep the field's focus and caret
      u.addEventListener('click', (e) => {
        e.preventDefault();
        e.stopPropagation();
        if (!e.isTrusted) return; // only the user opens the card, never the page's script
        this.onOpen(s, u);
      });
      frag.append(u);
      at = s.end;
    });
    // A trailing newline needs a character after it to take up a line in the mirror.
    frag.append(text.slice(at) + '\u200b');
    this.mirror.replaceChildren(frag);
    this.place();
  }

  /** Hide the underlines until the next `render` (cheap: the mirror is not laid out while hidden). */
  hide() {
    this.stale = true;
    this.host.style.display = 'none';
  }

  underlines() {
    return [...this.mirror.querySelectorAll('.u')];
  }

  /** The client rect of suggestion `s`'s underline, or null (for the card opened from the keyboard). */
  rectOf(s) {
    const u = this.underlines().find((x) => Number(x.dataset.emendStart) === s.start && Number(x.dataset.emendEnd) === s.end);
    const rect = u?.getBoundingClientRect();
    return rect && (rect.width || rect.height) ? rect : null;
  }

  place() {
    if (this.stale) return; // hidden until the next render, which places it
    const f = this.field;
    const view = f.ownerDocument.defaultView;
    const rect = f.getBoundingClientRect();
    const cs = view.getComputedStyle(f);
    const m = this.mirror.style;
    for (const p of COPIED_STYLES) m[p] = cs[p];
    m.boxSizing = 'border-box';
    m.width = `${rect.width}px`;
    m.height = `${rect.height}px`;
    // A vertical scrollbar narrows the field's text box; the mirror has none, so pad for it.
    const scrollbar = f.offsetWidth - f.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    if (scrollbar > 0) m.paddingRight = `${parseFloat(cs.paddingRight) + scrollbar}px`;
    const hidden = cs.display === 'none' || cs.visibility === 'hidden' || rect.width === 0;
    this.host.style.display = hidden || this.stale ? 'none' : 'block';
    this.host.style.transform = `translate(${rect.left + view.scrollX}px, ${rect.top + view.scrollY}px)`;
    this.syncScroll();
  }

  syncScroll() {
    if (this.stale) return;
    this.mirror.scrollTop = this.field.scrollTop;
    this.mirror.scrollLeft = this.field.scrollLeft;
  }

  destroy() {
    this.field.removeEventListener('scroll', this.onScroll);
    this.field.ownerDocument.defaultView.removeEventListener('resize', this.reposition);
    this.field.ownerDocument.removeEventListener('scroll', this.reposition, { capture: true });
    this.resizeObserver.disconnect();
    this.host.remove();
  }
}
