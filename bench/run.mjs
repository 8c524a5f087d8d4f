// The benchmark: the same sentences through the native CLI and the wasm build in headless
// Chromium (worker), greedy vs aggressive; cold start, memory, a 1,000-word document and a
// one-word re-check; the compute floor (multiply-adds over tract's measured matmul rate).
// One run moves a lot on a shared 2-core machine, so it measures --runs times (default 3)
// and reports the median of each figure. Writes bench/results.json and bench/RESULTS.md.
//
//   node bench/run.mjs [--sample N] [--runs R]   (after scripts/build and `cargo build --release`)
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
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SAMPLE = arg('--sample', 0);
const RUNS = arg('--runs', 3);
const ARCH = JSON.parse(readFileSync(join(ROOT, 'model/config.json'), 'utf8')).architecture;

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

/** Multiply-adds of the model's matmuls for `tokens` encoder tokens and `positions` decoder
 * positions over `n` sentences (attention over keys counted at the mean source length). */
function macs(n, tokens, positions) {
  const { d_model: d, ffn: f, enc_layers: le, dec_layers: ld, vocab: v } = ARCH;
  const s = tokens / Math.max(n, 1);
  const encoder = le * (tokens * (4 * d * d + 2 * d * f) + n * 2 * d * s * s) + ld * tokens * 2 * d * d;
  const decoder = positions * (ld * (6 * d * d + 2 * d * f + 2 * d * 2 * s) + d * v);
  return { encoder, decoder };
}

const { wi, jfleg } = benchSentences(SAMPLE);
const sentences = [...wi, ...jfleg];
const doc = thousandWordDocument();
const sum = (xs) => xs.reduce((x, y) => x + y, 0);

/** One measurement of everything: the figures, flat. */
async function once() {
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
  const n = sentences.length;
  const work = macs(n, a.sourceTokens, a.positions);
  const floorMs = ((work.encoder + work.decoder) * 2) / (web.gflops * 1e6) / n;
  return {
    wasm_p50_ms: round(pct(a.ms, 0.5)),
    wasm_p95_ms: round(pct(a.ms, 0.95)),
    wasm_max_ms: round(pct(a.ms, 1)),
    wasm_greedy_p50_ms: round(pct(g.ms, 0.5)),
    wasm_greedy_p95_ms: round(pct(g.ms, 0.95)),
    wasm_greedy_max_ms: round(pct(g.ms, 1)),
    wasm_total_s: round(sum(a.ms) / 1000, 1),
    wasm_greedy_total_s: round(sum(g.ms) / 1000, 1),
    native_p50_ms: round(native.aggressive.p50_ms),
    native_p95_ms: round(native.aggressive.p95_ms),
    native_max_ms: round(native.aggressive.max_ms),
    native_greedy_p50_ms: round(native.greedy.p50_ms),
    native_total_s: round(native.aggressive.total_s, 1),
    native_greedy_total_s: round(native.greedy.total_s, 1),
    native_speedup: round(native.speedup),
    native_decoder_speedup: round(native.decoder_speedup),
    aggressive_speedup: round(sum(g.ms) / sum(a.ms)),
    decoder_speedup: round(g.decoderMs / a.decoderMs),
    wasm_encoder_ms_per_sentence: round(a.encoderMs / n),
    wasm_decoder_ms_per_sentence: round(a.decoderMs / n),
    wasm_greedy_decoder_ms_per_sentence: round(g.decoderMs / n),
    mismatches: g.outputs.filter((o, i) => o !== a.outputs[i]).length + native.mismatches,
    wasm_mismatches: g.outputs.filter((o, i) => o !== a.outputs[i]).length,
    native_mismatches: native.mismatches,
    mean_passes_greedy: round(g.passes / n),
    mean_passes_aggressive: round(a.passes / n),
    mean_source_tokens: round(a.sourceTokens / n),
    decoder_positions_per_sentence: round(a.positions / n),
    greedy_decoder_positions_per_sentence: round(g.positions / n),
    units_over_budget: a.overBudget,
    greedy_units_over_budget: g.overBudget,
    encoder_mmacs_per_sentence: round(work.encoder / n / 1e6, 1),
    decoder_mmacs_per_sentence: round(work.decoder / n / 1e6, 1),
    wasm_matmul_gflops: round(web.gflops),
    floor_ms_per_sentence: round(floorMs),
    peak_memory_mb: round(web.rendererPeakMb, 1),
    wasm_memory_mb: round(web.wasmMemoryBytes / 2 ** 20, 1),
    cold_start_ms: round(web.coldStartMs, 0),
    cold_start_init_ms: round(web.loaded.wasmMs, 0),
    cold_start_fetch_ms: round(web.loaded.fetchMs, 0),
    cold_start_load_ms: round(web.loaded.loadMs, 0),
    cold_start_model_ms: round(web.loaded.modelMs, 0),
    cold_start_speller_ms: round(web.loaded.spellerMs, 0),
    wasm_memory_after_model_mb: round(web.loaded.memoryAfterModel / 2 ** 20, 1),
    wasm_memory_after_speller_mb: round(web.loaded.memoryAfterSpeller / 2 ** 20, 1),
    doc_1000_words_ms: round(web.docMs, 1),
    doc_sentences: web.docStats.sentences,
    recheck_ms: round(web.recheckMs, 1),
    recheck_sentences_rerun: web.recheckStats.sentences - web.recheckStats.cached,
    doc_1000_words_ms_by_batch: Object.fromEntries(Object.entries(web.docByBatch).map(([b, ms]) => [b, round(ms, 0)])),
    ort_web_p50_ms: round(pct(ort.ms, 0.5)),
    ort_web_p95_ms: round(pct(ort.ms, 0.95)),
    ort_web_max_ms: round(pct(ort.ms, 1)),
    ort_web_vs_tract_p50: round(pct(ort.ms, 0.5) / pct(a.ms, 0.5)),
    ort_web_vs_tract_p95: round(pct(ort.ms, 0.95) / pct(a.ms, 0.95)),
    ort_web_outputs_differing_from_tract: ort.outputs.filter((o, i) => o !== a.outputs[i]).length,
    ort_web_mean_passes: round(ort.passes / n),
    ort_web_decoder_positions_per_sentence: round(ort.positions / n),
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
    _ext: { debounceMs: ext.debounceMs, idleMs: ext.idleMs, firefoxVersion: ext.firefoxVersion },
    _machine: { chromium: web.chromium },
  };
}

/** The median of each number across runs (objects of numbers too); other values from the first run. */
function median(runs) {
  const mid = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2] : round((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
  };
  const out = {};
  for (const [k, v] of Object.entries(runs[0])) {
    if (typeof v === 'number') out[k] = mid(runs.map((r) => r[k]));
    else if (v && typeof v === 'object' && !k.startsWith('_')) out[k] = median(runs.map((r) => r[k]));
    else out[k] = v;
  }
  return out;
}

console.log(`benchmark: ${wi.length} W&I dev + ${jfleg.length} JFLEG dev sentences, ${RUNS} run(s)`);
const runs = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await once());
  console.log(`run ${i + 1} of ${RUNS} done`);
}
const { _ext: ext, _machine, ...results } = median(runs);
const spread = (k) => (RUNS > 1 ? ` (${Math.min(...runs.map((r) => r[k]))}–${Math.max(...runs.map((r) => r[k]))})` : '');
results.runs = RUNS;
results.per_run = runs.map(({ _ext, _machine, doc_1000_words_ms_by_batch, ...r }) => r);
results.machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), chromium: _machine.chromium, node: process.version, onnxruntime_web: ORT_VERSION, harper: HARPER_VERSION };
results.date = new Date().toISOString();
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
const r = results;

const extRows = `
The extension (bench/extension.mjs): from typing a sentence into a textarea to its first
underline, including the content script's ${ext.debounceMs} ms debounce (ms):

| when | Chromium (offscreen document) | Firefox ${ext.firefoxVersion} (event page) |
|---|---|---|
| first check after the browser starts (model loads: cold) | ${r.extension_cold_underline_ms} | ${r.extension_firefox_cold_underline_ms} |
| second tab (warm) | ${r.extension_warm_underline_ms} | ${r.extension_firefox_warm_underline_ms} |
| third tab after ${ext.idleMs / 1000} s idle | ${r.extension_after_idle_underline_ms} | ${r.extension_firefox_after_idle_underline_ms} |
`;

const md = `# Benchmark results

Produced by \`node bench/run.mjs${SAMPLE ? ` --sample ${SAMPLE}` : ''}${RUNS !== 3 ? ` --runs ${RUNS}` : ''}\` on ${r.date.slice(0, 10)}:
${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memory_gb} GB, Chromium ${r.machine.chromium}, Node ${r.machine.node}.
Inputs: ${wi.length} W&I dev + ${jfleg.length} JFLEG dev sentences (detokenised), one sentence per call, no cache.
Every figure is the median of ${RUNS} run(s)${RUNS > 1 ? '; the range across runs in brackets' : ''}.
Wasm times are measured inside the worker (engine time, no message passing); the decoder's
time is the decoding loop with its passes, the encoder's is the encoder pass.

| | greedy | aggressive | ratio |
|---|---|---|---|
| wasm p50 (ms) | ${r.wasm_greedy_p50_ms} | ${r.wasm_p50_ms}${spread('wasm_p50_ms')} | ${round(r.wasm_greedy_p50_ms / r.wasm_p50_ms)}× |
| wasm p95 (ms) | ${r.wasm_greedy_p95_ms} | ${r.wasm_p95_ms}${spread('wasm_p95_ms')} | ${round(r.wasm_greedy_p95_ms / r.wasm_p95_ms)}× |
| wasm slowest sentence (ms) | ${r.wasm_greedy_max_ms} | ${r.wasm_max_ms}${spread('wasm_max_ms')} | |
| wasm total time | ${r.wasm_greedy_total_s} s | ${r.wasm_total_s} s | **${r.aggressive_speedup}×** |
| wasm decoder time / sentence (ms) | ${r.wasm_greedy_decoder_ms_per_sentence} | ${r.wasm_decoder_ms_per_sentence} | **${r.decoder_speedup}×**${spread('decoder_speedup')} |
| native p50 (ms) | ${r.native_greedy_p50_ms} | ${r.native_p50_ms} | ${round(r.native_greedy_p50_ms / r.native_p50_ms)}× |
| native total | ${r.native_greedy_total_s} s | ${r.native_total_s} s | ${r.native_speedup}× (decoder alone ${r.native_decoder_speedup}×) |
| decoder passes / sentence | ${r.mean_passes_greedy} | ${r.mean_passes_aggressive} | |
| decoder positions computed / sentence | ${r.greedy_decoder_positions_per_sentence} | ${r.decoder_positions_per_sentence} | |
| units over the work budget (kept their source) | ${r.greedy_units_over_budget} | ${r.units_over_budget} | |
| outputs that differ | | | **${r.mismatches}** (wasm ${r.wasm_mismatches}, native ${r.native_mismatches}) |

How far from the floor (aggressive, per sentence on average: ${r.mean_source_tokens} source tokens,
${r.decoder_positions_per_sentence} decoder positions):

| | value |
|---|---|
| multiply-adds: encoder (with the cross-attention keys and values) | ${r.encoder_mmacs_per_sentence} M |
| multiply-adds: decoder positions computed | ${r.decoder_mmacs_per_sentence} M |
| tract's f32 matmul in this worker ([32,256]×[256,1024]) | ${r.wasm_matmul_gflops} GFLOP/s |
| floor: the arithmetic alone at that rate | **${r.floor_ms_per_sentence} ms** |
| measured: encoder + decoder (mean) | ${round(r.wasm_encoder_ms_per_sentence + r.wasm_decoder_ms_per_sentence)} ms (encoder ${r.wasm_encoder_ms_per_sentence}, decoder ${r.wasm_decoder_ms_per_sentence}): ${round((r.wasm_encoder_ms_per_sentence + r.wasm_decoder_ms_per_sentence) / r.floor_ms_per_sentence, 1)}× the floor |
| measured p50 / p95 | ${round(r.wasm_p50_ms / r.floor_ms_per_sentence, 1)}× / ${round(r.wasm_p95_ms / r.floor_ms_per_sentence, 1)}× the floor |

| other | value |
|---|---|
| wasm/native p50 (aggressive) | ${round(r.wasm_p50_ms / r.native_p50_ms)}× |
| cold start: wasm init + model fetch + load/optimise + first result | ${r.cold_start_ms} ms${spread('cold_start_ms')} (wasm compiled in ${r.cold_start_init_ms} while the files are fetched in ${r.cold_start_fetch_ms}; then the model ${r.cold_start_model_ms} and the speller ${r.cold_start_speller_ms}) |
| 1,000-word document, first check | ${r.doc_1000_words_ms} ms${spread('doc_1000_words_ms')} (${r.doc_sentences} sentences) |
| the same document by sentences per decoder call | ${Object.entries(r.doc_1000_words_ms_by_batch).map(([b, ms]) => `${b}: ${ms} ms`).join(', ')} |
| re-check after a one-word edit | ${r.recheck_ms} ms${spread('recheck_ms')} (${r.recheck_sentences_rerun} sentence re-run) |
| peak memory, Chromium renderer (VmHWM) | ${r.peak_memory_mb} MB |
| wasm linear memory (after the model loads / the speller / the checks) | ${r.wasm_memory_after_model_mb} / ${r.wasm_memory_after_speller_mb} / ${r.wasm_memory_mb} MB${spread('wasm_memory_mb')} |

Peers, in the same Chromium, one sentence per call, each in a fresh browser (memory is that browser's renderer):

| engine | p50 (ms) | p95 (ms) | cold start (ms) | peak renderer memory (MB) | notes |
|---|---|---|---|---|---|
| Emend (tract, wasm) | ${r.wasm_p50_ms} | ${r.wasm_p95_ms} | ${r.cold_start_ms} | ${r.peak_memory_mb} | incremental aggressive decoding |
| onnxruntime-web ${ORT_VERSION} (wasm, 1 thread) | ${r.ort_web_p50_ms} | ${r.ort_web_p95_ms} | ${r.ort_web_cold_start_ms} | ${r.ort_web_peak_memory_mb} | same ONNX files, same incremental aggressive decoding (bench/ort-worker.js); ${r.ort_web_vs_tract_p50}× / ${r.ort_web_vs_tract_p95}× Emend's p50 / p95; ${r.ort_web_outputs_differing_from_tract} outputs differ from tract's; ${r.ort_web_mean_passes} passes, ${r.ort_web_decoder_positions_per_sentence} positions/sentence |
| Harper ${HARPER_VERSION} (harper.js) | ${r.harper_p50_ms} | ${r.harper_p95_ms} | ${r.harper_cold_start_ms} | ${r.harper_peak_memory_mb} | rule-based, ${r.harper_lints} lints; page thread |
`;
writeFileSync(join(ROOT, 'bench/RESULTS.md'), md + extRows);
console.log(md + extRows);
