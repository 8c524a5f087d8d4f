// The trust tests of hardening.mjs in headless Chromium with the unpacked extension, plus
// Chrome's own fault: the offscreen document that holds the model closed.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { ARTIFACTS, launchChromiumWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, startFixtures } from './fixture-server.mjs';
import { hardeningTests } from './hardening.mjs';

let fx, context, ext;

before(async () => {
  fx = await startFixtures();
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromiumWithExtension(EXTENSION_DIR);
  const [worker] = context.serviceWorkers().length ? context.serviceWorkers() : [await context.waitForEvent('serviceworker')];
  ext = await context.newPage();
  await ext.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
});

after(async () => {
  await context?.close();
  fx?.server.close();
});

hardeningTests({
  name: 'chromium',
  hasExtPage: true,
  fields: () => fx.fields,
  context: () => ({ newPage: () => context.newPage(), ext }),
  restartModel: async () => {
    const [worker] = context.serviceWorkers();
    await worker.evaluate(() => chrome.offscreen.closeDocument());
  },
});
