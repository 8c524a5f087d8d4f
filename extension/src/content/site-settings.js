// The settings as this frame follows them: read at start and again whenever they change in
// storage (the popup, the options page, "Add to dictionary" in any tab). The site turned on
// attaches the field the user is in, turned off drops every field; otherwise the fields are
// drawn again (categories, the personal dictionary hide suggestions), and checked again when
// what the engine is given changed (the personal dictionary, the dialect or the level).
import { loadSettings, onSettingsChanged, siteEnabled } from '../settings.js';

/** What the engine is given besides the text, as one key: a change of it re-checks. */
const engineSees = (s) => (s ? [s.dictionary.join('\n'), s.dialect, s.level].join('\u0000') : undefined);

export class SiteSettings {
  /**
   * @param {string} host  this page's host, the key of the per-site switch
   * @param {{on(), off(), changed(recheck: boolean)}} to  what the frame does on each change
   */
  constructor(host, to) {
    this.host = host;
    this.to = to;
    this.current = null; // the settings as last read
    this.enabled = false; // checking is on for this site
  }

  async refresh() {
    const before = engineSees(this.current);
    this.current = await loadSettings();
    const recheck = before !== undefined && before !== engineSees(this.current);
    const now = siteEnabled(this.current, this.host);
    if (now && !this.enabled) {
      this.enabled = true;
      this.to.on();
    } else if (!now && this.enabled) {
      this.enabled = false;
      this.to.off();
    } else {
      this.to.changed(recheck);
    }
  }

  /** Follow the settings from now on; resolves once they are first read. */
  start() {
    onSettingsChanged(() => this.refresh());
    return this.refresh();
  }
}
