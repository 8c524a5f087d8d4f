// The rich-editor tests of editors.mjs in Firefox ESR with the extension.
import { launchFirefoxWithExtension } from './browsers.mjs';
import { editorTests } from './editors.mjs';

editorTests({ name: 'firefox', launch: launchFirefoxWithExtension });
