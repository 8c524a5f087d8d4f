// A keyboard command (open, next, previous suggestion: keyboard.js) from the background, which
// has it from the browser's own shortcut handling (manifest.json `commands`), so a page cannot
// send one. It acts in the frame whose field (or whose card) has the focus: the card opens on
// the suggestion the command goes to, with the focus on its fix, and remembers where the focus
// and caret were in the field, to give them back.
import { restoreCaret, saveCaret } from './keyboard.js';
import { deepActiveElement, editingHost } from './fields.js';

/**
 * Run `command` with the frame's `card` and `fields` (field-set.js); `open(controller,
 * suggestion, rect, focus, returnFocus)` opens the card. From an open card the command moves
 * from the card's suggestion, and gives back what the first one saved.
 */
export function runCommand(command, card, fields, open) {
  if (!document.hasFocus()) return; // another frame's
  const inCard = card.hasFocus();
  const c = inCard ? card.controller : fields.get(editingHost(deepActiveElement() ?? document.body));
  if (!c || c.destroyed) return;
  const from = card.dialog && card.controller === c ? card.suggestion : null;
  const s = c.pick(command, from);
  if (!s) {
    card.announce('No suggestions in this field');
    return;
  }
  const saved = inCard ? card.returnFocus : ((at) => () => restoreCaret(at))(saveCaret(c.el));
  open(c, s, c.rectOf(s), true, saved);
  const i = c.shown.findIndex((x) => x.start === s.start && x.end === s.end);
  card.announce(`Suggestion ${i + 1} of ${c.shown.length}`);
}
