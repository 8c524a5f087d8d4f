// choices.mjs in headless Chromium (American English, the browser's default here), the popup
// driven as a user would.
import { launchChromiumWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, fixturesAnd } from './fixture-server.mjs';
import { choiceTests } from './choices.mjs';

const on = fixturesAnd(() => launchChromiumWithExtension(EXTENSION_DIR));

async function popup(context) {
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  await page.waitForFunction(() => document.querySelectorAll('#dialect option').length > 1);
  return page;
}

choiceTests({ name: 'chromium', on, popup, british: false });
