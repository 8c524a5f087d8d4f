// Serves the repository (fixtures, demo) on 127.0.0.1, after bundling the framework fixtures.
import { after, before } from 'node:test';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { ARTIFACTS } from './browsers.mjs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const EXTENSION_DIR = fileURLToPath(new URL('../../dist/extension', import.meta.url));

export async function startFixtures() {
  await build({
    entryPoints: [`${HERE}fixtures/fixtures.jsx`],
    outfile: `${HERE}fixtures/fixtures.bundle.js`,
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const server = await startServer(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  return { server, base, fields: `${base}/tests/e2e/fixtures/fields.html` };
}

/**
 * The rich-editor fixtures (tests/e2e/fixtures/editors/: Lexical, Quill, Slate, CKEditor 5,
 * TinyMCE, Draft.js, CodeMirror 6, ProseMirror and a mail composer's contenteditable),
 * bundled from node_modules into a folder of this process's own (test files run two at a
 * time), for the fixture server at `base`. Returns the URL of editor `name`'s page and a cleanup.
 */
export async function buildEditorFixtures(base) {
  const src = `${HERE}fixtures/editors/`;
  const dir = `editors-out/${process.pid}`;
  const out = `${HERE}fixtures/${dir}`;
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: ['lexical.js', 'quill.js', 'slate.jsx', 'ckeditor.js', 'tinymce.js', 'draft.jsx', 'codemirror.js', 'prosemirror.js', 'mail.js'].map((f) => src + f),
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    jsx: 'automatic',
    loader: { '.css': 'text' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'warning',
  });
  copyFileSync(`${src}index.html`, `${out}/index.html`);
  return {
    url: (name) => `${base}/tests/e2e/fixtures/${dir}/index.html?e=${name}`,
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}

// The README's promise: a newcomer types this, sees each error underlined, fixes each with a click.
export const NEWCOMER = 'She go to school yesterday and buyed a apple.';
export const NEWCOMER_FIXED = 'She went to school yesterday and bought an apple.';

// Known errors; the shipped model reliably fixes at least the lower-case "i".
export const TEXT = 'She go to school yesterday and buyed a apple. In addition to that, i like reading books.';

/**
 * For a test file: hooks that start the fixture server and `launch()` a browser before its
 * tests and close both after them. The returned object holds them (`fx`, `browser`) once started.
 */
export function fixturesAnd(launch) {
  const state = { fx: null, browser: null };
  before(async () => {
    state.fx = await startFixtures();
    mkdirSync(ARTIFACTS, { recursive: true });
    state.browser = await launch();
  });
  after(async () => {
    await state.browser?.close();
    state.fx?.server.close();
  });
  return state;
}
