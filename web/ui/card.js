// The suggestion card: the fix, a one-line reason, and what the user can do about it.
// Lives in its own shadow root (data-emend-host) so page styles cannot break it.
//
// Keyboard and screen readers: opened from a keyboard command, the card takes the focus on its
// fix button; Enter or Space presses it (a real key press on a focused button is a trusted
// click, so the page's script still cannot press it), Tab and Shift+Tab go round its buttons,
// Escape closes it, and closing it by key or by one of its buttons gives the focus and the caret
// back to the field where they were. It is a `dialog` named by its category and the words it
// is about, described by the reason (aria-describedby), and the fix button's name says what it
// does ("Replace ‘buyed’ with ‘bought’"). A polite live region says when the keyboard found
// nothing, or which suggestion of how many it went to.
//
// Colours follow the field's background (contrast.js): a dark card on a dark page. Measured
// text contrast: light card #202124 on #fff 16.1, category colours 4.51-4.77, white on the fix
// button 4.51-4.77; dark card #e8eaed on #292a2d 11.9, #9aa0a6 5.43, category colours 6.01-7.76,
// #202124 on the fix button 6.74-8.70.

import { CATEGORY_LABELS, colorOf, groupOf } from './categories.js';
import { shadowHost } from './shadow-host.js';

const STYLE = `
  :host { all: initial; }
  [role=dialog] { position: absolute; min-width: 220px; max-width: 340px; background: #fff; color: #202124;
    font: 14px/1.4 system-ui, sans-serif; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.22);
    padding: 10px 12px; pointer-events: auto; border-top: 3px solid var(--c);
    --muted: #5f6368; --btn: #f8f9fa; --btn-border: #dadce0; --on-c: #fff; --focus: #1a73e8; }
  [role=dialog].dark { background: #292a2d; color: #e8eaed; box-shadow: 0 4px 16px rgba(0,0,0,.6);
    border: 1px solid #5f6368; border-top: 3px solid var(--c);
    --muted: #9aa0a6; --btn: #3c4043; --btn-border: #5f6368; --on-c: #202124; --focus: #8ab4f8; }
  .cat { font-size: 12px; color: var(--c); font-weight: 600; margin-bottom: 4px; }
  .msg { margin: 2px 0 8px; }
  .fixes { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
  button { font: inherit; border-radius: 6px; border: 1px solid var(--btn-border); background: var(--btn); cursor: pointer;
    padding: 3px 8px; color: inherit; }
  button[data-emend-fix] { background: var(--c); color: var(--on-c); border-color: var(--c); font-weight: 600; }
  .orig { text-decoration: line-through; color: var(--muted); margin-right: 6px; }
  .actions { display: flex; gap: 6px; flex-wrap: wrap; }
  .actions button { font-size: 12px; }
  button:focus { outline: 2px solid var(--focus); outline-offset: 1px; } /* only keys focus them: a press keeps the field's focus */
  .status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/** What the fix button does, as a screen reader says it. */
export function fixLabel({ original, replacement }) {
  if (!original) return `Insert ‘${replacement}’`;
  if (!replacement) return `Delete ‘${original}’`;
  return `Replace ‘${original}’ with ‘${replacement}’`;
}

export class SuggestionCard {
  /**
   * @param {Document} doc
   * @param {{onFix, onIgnore, onAddWord, onDisableCategory}} actions
   */
  constructor(doc, actions) {
    this.doc = doc;
    this.actions = actions;
    ({ host: this.host, root: this.root } = shadowHost(doc, 'emend-card', 2147483647));
    const style = doc.createElement('style');
    style.textContent = STYLE;
    // Present before anything is said in it: screen readers read changes to a live region
    // they already know, not one that arrives with its text.
    this.status = doc.createElement('div');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.root.append(style, this.status);
    this.dialog = null;
    this.suggestion = null;
    this.returnFocus = null;
    this.onKey = (e) => {
      if (!this.dialog) return;
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close({ restore: true });
      } else if (e.key === 'Tab' && this.hasFocus()) {
        // Round the card's buttons: Tab must not leave a dialog for the page behind it.
        const buttons = [...this.dialog.querySelectorAll('button')];
        const i = buttons.indexOf(this.root.activeElement);
        buttons[(i + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length].focus();
        e.preventDefault();
        e.stopPropagation();
      }
    };
    this.onOutside = (e) => {
      if (this.dialog && !e.composedPath().includes(this.host)) this.close();
    };
  }

  attach() {
    // Never inside the text: where the body itself is the editor (TinyMCE's iframe), the card
    // goes after it, or the page's editor would take it for content.
    const body = this.doc.body;
    if (!this.host.isConnected) (body && !body.isContentEditable ? body : this.doc.documentElement).append(this.host);
  }

  /** Whether the focus is in the card. */
  hasFocus() {
    return Boolean(this.dialog && this.root.activeElement);
  }

  /** Say `text` through the polite live region. */
  announce(text) {
    this.attach();
    this.status.textContent = '';
    // A moment later, so a repeat of the same words is a change that is read again.
    setTimeout(() => (this.status.textContent = text), 50);
  }

  /**
   * Open for `suggestion`, anchored below the client rect `anchor`. `focus`: take the focus
   * (keyboard use); `returnFocus()` then gives it back to the field when the card closes by key
   * or by one of its buttons. `dark`: the field is on a dark background.
   */
  open(suggestion, anchor, { focus = false, returnFocus = null, dark = false } = {}) {
    this.close();
    const view = this.doc.defaultView;
    this.attach();
    const label = CATEGORY_LABELS[suggestion.category] ?? suggestion.category;
    const d = this.doc.createElement('div');
    d.setAttribute('role', 'dialog');
    d.setAttribute('aria-label', suggestion.original ? `${label}: ‘${suggestion.original}’` : label);
    d.setAttribute('aria-describedby', 'emend-reason');
    if (dark) d.classList.add('dark');
    d.style.setProperty('--c', colorOf(suggestion.category, dark));
    const cat = this.doc.createElement('div');
    cat.className = 'cat';
    cat.textContent = label;
    const msg = this.doc.createElement('div');
    msg.className = 'msg';
    msg.id = 'emend-reason';
    msg.textContent = suggestion.message;
    const fixes = this.doc.createElement('div');
    fixes.className = 'fixes';
    const orig = this.doc.createElement('span');
    orig.className = 'orig';
    orig.textContent = suggestion.original;
    orig.setAttribute('aria-hidden', 'true'); // the fix button's name says it
    const fix = this.doc.createElement('button');
    fix.setAttribute('data-emend-fix', '');
    fix.setAttribute('aria-label', fixLabel(suggestion));
    fix.textContent = suggestion.replacement;
    // Only the user's own clicks act: page script can reach this shadow root and call
    // .click(), which dispatches an untrusted event.
    fix.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      this.close({ restore: true });
      this.actions.onFix(suggestion);
    });
    fixes.append(orig, fix);
    const actions = this.doc.createElement('div');
    actions.className = 'actions';
    const add = (text, fn) => {
      const b = this.doc.createElement('button');
      b.textContent = text;
      b.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        this.close({ restore: true });
        fn(suggestion);
      });
      actions.append(b);
    };
    add('Ignore', this.actions.onIgnore);
    if (groupOf(suggestion.category) === 'spelling' && this.actions.onAddWord) add('Add to dictionary', this.actions.onAddWord);
    if (this.actions.onDisableCategory) add(`Turn off ${label.toLowerCase()}`, this.actions.onDisableCategory);
    d.append(cat, msg, fixes, actions);
    // A press in the card leaves the focus and the selection in the field (as a toolbar
    // button does): editors that react to losing the focus (Draft.js moves its caret when it
    // gets it back) see nothing, and the fix goes where the user's caret is. Clicks still act.
    d.addEventListener('mousedown', (e) => e.preventDefault());
    this.root.append(d);
    this.dialog = d;
    this.suggestion = suggestion;
    this.returnFocus = returnFocus;
    const left = Math.min(anchor.left, view.innerWidth - 350) + view.scrollX;
    d.style.left = `${Math.max(4, left)}px`;
    d.style.top = `${anchor.bottom + 6 + view.scrollY}px`;
    this.doc.addEventListener('keydown', this.onKey, true);
    this.doc.addEventListener('mousedown', this.onOutside, true);
    if (focus) fix.focus();
  }

  /** Close; `restore`: give the focus back to the field if the card had it. */
  close({ restore = false } = {}) {
    if (!this.dialog) return;
    const hadFocus = this.hasFocus();
    const giveBack = this.returnFocus;
    this.dialog.remove();
    this.dialog = null;
    this.suggestion = null;
    this.returnFocus = null;
    this.doc.removeEventListener('keydown', this.onKey, true);
    this.doc.removeEventListener('mousedown', this.onOutside, true);
    if (restore && hadFocus) giveBack?.();
  }

  destroy() {
    this.close();
    this.host.remove();
  }
}
