// The engines the benchmark runs in headless Chromium, each in a fresh browser on the bench
// page: Emend's wasm worker, onnxruntime-web on the same model and decoding, and Harper.
// Used by bench/run.mjs and by tests/e2e/bench-engines.test.mjs (which keeps them honest).
import { readFileSync, readdirSync } from 'node:fs';
import { startServer } from '../scripts/serve.mjs';
import { launchChromium } from '../tests/e2e/browsers.mjs';

function rendererPeakMb() {
  // Peak resident memory (VmHWM) of Chromium's renderer processes; the worker lives in one.
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {}
  }
  return peak || null;
}

/** Run `fn(args)` in a fresh headless Chromium on the bench page; adds the renderer's peak memory. */
async function inBrowser(fn, args) {
  const server = await startServer(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('[page]', e.message));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && console.error('[page]', r.status(), r.url()));
    await page.goto(`${base}/www/bench.html`);
    const result = await page.evaluate(fn, args);
    result.rendererPeakMb = rendererPeakMb();
    result.chromium = browser.version();
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

export function browserRun(sentences, doc) {
  return inBrowser(async ({ sentences, doc }) => {
    const { EngineClient } = await import('/web/engine/client.js');
    const { REQUEST } = await import('/web/protocol.js');
    const t0 = performance.now();
    const e = new EngineClient('/web/engine/worker.js');
    const loaded = await e.load(new URL('/web/engine/pkg/emend_bg.wasm', location.href), new URL('/model/', location.href));
    await e.request({ type: REQUEST.correctUnits, units: [sentences[0]], decoder: 'aggressive' });
    const coldStartMs = performance.now() - t0;
    const runs = {};
    for (const decoder of ['greedy', 'aggressive']) {
      const ms = [];
      const outputs = [];
      let passes = 0, positions = 0, overBudget = 0, encoderMs = 0, decoderMs = 0, sourceTokens = 0;
      for (const s of sentences) {
        const r = await e.request({ type: REQUEST.correctUnits, units: [s], decoder });
        ms.push(r.ms);
        outputs.push(r.result.outputs[0]);
        passes += r.result.passes;
        positions += r.result.positions;
        overBudget += r.result.overBudget;
        encoderMs += r.result.encoderMs;
        decoderMs += r.result.decoderMs;
        sourceTokens += r.result.sourceTokens;
      }
      runs[decoder] = { ms, outputs, passes, positions, overBudget, encoderMs, decoderMs, sourceTokens };
    }
    // tract's f32 matmul throughput in this worker, at the decoder's feed-forward shape.
    const gflops = (await e.request({ type: REQUEST.matmulGflops, m: 32, k: 256, n: 1024, reps: 200 })).result;
    await e.request({ type: REQUEST.clearCache });
    const first = await e.check(doc, 'aggressive');
    const edited = doc.replace(' the ', ' a ');
    const again = await e.check(edited, 'aggressive');
    // The same document with other batch sizes (sentences per decoder call), cache cleared each time.
    const docByBatch = {};
    for (const batch of [1, 2, 4, 8]) {
      await e.request({ type: REQUEST.clearCache });
      docByBatch[batch] = (await e.request({ type: REQUEST.check, text: doc, decoder: 'aggressive', batch })).ms;
    }
    return {
      docByBatch, gflops,
      coldStartMs, loaded: loaded.timings, runs,
      docMs: first.ms, docStats: first.result.stats, recheckMs: again.ms, recheckStats: again.result.stats,
      wasmMemoryBytes: again.memoryBytes,
    };
  }, { sentences, doc });
}

/** onnxruntime-web: the same ONNX files and the same aggressive decoding (bench/ort-worker.js). */
export function ortRun(sentences) {
  return inBrowser(async ({ sentences }) => {
    const { EngineClient } = await import('/web/engine/client.js');
    const t0 = performance.now();
    const e = new EngineClient('/bench/ort-worker.js');
    const loaded = await e.request({ type: 'load', base: '/model/' });
    await e.request({ type: 'correct', text: sentences[0] });
    const coldStartMs = performance.now() - t0;
    const ms = [], outputs = [];
    let passes = 0, positions = 0;
    for (const text of sentences) {
      const r = await e.request({ type: 'correct', text });
      ms.push(r.ms);
      outputs.push(r.output);
      passes += r.passes;
      positions += r.positions;
    }
    return { coldStartMs, loadMs: loaded.loadMs, ms, outputs, passes, positions };
  }, { sentences });
}

/** Harper (harper.js, rule-based), each sentence linted on its own, in the page's thread. */
export function harperRun(sentences) {
  return inBrowser(async ({ sentences }) => {
    const { LocalLinter } = await import('/node_modules/harper.js/dist/index.js');
    const { binary } = await import('/node_modules/harper.js/dist/binary.js');
    const t0 = performance.now();
    const linter = new LocalLinter({ binary });
    await linter.setup();
    await linter.lint(sentences[0]);
    const coldStartMs = performance.now() - t0;
    const ms = [];
    let lints = 0;
    for (const s of sentences) {
      const t = performance.now();
      lints += (await linter.lint(s)).length;
      ms.push(performance.now() - t);
    }
    return { coldStartMs, ms, lints };
  }, { sentences });
}
