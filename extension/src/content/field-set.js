// The fields of this frame being checked, one Controller each (controller.js): made when the
// user first works in an eligible field while the site is on (main.js), dropped when the field
// leaves the page or the site is turned off. How many underlines they show goes to the
// background (MSG.count), which sums the tab's frames for the toolbar badge.
import { api } from '../api.js';
import { MSG } from '../../../web/protocol.js';
import { Controller } from './controller.js';
import { isEligible } from './fields.js';

export class FieldSet {
  /** `host`: what each controller asks of the page (controller.js), but `changed`, which is this. */
  constructor(host) {
    this.host = { ...host, changed: () => this.reportCount() };
    this.controllers = new Map(); // element -> Controller
  }

  get(el) {
    return this.controllers.get(el);
  }

  has(el) {
    return this.controllers.has(el);
  }

  /** Start checking `el`, if it is a field and not checked yet. */
  attach(el) {
    if (this.controllers.has(el) || !isEligible(el)) return;
    this.controllers.set(el, new Controller(el, this.host));
  }

  detachAll() {
    for (const c of this.controllers.values()) c.destroy();
    this.controllers.clear();
  }

  /** Drop the fields that `records` (a MutationObserver's) took out of the page. */
  dropRemoved(records) {
    if (!this.controllers.size) return;
    for (const r of records) {
      for (const n of r.removedNodes) {
        for (const [el, c] of this.controllers) if (n === el || (n instanceof Node && n.contains(el))) {
          c.destroy();
          this.controllers.delete(el);
        }
      }
    }
  }

  /** Draw every field's suggestions again (the settings changed); `recheck`: check them again too. */
  redraw(recheck) {
    for (const c of this.controllers.values()) {
      c.render();
      if (recheck) c.schedule(0);
    }
  }

  reportCount() {
    let n = 0;
    for (const c of this.controllers.values()) n += c.shown.length;
    api.runtime.sendMessage({ type: MSG.count, count: n }).catch(() => {});
  }
}
