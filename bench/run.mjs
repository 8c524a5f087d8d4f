// The benchmark: the same sentences through the native CLI and the wasm build in headless
// Chromium (worker), greedy vs aggressive; cold start, memory, a 1,000-word document and a
// one-word re-check. Writes bench/results.json and bench/RESULTS.md.
//
//   node bench/run.mjs [--sample N]     (after scripts/build and `cargo build --release`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserRun, harperRun, ortRun } from './engines.mjs';
import { extensionRun } from './extension.mjs';
import { benchSentences, thousandWordDocument } from './inputs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const ORT_VERSION = version('onnxruntime-web');
const HARPER_VERSION = version('harper.js');
const sampleArg = process.argv.indexOf('--sample');
const SAMPLE = sampleArg > 0 ? Number(process.argv[sampleArg + 1]) : 0;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.round((s.length - 1) * p)] : null;
};
const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

function nativeRun(sentences) {
  const target = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/emend/target');
  const bin = join(target, process.env.EMEND_PROFILE ?? 'release', 'emend');
  const tmp = mkdtempSync(join(tmpdir(), 'emend-bench-'));
  const out = execFileSync(bin, ['compare', '--timings', join(tmp, 't.json')], {
    input: sentences.join('\n') + '\n', maxBuffer: 1 << 26,
  });
  return JSON.parse(out.toString());
}

const { wi, jfleg } = benchSentences(SAMPLE);
const sentences = [...wi, ...jfleg];
const doc = thousandWordDocument();
console.log(`benchmark: ${wi.length} W&I dev + ${jfleg.length} JFLEG dev sentences`);
const native = nativeRun(sentences);
console.log('native done', JSON.stringify({ g: native.greedy, a: native.aggressive, mismatches: native.mismatches }));
const web = await browserRun(sentences, doc);
const ort = await ortRun(sentences);
console.log('onnxruntime-web done');
const harper = await harperRun(sentences);
console.log('harper done');
const ext = await extensionRun();
console.log('extension done');
const g = web.runs.greedy, a = web.runs.aggressive;
const sum = (xs) => xs.reduce((x, y) => x + y, 0);
const wasmMismatches = g.outputs.filter((o, i) => o !== a.outputs[i]).length;
const ortMismatches = ort.outputs.filter((o, i) => o !== a.outputs[i]).length;

const results = {
  wasm_p50_ms: round(pct(a.ms, 0.5)),
  wasm_p95_ms: round(pct(a.ms, 0.95)),
  wasm_max_ms: round(pct(a.ms, 1)),
  wasm_greedy_p50_ms: round(pct(g.ms, 0.5)),
  wasm_greedy_p95_ms: round(pct(g.ms, 0.95)),
  native_p50_ms: round(native.aggressive.p50_ms),
  native_p95_ms: round(native.aggressive.p95_ms),
  native_greedy_p50_ms: round(native.greedy.p50_ms),
  native_speedup: round(native.speedup),
  aggressive_speedup: round(sum(g.ms) / sum(a.ms)),
  mismatches: wasmMismatches + native.mismatches,
  wasm_mismatches: wasmMismatches,
  native_mismatches: native.mismatches,
  mean_passes_greedy: round(g.passes / sentences.length),
  mean_passes_aggressive: round(a.passes / sentences.length),
  peak_memory_mb: round(web.rendererPeakMb, 1),
  wasm_memory_mb: round(web.wasmMemoryBytes / 2 ** 20, 1),
  cold_start_ms: round(web.coldStartMs, 0),
  doc_1000_words_ms: round(web.docMs, 1),
  recheck_ms: round(web.recheckMs, 1),
  doc_1000_words_ms_by_batch: Object.fromEntries(Object.entries(web.docByBatch).map(([b, ms]) => [b, round(ms, 0)])),
  ort_web_p50_ms: round(pct(ort.ms, 0.5)),
  ort_web_p95_ms: round(pct(ort.ms, 0.95)),
  ort_web_vs_tract_p50: round(pct(ort.ms, 0.5) / pct(a.ms, 0.5)),
  ort_web_outputs_differing_from_tract: ortMismatches,
  ort_web_mean_passes: round(ort.passes / sentences.length),
  ort_web_cold_start_ms: round(ort.coldStartMs, 0),
  ort_web_peak_memory_mb: round(ort.rendererPeakMb, 1),
  harper_p50_ms: round(pct(harper.ms, 0.5)),
  harper_p95_ms: round(pct(harper.ms, 0.95)),
  harper_cold_start_ms: round(harper.coldStartMs, 0),
  harper_peak_memory_mb: round(harper.rendererPeakMb, 1),
  harper_lints: harper.lints,
  extension_cold_underline_ms: round(ext.chromium.cold, 0),
  extension_warm_underline_ms: round(ext.chromium.warm, 0),
  extension_after_idle_underline_ms: round(ext.chromium.afterIdle, 0),
  extension_firefox_cold_underline_ms: round(ext.firefox.cold, 0),
  extension_firefox_warm_underline_ms: round(ext.firefox.warm, 0),
  extension_firefox_after_idle_underline_ms: round(ext.firefox.afterIdle, 0),
  sentences: sentences.length,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), chromium: web.chromium, node: process.version, onnxruntime_web: ORT_VERSION, harper: HARPER_VERSION },
  date: new Date().toISOString(),
};
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

const extRows = `
The extension (bench/extension.mjs): from typing a sentence into a textarea to its first
underline, including the content script's ${ext.debounceMs} ms debounce (ms):

| when | Chromium (offscreen document) | Firefox ${ext.firefoxVersion} (event page) |
|---|---|---|
| first check after the browser starts (model loads: cold) | ${results.extension_cold_underline_ms} | ${results.extension_firefox_cold_underline_ms} |
| second tab (warm) | ${results.extension_warm_underline_ms} | ${results.extension_firefox_warm_underline_ms} |
| third tab after ${ext.idleMs / 1000} s idle | ${results.extension_after_idle_underline_ms} | ${results.extension_firefox_after_idle_underline_ms} |
`;

const md = `# Benchmark results

Produced by \`node bench/run.mjs${SAMPLE ? ` --sample ${SAMPLE}` : ''}\` on ${results.date.slice(0, 10)}:
${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memory_gb} GB, Chromium ${results.machine.chromium}, Node ${results.machine.node}.
Inputs: ${wi.length} W&I dev + ${jfleg.length} JFLEG dev sentences (detokenised), one sentence per call, no cache.
Wasm times are measured inside the worker (engine time, no message passing).

| | greedy | aggressive | ratio |
|---|---|---|---|
| wasm p50 (ms) | ${results.wasm_greedy_p50_ms} | ${results.wasm_p50_ms} | ${round(results.wasm_greedy_p50_ms / results.wasm_p50_ms)}× |
| wasm p95 (ms) | ${results.wasm_greedy_p95_ms} | ${results.wasm_p95_ms} | ${round(results.wasm_greedy_p95_ms / results.wasm_p95_ms)}× |
| wasm total time | ${round(sum(g.ms) / 1000, 1)} s | ${round(sum(a.ms) / 1000, 1)} s | **${results.aggressive_speedup}×** |
| native p50 (ms) | ${results.native_greedy_p50_ms} | ${results.native_p50_ms} | ${round(results.native_greedy_p50_ms / results.native_p50_ms)}× |
| native total | ${round(native.greedy.total_s, 1)} s | ${round(native.aggressive.total_s, 1)} s | ${results.native_speedup}× |
| decoder passes / sentence | ${results.mean_passes_greedy} | ${results.mean_passes_aggressive} | |
| outputs that differ | | | **${results.mismatches}** (wasm ${wasmMismatches}, native ${native.mismatches}) |

| other | value |
|---|---|
| wasm/native p50 (aggressive) | ${round(results.wasm_p50_ms / results.native_p50_ms)}× |
| cold start: wasm init + model fetch + load/optimise + first result | ${results.cold_start_ms} ms (init ${round(web.loaded.wasmMs, 0)}, fetch ${round(web.loaded.fetchMs, 0)}, load ${round(web.loaded.loadMs, 0)}) |
| 1,000-word document, first check | ${results.doc_1000_words_ms} ms (${web.docStats.sentences} sentences) |
| the same document by sentences per decoder call | ${Object.entries(results.doc_1000_words_ms_by_batch).map(([b, ms]) => `${b}: ${ms} ms`).join(', ')} |
| re-check after a one-word edit | ${results.recheck_ms} ms (${web.recheckStats.sentences - web.recheckStats.cached} sentence re-run) |
| peak memory, Chromium renderer (VmHWM) | ${results.peak_memory_mb} MB |
| wasm linear memory | ${results.wasm_memory_mb} MB |

Peers, in the same Chromium, one sentence per call, each in a fresh browser (memory is that browser's renderer):

| engine | p50 (ms) | p95 (ms) | cold start (ms) | peak renderer memory (MB) | notes |
|---|---|---|---|---|---|
| Emend (tract, wasm) | ${results.wasm_p50_ms} | ${results.wasm_p95_ms} | ${results.cold_start_ms} | ${results.peak_memory_mb} | aggressive decoding |
| onnxruntime-web ${ORT_VERSION} (wasm, 1 thread) | ${results.ort_web_p50_ms} | ${results.ort_web_p95_ms} | ${results.ort_web_cold_start_ms} | ${results.ort_web_peak_memory_mb} | same ONNX files, same aggressive decoding (bench/ort-worker.js); ${results.ort_web_vs_tract_p50}× Emend's p50; ${ortMismatches} outputs differ from tract's; ${results.ort_web_mean_passes} passes/sentence |
| Harper ${HARPER_VERSION} (harper.js) | ${results.harper_p50_ms} | ${results.harper_p95_ms} | ${results.harper_cold_start_ms} | ${results.harper_peak_memory_mb} | rule-based, ${harper.lints} lints; page thread |
`;
writeFileSync(join(ROOT, 'bench/RESULTS.md'), md + extRows);
console.log(md + extRows);
