// A field's suggestions kept with the text they hold for (`base`), and carried to the text as
// it is now through every change (field-text.js `remap`): typing, the page's own script, a fix.
// Those a change touched drop out until the next check. The demo page (www/app.js) and the
// extension's per-field controller (extension/src/content/controller.js) both keep theirs here.

import { locate, remap } from './field-text.js';

export class Tracked {
  constructor(base = '') {
    this.all = []; // suggestions for `base`, sorted by start
    this.base = base;
  }

  /** A check's result: `all`, made for `base`. */
  set(all, base) {
    this.all = all;
    this.base = base;
  }

  /** Carry the suggestions to `now`. */
  follow(now) {
    this.all = remap(this.all, this.base, now);
    this.base = now;
  }

  /** Where the words of `s` (made for `s.base`, else for `base`) are in `now`, or null if changed. */
  locate(s, now) {
    return locate(s.base ?? this.base, now, s);
  }

  /**
   * After a fix: carry the others through any change before it (to `before`, the text the fix
   * was written into) and then through the fix itself (to `after`), which drops the fixed
   * words and whatever touches them.
   */
  fixed(before, after) {
    this.all = remap(remap(this.all, this.base, before), before, after);
    this.base = after;
  }
}
