// Runs the Emend wasm core off the main thread: the one worker of the demo page, the benchmark
// and the extension (extension/build.mjs bundles it to dist/extension/engine-worker.js, with
// the wasm package beside it in pkg/, as ./pkg is beside this file).
// Messages: ../protocol.js REQUEST (in), replies {id, ok: true, ...} | {id, ok: false, error,
// fatal?} and {id, progress: STAGE.fetching | STAGE.preparing} while loading.
// `fatal`: the wasm trapped (a Rust panic) or its object is left borrowed; this worker can
// no longer check anything and client.js replaces it.
import init, { Emend, matmulGflops } from './pkg/emend.js';
import { MODEL_FILES, SPELLING_FILES } from './model-files.js';
import { REQUEST, STAGE } from '../protocol.js';

let engine = null;
let wasm = null;
let userWords = ''; // the personal dictionary last given to the speller, as one key

async function fetchBytes(url, name) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`model file ${name} could not be fetched: ${e.message}`);
  }
  if (!res.ok) throw new Error(`model file ${name} is missing (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load({ id, wasmUrl, modelBase }) {
  const stage = (progress) => self.postMessage({ id, progress });
  const t0 = performance.now();
  stage(STAGE.fetching);
  const base = modelBase.endsWith('/') ? modelBase : `${modelBase}/`;
  const files = [...MODEL_FILES, ...SPELLING_FILES];
  // Compile the wasm while the model files are fetched.
  let tWasm = t0;
  const [instance, bytes] = await Promise.all([
    init({ module_or_path: wasmUrl }).then((w) => { tWasm = performance.now(); return w; }),
    Promise.all(files.map((n) => fetchBytes(new URL(n, base), n))),
  ]);
  wasm = instance;
  const tFetch = performance.now();
  stage(STAGE.preparing);
  const atStart = memory();
  engine = new Emend(...bytes.slice(0, MODEL_FILES.length)); // parses, optimises and self-checks both graphs
  const tModel = performance.now();
  const afterModel = memory();
  engine.setSpelling(...bytes.slice(MODEL_FILES.length));
  const tReady = performance.now();
  return {
    wasmMs: tWasm - t0,
    fetchMs: tFetch - t0,
    loadMs: tReady - tFetch,
    modelMs: tModel - tFetch,
    spellerMs: tReady - tModel,
    totalMs: tReady - t0,
    modelBytes: bytes.reduce((n, b) => n + b.length, 0),
    // wasm linear memory (it never shrinks: each figure is the peak so far)
    memoryAtStart: atStart,
    memoryAfterModel: afterModel,
    memoryAfterSpeller: memory(),
  };
}

function memory() {
  return wasm ? wasm.memory.buffer.byteLength : 0;
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    if (type === REQUEST.load) {
      const timings = await load(data);
      self.postMessage({ id, ok: true, timings, memoryBytes: memory() });
      return;
    }
    if (type === REQUEST.matmulGflops) {
      if (!wasm) throw new Error('wasm is not loaded');
      self.postMessage({ id, ok: true, result: matmulGflops(data.m, data.k, data.n, data.reps) });
      return;
    }
    if (!engine) throw new Error('model is not loaded');
    if (data.decoder) engine.setDecoder(data.decoder);
    if (data.batch) engine.setBatch(data.batch);
    // The engine drops its cached results only when the dialect or the level changes.
    if (data.dialect) engine.setDialect(data.dialect);
    if (data.level) engine.setLevel(data.level);
    if (data.words && data.words.join('\n') !== userWords) {
      engine.setUserWords(data.words); // drops cached results only when the words change
      userWords = data.words.join('\n');
    }
    const t0 = performance.now();
    if (type === REQUEST.check) {
      const result = engine.check(data.text);
      self.postMessage({ id, ok: true, result, ms: performance.now() - t0, memoryBytes: memory() });
    } else if (type === REQUEST.correctUnits) {
      const result = engine.correctUnits(data.units);
      self.postMessage({ id, ok: true, result, ms: performance.now() - t0, memoryBytes: memory() });
    } else if (type === REQUEST.panic) {
      engine.panicForTests();
    } else if (type === REQUEST.clearCache) {
      engine.clearCache();
      self.postMessage({ id, ok: true });
    } else {
      throw new Error(`unknown request ${type}`);
    }
  } catch (e) {
    const fatal = e instanceof WebAssembly.RuntimeError || /recursive use of an object/.test(String(e?.message));
    self.postMessage({ id, ok: false, error: String(e?.message ?? e), fatal });
  }
};
