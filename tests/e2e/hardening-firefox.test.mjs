// The trust tests of hardening.mjs in Firefox ESR with the extension, plus Firefox's own
// fault: the event page that holds the model unloaded when idle (here after 2 s instead of
// 30 s), after which the next keystroke must get a check again. Firefox's WebDriver BiDi
// will not open moz-extension:// pages, so the tests that read storage or inject faults
// through one run in Chromium only; the engine's own recovery is tested in Firefox by
// engine-recovery.test.mjs.
import { test } from 'node:test';
import { launchFirefoxWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, fixturesAnd } from './fixture-server.mjs';
import { sleep, until } from './drive.mjs';
import { installProbes } from './concurrent-edits.mjs';
import { hardeningTests } from './hardening.mjs';

const on = fixturesAnd(() => launchFirefoxWithExtension(EXTENSION_DIR));

hardeningTests({
  name: 'firefox',
  fields: () => on.fx.fields,
  hasExtPage: false,
  context: () => ({ newPage: () => on.browser.newPage() }),
});

test('firefox: after the event page holding the model is unloaded, the next keystroke is checked', async () => {
  const idle = await launchFirefoxWithExtension(EXTENSION_DIR, { 'extensions.background.idle.timeout': 2_000 });
  try {
    const page = await idle.newPage();
    await page.goto(on.fx.fields);
    await installProbes(page);
    await page.click('#textarea');
    await page.keyboard.type('She go to school.');
    await until(page, () => marksInPage('#textarea').some((m) => m.text === 'go'), null, { timeout: 120_000, what: '"go" underlined' });
    // Idle past the timeout (the content script's keep-alive pings come every 20 s, the first
    // 20 s after the warm-up): the event page goes, and the model with it.
    await sleep(8_000);
    await page.keyboard.type(' We buyed apples.');
    await until(page, () => marksInPage('#textarea').some((m) => m.text === 'buyed'), null, { timeout: 120_000, what: '"buyed" underlined after the unload' });
  } finally {
    await idle.close();
  }
});
