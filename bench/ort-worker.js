// onnxruntime-web running Emend's own ONNX files with the same incremental aggressive
// decoding as crate/src/model/decode.rs and crate/src/model/graphs.rs (one sentence at a time, the
// benchmark's unit): the runtime a user could pick instead of tract. Like tract it keeps the
// self-attention keys and values of the verified prefix from pass to pass (crate/src/model/cache.rs)
// and feeds only the new tokens. Token ids come from Emend's wasm (EmendCodec), so both
// runtimes see exactly the same inputs.
// Messages in:  {id, type: 'load', base} | {id, type: 'correct', text}
// Messages out: {id, ok: true, ...} | {id, ok: false, error}
import * as ort from '/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs';
import init, { EmendCodec } from '/web/engine/pkg/emend.js';

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
  await init({ module_or_path: '/web/engine/pkg/emend_bg.wasm' });
  const [enc, dec, tok, cfg] = await Promise.all(
    ['encoder.onnx', 'decoder.onnx', 'tokenizer.json', 'config.json'].map((n) => bytes(base + n)));
  codec = new EmendCodec(tok, cfg);
  const opts = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  encoder = await ort.InferenceSession.create(enc, opts);
  decoder = await ort.InferenceSession.create(dec, opts);
  return { loadMs: performance.now() - t0 };
}

const i64 = (ids) => new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
const NEG = -1e9;

/** Slots [from, from + n) of a [1, heads, slots, dh] tensor's data, as [heads, n, dh]. */
function keep(data, heads, slots, dh, from, n) {
  const out = new Float32Array(heads * n * dh);
  for (let h = 0; h < heads; h++) out.set(data.subarray((h * slots + from) * dh, (h * slots + from + n) * dh), h * n * dh);
  return out;
}

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

/** decode.rs's `pick` at positions [from, to) (logits row p - first): argmax (lowest index
 * wins a tie), unless prefer[p - from] plus the copy bias comes out strictly ahead. */
function pickRows(logits, vocab, first, from, to, prefer, copyBias) {
  const out = [];
  for (let p = from; p < to; p++) {
    let best = 0;
    const row = (p - first) * vocab;
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
  const enc = await encoder.run({
    [encoder.inputNames[0]]: i64(src), [encoder.inputNames[1]]: i64(src.map(() => 1)),
  });
  const crossKey = enc.cross_key, crossValue = enc.cross_value;
  const [, heads, dh] = crossKey.dims;
  const mask = i64(src.map(() => 1));
  const cap = codec.outputCap(src.length); // the Rust decoder's budget, from the same code
  const input = [bos];
  // The keys and values of the tokens read so far ([heads, cached.length, dh]).
  let cached = [], cacheK = new Float32Array(0), cacheV = new Float32Array(0);
  let draftFrom = 0, passes = 0, positions = 0, done = false, ended = false;
  while (!done) {
    const room = cap + 1 - input.length;
    const row = input.slice();
    if (draftFrom !== null) {
      const draft = src.slice(Math.min(draftFrom, src.length));
      row.push(...draft.slice(0, Math.min(draft.length, Math.max(room - 1, 0), codec.maxDraft)));
    }
    const base = input.length, draftLen = row.length - base;
    // Reuse the cache's share of the row, up to the last output token (computed again).
    let reuse = 0;
    while (reuse < base - 1 && reuse < cached.length && cached[reuse] === row[reuse]) reuse++;
    const slots = Math.max(reuse, 1); // one masked slot when nothing is cached
    const past = (c) => (reuse ? keep(c, heads, cached.length, dh, 0, reuse) : new Float32Array(heads * dh));
    const fresh = row.slice(reuse), t = fresh.length;
    const bias = new Float32Array(t * (slots + t)).fill(NEG);
    for (let j = 0; j < t; j++) {
      bias.fill(0, j * (slots + t), j * (slots + t) + reuse);
      bias.fill(0, j * (slots + t) + slots, j * (slots + t) + slots + j + 1);
    }
    const out = await decoder.run({
      decoder_input_ids: i64(fresh),
      decoder_positions: i64(fresh.map((_, j) => reuse + j)),
      self_attention_bias: new ort.Tensor('float32', bias, [1, 1, t, slots + t]),
      past_key: new ort.Tensor('float32', past(cacheK), [1, heads, slots, dh]),
      past_value: new ort.Tensor('float32', past(cacheV), [1, heads, slots, dh]),
      cross_key: crossKey, cross_value: crossValue, encoder_attention_mask: mask,
    });
    const logits = out.logits;
    passes++;
    positions += t;
    // The cache now holds the whole row: the reused slots, then the new tokens.
    const skip = reuse ? 0 : 1;
    cacheK = keep(out.present_key.data, heads, slots + t, dh, skip, reuse + t);
    cacheV = keep(out.present_value.data, heads, slots + t, dh, skip, reuse + t);
    cached = row;
    // The source's suggestions: the draft and the source token after it (as decode.rs).
    const prefer = draftFrom === null ? [] : src.slice(draftFrom, draftFrom + draftLen + 1);
    const pred = pickRows(logits.data, logits.dims[2], reuse, base - 1, row.length, prefer, Math.fround(codec.copyBias));
    let accepted = 0;
    while (accepted < draftLen && pred[accepted] === row[base + accepted]) accepted++;
    for (const tok of [...row.slice(base, base + accepted), pred[accepted]]) {
      input.push(tok);
      if (tok === eos) ended = true;
      if (tok === eos || input.length - 1 >= cap) { done = true; break; }
    }
    if (!done) draftFrom = resync(src, input.slice(1));
  }
  // A sentence that reached its budget without ending keeps its source (as corrector.rs).
  const output = ended ? codec.detokenize(Uint32Array.from(input.slice(1, input.indexOf(eos)))) : text;
  return { output, passes, positions, overBudget: !ended };
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
