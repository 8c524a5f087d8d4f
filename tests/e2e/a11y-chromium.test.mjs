// The keyboard and screen-reader tests of a11y.mjs in headless Chromium with the unpacked
// extension. A command's keys are pressed through CDP's Input.dispatchKeyEvent as a raw key
// down: Chromium gives it to its own shortcut handling first, as it does a key from the
// keyboard, so the extension's command fires (chrome.commands.onCommand) and takes the real
// path to the page. (Playwright's keyboard.press sends a key with text, which the browser hands
// to the page and never takes for a shortcut.) The accessibility tree is Chromium's own (CDP).
import { launchChromiumWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, fixturesAnd } from './fixture-server.mjs';
import { a11yTests } from './a11y.mjs';

const on = fixturesAnd(async () => {
  const context = await launchChromiumWithExtension(EXTENSION_DIR);
  const [worker] = context.serviceWorkers().length ? context.serviceWorkers() : [await context.waitForEvent('serviceworker')];
  context.extensionId = new URL(worker.url()).host;
  return context;
});

const MODIFIERS = { Alt: 1, Ctrl: 2, Command: 4, Shift: 8 };
const sessions = new WeakMap();
const cdp = async (page) => {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  return sessions.get(page);
};

a11yTests({
  name: 'chromium',
  on,
  async command(page, parts, key) {
    const modifiers = parts.reduce((m, p) => m | MODIFIERS[p], 0);
    const code = key.charCodeAt(0);
    const session = await cdp(page);
    for (const type of ['rawKeyDown', 'keyUp']) {
      await session.send('Input.dispatchKeyEvent', { type, modifiers, key, code: `Key${key}`, windowsVirtualKeyCode: code, nativeVirtualKeyCode: code });
    }
  },
  async axTree(page) {
    const { nodes } = await (await cdp(page)).send('Accessibility.getFullAXTree');
    return nodes.filter((n) => !n.ignored).map((n) => ({
      role: n.role?.value, name: n.name?.value, description: n.description?.value,
      focused: n.properties?.some((p) => p.name === 'focused' && p.value.value) ?? false,
    }));
  },
  async optionsPage() {
    const page = await on.browser.newPage();
    await page.goto(`chrome-extension://${on.browser.extensionId}/options.html`);
    return page;
  },
});
