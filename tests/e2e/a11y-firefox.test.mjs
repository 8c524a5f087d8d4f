// The keyboard and screen-reader tests of a11y.mjs in Firefox ESR with the extension. WebDriver
// BiDi's key actions are dispatched inside the page's process, where Firefox's shortcut
// handling never sees them (tried: Alt+Shift+G reached the page as keydowns and no command
// fired). So Firefox runs with -remote-allow-system-access, and a command's keys are pressed in
// the browser's own window through nsITextInputProcessor, as Firefox's own tests of extension
// commands do (EventUtils.synthesizeKey): the key goes through the browser window's key
// handling, which fires the command (browser.commands.onCommand), then takes the real path to
// the page. The same access lets BiDi open the options page (moz-extension://).
// Firefox's accessibility tree is not read here (no driver API for it); the DOM's ARIA is.
import { FIREFOX_EXTENSION_ORIGIN, launchFirefoxWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, fixturesAnd } from './fixture-server.mjs';
import { a11yTests } from './a11y.mjs';
import { until } from './drive.mjs';

const on = fixturesAnd(() => launchFirefoxWithExtension(EXTENSION_DIR, {}, ['-remote-allow-system-access']));

/** In the browser window (chrome scope): press `key` with `modifiers` as the keyboard would. */
function pressInBrowserWindow(modifiers, key) {
  const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
  const MODS = { Alt: ['Alt', 'AltLeft', 18], Shift: ['Shift', 'ShiftLeft', 16], Ctrl: ['Control', 'ControlLeft', 17] };
  const ev = (k, code, keyCode) => new KeyboardEvent('', { key: k, code, keyCode });
  for (const m of modifiers) tip.keydown(ev(...MODS[m]));
  const main = ev(key, `Key${key}`, key.charCodeAt(0));
  tip.keydown(main);
  tip.keyup(main);
  for (const m of modifiers.slice().reverse()) tip.keyup(ev(...MODS[m]));
  return gBrowser.selectedBrowser.currentURI.spec;
}

a11yTests({
  name: 'firefox',
  on,
  async command(page, parts, key) {
    const { result } = await on.browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const win = result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    const res = await on.browser.connection.send('script.callFunction', {
      functionDeclaration: pressInBrowserWindow.toString(),
      target: { context: win.context },
      arguments: [{ type: 'array', value: parts.map((p) => ({ type: 'string', value: p })) }, { type: 'string', value: key }],
      awaitPromise: false,
    });
    if (res.result.type !== 'success') throw new Error(`the key press in the browser window failed: ${JSON.stringify(res.result)}`);
    // The key went to the selected tab: the page under test (a11y.mjs brings it to the front).
    const url = res.result.result.value;
    if (url !== page.url()) throw new Error(`the selected tab is ${url}, not ${page.url()}`);
  },
  async optionsPage() {
    // Puppeteer waits in vain for the navigation to an extension page to be reported; BiDi
    // navigates without waiting, and the test polls the page it gets.
    const page = await on.browser.newPage();
    await on.browser.connection.send('browsingContext.navigate', { context: page.mainFrame()._id, url: `${FIREFOX_EXTENSION_ORIGIN}/options.html`, wait: 'none' });
    await until(page, () => document.title === 'Emend settings', null, { what: 'the options page' });
    return page;
  },
});
