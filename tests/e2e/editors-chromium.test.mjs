// The rich-editor tests of editors.mjs in headless Chromium with the unpacked extension.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { ARTIFACTS, launchChromiumWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, buildEditorFixtures, startFixtures } from './fixture-server.mjs';
import { editorTests } from './editors.mjs';

let fx, editors, context;

before(async () => {
  fx = await startFixtures();
  editors = await buildEditorFixtures(fx.base);
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromiumWithExtension(EXTENSION_DIR);
});

after(async () => {
  await context?.close();
  fx?.server.close();
  editors?.remove();
});

editorTests({ name: 'chromium', browser: () => context, url: (e) => editors.url(e) });
