// onnxruntime-web running Emend's own ONNX files with the same aggressive decoding as
// crate/src/decode.rs (one sentence at a time, the benchmark's unit): the runtime a user
// could pick instead of tract. Token ids come from Emend's wasm (EmendCodec), so both
// runtimes see exactly the same inputs.
// Messages in:  {id, type: 'load', base} | {id, type: 'correct', text}
// Messages out: {id, ok: true, ...} | {id, ok: false, error}
import * as ort from '/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs';
import init, { EmendCodec } from '/www/pkg/emend.js';

ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
ort.env.wasm.numThreads = 1; // one worker, one thread: the same budget as Emend's engine

let codec, encoder, decoder;

async function bytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load(base) {
  const t0 = performance.now();
  await init({ module_or_path: '/www/pkg/emend_bg.wasm' });
  const [enc, dec, tok, cfg] = await Promise.all(
    ['encoder.onnx', 'decoder.onnx', 'tokenizer.json', 'config.json'].map((n) => bytes(base + n)));
  codec = new EmendCodec(tok, cfg);
  const opts = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  encoder = await ort.InferenceSession.create(enc, opts);
  decoder = await ort.InferenceSession.create(dec, opts);
  return { loadMs: performance.now() - t0 };
}

const i64 = (ids) => new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);

/** Source position right after the last n output tokens, if they occur once in the source. */
function resync(src, out) {
  for (let n = Math.min(codec.maxNgram, out.length); n >= 1; n--) {
    const tail = out.slice(out.length - n);
    let hit = null, count = 0;
    for (let i = 0; i + n <= src.length && count < 2; i++) {
      if (tail.every((t, k) => src[i + k] === t)) { hit = i + n; count++; }
    }
    if (count === 1) return hit;
  }
  return null;
}

/** decode.rs's `pick` at positions [from, to): argmax (lowest index wins a tie), unless
 * prefer[p - from] plus the copy bias comes out strictly ahead. */
function pickRows(logits, vocab, from, to, prefer, copyBias) {
  const out = [];
  for (let p = from; p < to; p++) {
    let best = 0;
    const row = p * vocab;
    for (let v = 1; v < vocab; v++) if (logits[row + v] > logits[row + best]) best = v;
    const t = prefer[p - from];
    // Math.fround: the sum rounded to f32, as Rust adds them.
    out.push(t !== undefined && Math.fround(logits[row + t] + copyBias) > logits[row + best] ? t : best);
  }
  return out;
}

async function correct(text) {
  const src = Array.from(codec.sourceIds(text));
  const bos = codec.bosId, eos = codec.eosId;
  const { [encoder.outputNames[0]]: hidden } = await encoder.run({
    [encoder.inputNames[0]]: i64(src), [encoder.inputNames[1]]: i64(src.map(() => 1)),
  });
  const mask = i64(src.map(() => 1));
  const cap = codec.outputCap(src.length); // the Rust decoder's budget, from the same code
  const input = [bos];
  let draftFrom = 0, passes = 0, done = false;
  while (!done) {
    const room = cap + 1 - input.length;
    const row = input.slice();
    if (draftFrom !== null) {
      const draft = src.slice(Math.min(draftFrom, src.length));
      row.push(...draft.slice(0, Math.min(draft.length, Math.max(room - 1, 0))));
    }
    const base = input.length, draftLen = row.length - base;
    const out = await decoder.run({
      [decoder.inputNames[0]]: i64(row), [decoder.inputNames[1]]: hidden, [decoder.inputNames[2]]: mask,
    });
    const logits = out[decoder.outputNames[0]];
    passes++;
    // The source's suggestions: the draft and the source token after it (as decode.rs).
    const prefer = draftFrom === null ? [] : src.slice(draftFrom, draftFrom + draftLen + 1);
    const pred = pickRows(logits.data, logits.dims[2], base - 1, row.length, prefer, Math.fround(codec.copyBias));
    let accepted = 0;
    while (accepted < draftLen && pred[accepted] === row[base + accepted]) accepted++;
    for (const t of [...row.slice(base, base + accepted), pred[accepted]]) {
      input.push(t);
      if (t === eos || input.length - 1 >= cap) { done = true; break; }
    }
    if (!done) draftFrom = resync(src, input.slice(1));
  }
  const ids = input.slice(1);
  const end = ids.indexOf(eos);
  return { output: codec.detokenize(Uint32Array.from(end < 0 ? ids : ids.slice(0, end))), passes };
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === 'load') {
      self.postMessage({ id: data.id, ok: true, ...(await load(data.base)) });
    } else {
      const t0 = performance.now();
      const r = await correct(data.text);
      self.postMessage({ id: data.id, ok: true, ...r, ms: performance.now() - t0 });
    }
  } catch (e) {
    self.postMessage({ id: data.id, ok: false, error: String(e?.message ?? e) });
  }
};
