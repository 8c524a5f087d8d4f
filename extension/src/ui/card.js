// The suggestion card: the fix, a one-line reason, and what the user can do about it.
// Lives in its own shadow root (data-emend-host) so page styles cannot break it.

import { CATEGORY_LABELS, colorOf, groupOf } from './categories.js';

const STYLE = `
  :host { all: initial; }
  [role=dialog] { position: absolute; min-width: 220px; max-width: 340px; background: #fff; color: #202124;
    font: 14px/1.4 system-ui, sans-serif; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.22);
    padding: 10px 12px; pointer-events: auto; border-top: 3px solid var(--c); }
  .cat { font-size: 12px; color: var(--c); font-weight: 600; margin-bottom: 4px; }
  .msg { margin: 2px 0 8px; }
  .fixes { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
  button { font: inherit; border-radius: 6px; border: 1px solid #dadce0; background: #f8f9fa; cursor: pointer;
    padding: 3px 8px; color: #202124; }
  button[data-emend-fix] { background: var(--c); color: #fff; border-color: var(--c); font-weight: 600; }
  .orig { text-decoration: line-through; color: #5f6368; margin-right: 6px; }
  .actions { display: flex; gap: 6px; flex-wrap: wrap; }
  .actions button { font-size: 12px; }
  button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
`;

export class SuggestionCard {
  /**
   * @param {Document} doc
   * @param {{onFix, onIgnore, onAddWord, onDisableCategory}} actions
   */
  constructor(doc, actions) {
    this.doc = doc;
    this.actions = actions;
    this.host = doc.createElement('emend-card');
    this.host.setAttribute('data-emend-host', '');
    this.host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;z-index:2147483647;';
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    this.root.append(style);
    this.dialog = null;
    this.onKey = (e) => {
      if (e.key === 'Escape' && this.dialog) {
        e.stopPropagation();
        this.close();
      }
    };
    this.onOutside = (e) => {
      if (this.dialog && !e.composedPath().includes(this.host)) this.close();
    };
  }

  /** Open for `suggestion`, anchored below the client rect `anchor`. */
  open(suggestion, anchor, { focus = false } = {}) {
    this.close();
    const view = this.doc.defaultView;
    // Never inside the text: where the body itself is the editor (TinyMCE's iframe), the card
    // goes after it, or the page's editor would take it for content.
    const body = this.doc.body;
    if (!this.host.isConnected) (body && !body.isContentEditable ? body : this.doc.documentElement).append(this.host);
    const d = this.doc.createElement('div');
    d.setAttribute('role', 'dialog');
    d.setAttribute('aria-label', `${CATEGORY_LABELS[suggestion.category] ?? 'Suggestion'}: ${suggestion.message}`);
    d.style.setProperty('--c', colorOf(suggestion.category));
    const cat = this.doc.createElement('div');
    cat.className = 'cat';
    cat.textContent = CATEGORY_LABELS[suggestion.category] ?? suggestion.category;
    const msg = this.doc.createElement('div');
    msg.className = 'msg';
    msg.textContent = suggestion.message;
    const fixes = this.doc.createElement('div');
    fixes.className = 'fixes';
    const orig = this.doc.createElement('span');
    orig.className = 'orig';
    orig.textContent = suggestion.original;
    const fix = this.doc.createElement('button');
    fix.setAttribute('data-emend-fix', '');
    fix.textContent = suggestion.replacement;
    // Only the user's own clicks act: page script can reach this shadow root and call
    // .click(), which dispatches an untrusted event.
    fix.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      this.close();
      this.actions.onFix(suggestion);
    });
    fixes.append(orig, fix);
    const actions = this.doc.createElement('div');
    actions.className = 'actions';
    const add = (label, fn) => {
      const b = this.doc.createElement('button');
      b.textContent = label;
      b.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        this.close();
        fn(suggestion);
      });
      actions.append(b);
    };
    add('Ignore', this.actions.onIgnore);
    if (groupOf(suggestion.category) === 'spelling' && this.actions.onAddWord) add('Add to dictionary', this.actions.onAddWord);
    if (this.actions.onDisableCategory) {
      add(`Turn off ${(CATEGORY_LABELS[suggestion.category] ?? suggestion.category).toLowerCase()}`, this.actions.onDisableCategory);
    }
    d.append(cat, msg, fixes, actions);
    // A press in the card leaves the focus and the selection in the field (as a toolbar
    // button does): editors that react to losing the focus (Draft.js moves its caret when it
    // gets it back) see nothing, and the fix goes where the user's caret is. Clicks still act.
    d.addEventListener('mousedown', (e) => e.preventDefault());
    this.root.append(d);
    this.dialog = d;
    const left = Math.min(anchor.left, view.innerWidth - 350) + view.scrollX;
    d.style.left = `${Math.max(4, left)}px`;
    d.style.top = `${anchor.bottom + 6 + view.scrollY}px`;
    this.doc.addEventListener('keydown', this.onKey, true);
    this.doc.addEventListener('mousedown', this.onOutside, true);
    if (focus) fix.focus();
  }

  close() {
    if (!this.dialog) return;
    this.dialog.remove();
    this.dialog = null;
    this.doc.removeEventListener('keydown', this.onKey, true);
    this.doc.removeEventListener('mousedown', this.onOutside, true);
  }

  destroy() {
    this.close();
    this.host.remove();
  }
}
