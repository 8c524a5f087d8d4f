// The rich-editor tests of editors.mjs in Firefox ESR with the extension.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { ARTIFACTS, launchFirefoxWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, buildEditorFixtures, startFixtures } from './fixture-server.mjs';
import { editorTests } from './editors.mjs';

let fx, editors, browser;

before(async () => {
  fx = await startFixtures();
  editors = await buildEditorFixtures(fx.base);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchFirefoxWithExtension(EXTENSION_DIR);
});

after(async () => {
  await browser?.close();
  fx?.server.close();
  editors?.remove();
});

editorTests({ name: 'firefox', browser: () => browser, url: (e) => editors.url(e) });
