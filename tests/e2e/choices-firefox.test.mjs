// choices.mjs in Firefox ESR set to British English (intl.accept_languages): the speller
// follows the browser's language with no setting touched.
import { launchFirefoxWithExtension } from './browsers.mjs';
import { EXTENSION_DIR, fixturesAnd } from './fixture-server.mjs';
import { choiceTests } from './choices.mjs';

const on = fixturesAnd(() => launchFirefoxWithExtension(EXTENSION_DIR, { 'intl.accept_languages': 'en-GB, en' }));

choiceTests({ name: 'firefox', on, british: true });
