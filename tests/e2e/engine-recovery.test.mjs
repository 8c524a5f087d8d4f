// The engine client (web/engine/client.js, what the extension's offscreen document and
// Firefox event page run) recovers from faults in the real wasm, in Chromium and Firefox:
// after a panic inside the checker (which leaves its Rust object borrowed, so every later
// call would fail with "recursive use of an object") and after its worker is killed without
// a word (found by the time limit), the next check works, on a fresh worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium, launchFirefox } from './browsers.mjs';

let server, base;
before(async () => {
  server = await startServer(0);
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

// In the page: one client, a check, each fault, a check after each; what it saw.
async function faultsAndChecks() {
  const { EngineClient } = await import('/web/engine/client.js');
  const { INJECT, REQUEST } = await import('/web/protocol.js');
  const seen = [];
  const e = new EngineClient('/web/engine/worker.js', () => {}, { onFault: (f) => seen.push(f.kind) });
  await e.load(new URL('/web/engine/pkg/emend_bg.wasm', location.href), new URL('/model/', location.href));
  const words = async (text) => (await e.check(text)).result.suggestions.map((s) => s.original);
  const out = { before: await words('She go to school.') };
  // A panic inside the checker's Rust object: the worker answers with a fatal error, and the
  // client throws that worker (and its poisoned object) away.
  out.panicAnswer = await e.send({ type: REQUEST.panic }, 60_000).catch((err) => err.message);
  out.afterPanic = await words('I definately agree.');
  await e.injectFault(INJECT.kill, 3_000);
  const t0 = performance.now();
  out.afterKill = await words('We recieve letters.');
  out.killFoundMs = performance.now() - t0;
  out.faults = seen;
  return out;
}

for (const [name, launch] of [['chromium', launchChromium], ['firefox', launchFirefox]]) {
  test(`${name}: checking comes back after a wasm panic and after the worker is killed`, async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/www/`);
      const out = await page.evaluate(faultsAndChecks);
      assert.ok(out.before.includes('go'), JSON.stringify(out));
      assert.match(out.panicAnswer, /crashed and restarts/, 'the panic came back as a crash');
      assert.ok(out.afterPanic.includes('definately'), `checked after the panic: ${JSON.stringify(out)}`);
      assert.ok(out.afterKill.includes('recieve'), `checked after the kill: ${JSON.stringify(out)}`);
      assert.deepEqual(out.faults, ['crash', 'stalled']);
      console.log(`engine recovery (${name}): ${JSON.stringify({ faults: out.faults, killFoundAndReloadedMs: Math.round(out.killFoundMs) })}`);
    } finally {
      await browser.close();
    }
  });
}
