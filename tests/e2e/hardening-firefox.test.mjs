// The trust tests of hardening.mjs in Firefox ESR with the extension, plus Firefox's own
// fault: the event page that holds the model unloaded when idle (here after 2 s instead of
// 30 s), after which the next keystroke must get a check again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { ARTIFACTS, FIREFOX_EXTENSION_ORIGIN, launchFirefoxWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, startFixtures } from './fixture-server.mjs';
import { sleep, toBackground, until } from './drive.mjs';
import { installProbes } from './concurrent-edits.mjs';
import { hardeningTests } from './hardening.mjs';

let fx, browser, ext;

async function openOptions(b) {
  const page = await b.newPage();
  await page.goto(`${FIREFOX_EXTENSION_ORIGIN}/options.html`);
  return page;
}

before(async () => {
  fx = await startFixtures();
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchFirefoxWithExtension(EXTENSION_DIR);
  ext = await openOptions(browser);
});

after(async () => {
  await browser?.close();
  fx?.server.close();
});

hardeningTests({
  name: 'firefox',
  fields: () => fx.fields,
  context: () => ({ newPage: () => browser.newPage(), ext }),
});

test('firefox: after the event page holding the model is unloaded, the next keystroke is checked', async () => {
  const idle = await launchFirefoxWithExtension(EXTENSION_DIR, { 'extensions.background.idle.timeout': 2_000 });
  try {
    const options = await openOptions(idle);
    const page = await idle.newPage();
    await page.goto(fx.fields);
    await installProbes(page);
    await page.click('#textarea');
    await page.keyboard.type('She go to school.');
    await until(page, () => marksInPage('#textarea').some((m) => m.text === 'go'), null, { timeout: 120_000, what: '"go" underlined' });
    assert.equal((await toBackground(options, { type: 'status', tabId: -1 })).model, 'ready');
    // Idle past the timeout (the content script's keep-alive pings come every 20 s only while
    // the page had typing; the first is 20 s away): the event page goes, and the model with it.
    await sleep(8_000);
    const fresh = await toBackground(options, { type: 'status', tabId: -1 });
    assert.notEqual(fresh.model, 'ready', `the event page was unloaded (status ${fresh.model})`);
    await page.keyboard.type(' We buyed apples.');
    await until(page, () => marksInPage('#textarea').some((m) => m.text === 'buyed'), null, { timeout: 120_000, what: '"buyed" underlined after the unload' });
  } finally {
    await idle.close();
  }
});
