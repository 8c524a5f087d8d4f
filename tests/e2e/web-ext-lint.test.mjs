// Mozilla's linter on the built extension: no errors (warnings are about keys one browser ignores).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXTENSION_DIR } from './fixture-server.mjs';

test('web-ext lint reports 0 errors', () => {
  const bin = fileURLToPath(new URL('../../node_modules/.bin/web-ext', import.meta.url));
  let out;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', EXTENSION_DIR, '--output', 'json', '--no-input'], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // web-ext exits non-zero when it finds errors; the JSON says which
  }
  const report = JSON.parse(out);
  assert.deepEqual(report.errors.map((e) => `${e.code}: ${e.message}`), []);
});
