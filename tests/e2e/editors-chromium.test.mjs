// The rich-editor tests of editors.mjs in headless Chromium with the unpacked extension.
import { launchChromiumWithExtension } from './browsers.mjs';
import { editorTests } from './editors.mjs';

editorTests({ name: 'chromium', launch: launchChromiumWithExtension });
