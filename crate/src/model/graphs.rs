//! The model folder: two ONNX graphs run by tract, the tokenizer and the config.
//!
//! The graphs are the incremental pair `training/model/incremental.py` makes: the encoder emits the
//! decoder's cross-attention keys and values once per sentence, and a decoder pass reads only
//! the tokens its [`DecoderCache`] does not hold, with the keys and values of the rest.

use std::path::Path;
use std::sync::Arc;

use tract_onnx::prelude::*;

use crate::model::cache::DecoderCache;
use crate::model::clock::now_ms;
use crate::model::codec::Codec;
use crate::model::decode::{pick, Choice, Request};
use crate::error::{EmendError, Result};

type Plan = Arc<TypedRunnableModel>;

/// The raw bytes of a model folder's four files (what the browser fetches).
pub struct ModelFiles<'a> {
    pub encoder: &'a [u8],
    pub decoder: &'a [u8],
    pub tokenizer: &'a [u8],
    pub config: &'a [u8],
}

pub struct Model {
    encoder: Plan,
    decoder: Plan,
    pub codec: Codec,
    /// Attention heads and their width, read off the encoder's cross-attention output.
    heads: usize,
    head_dim: usize,
    /// Milliseconds each loading stage took (parse and optimise each graph, self-checks).
    pub load_ms: Vec<(&'static str, f64)>,
}

/// Encoder output for a batch of sentences: the decoder's cross-attention keys and values,
/// computed once per sentence (`training/model/incremental.py` moved them into the encoder graph).
pub struct Encoded {
    /// [B, H, dh, S]
    cross_key: Tensor,
    /// [B, H, S, dh]
    cross_value: Tensor,
    /// [B, S] 1 for real tokens
    mask: Vec<i64>,
    batch: usize,
    len: usize,
}

impl Encoded {
    pub fn batch(&self) -> usize {
        self.batch
    }
}

/// Additive attention mask: a key a token may not see. exp() of it underflows to exactly 0.
const NEG: f32 = -1e9;

/// A model folder's file, or an error naming it (missing or unreadable).
pub(crate) fn read_file(dir: &Path, name: &'static str) -> Result<Vec<u8>> {
    std::fs::read(dir.join(name)).map_err(|e| file_error(dir, name, e))
}

fn file_error(dir: &Path, name: &'static str, e: std::io::Error) -> EmendError {
    match e.kind() {
        std::io::ErrorKind::NotFound => EmendError::MissingFile { name, path: dir.join(name).display().to_string() },
        _ => EmendError::Unreadable { name, detail: e.to_string() },
    }
}

fn load_graph(name: &'static str, bytes: &[u8], inputs: &[(DatumType, &[&str])]) -> Result<Plan> {
    let bad = |e: TractError| EmendError::BadModel { name, kind: "ONNX graph", detail: format!("{e:#}") };
    let mut model = tract_onnx::onnx()
        .with_ignore_value_info(true)
        .model_for_read(&mut &*bytes)
        .map_err(bad)?;
    if model.inputs.len() != inputs.len() {
        return Err(EmendError::Mismatch(format!(
            "{name} has {} inputs, expected {}",
            model.inputs.len(),
            inputs.len()
        )));
    }
    for (i, (dt, dims)) in inputs.iter().enumerate() {
        // A dimension is a number, a symbol, or a sum of them ("P+T").
        let shape: TVec<TDim> = dims
            .iter()
            .map(|d| {
                d.split('+')
                    .map(|part| match part.parse::<usize>() {
                        Ok(n) => TDim::from(n),
                        Err(_) => TDim::from(model.sym(part)),
                    })
                    .fold(TDim::from(0), |a, b| a + b)
            })
            .collect();
        model.set_input_fact(i, InferenceFact::dt_shape(*dt, shape)).map_err(bad)?;
    }
    let plan = model.into_optimized().and_then(|m| m.into_runnable()).map_err(bad)?;
    Ok(plan)
}

impl Model {
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        // A missing file is named before any is read (the graphs are read one at a time later).
        for name in ["encoder.onnx", "decoder.onnx", "tokenizer.json", "config.json"] {
            std::fs::metadata(dir.join(name)).map_err(|e| file_error(dir, name, e))?;
        }
        let tokenizer = read_file(dir, "tokenizer.json")?;
        let config = read_file(dir, "config.json")?;
        Self::load(&tokenizer, &config, || read_file(dir, "encoder.onnx"), || read_file(dir, "decoder.onnx"))
    }

    pub fn from_bytes(files: ModelFiles) -> Result<Self> {
        Self::load(files.tokenizer, files.config, || Ok(files.encoder), || Ok(files.decoder))
    }

    /// Load the model, fetching each graph's bytes only when it is its turn and dropping them
    /// once it is parsed: the load's peak holds one file, not both (the browser copies them
    /// into wasm memory, which never shrinks).
    pub fn load<E: AsRef<[u8]>, D: AsRef<[u8]>>(
        tokenizer: &[u8],
        config: &[u8],
        encoder: impl FnOnce() -> Result<E>,
        decoder: impl FnOnce() -> Result<D>,
    ) -> Result<Self> {
        let mut load_ms = Vec::new();
        let mut last = now_ms();
        let mut lap = |stage: &'static str| {
            let now = now_ms();
            load_ms.push((stage, now - last));
            last = now;
        };
        let codec = Codec::from_bytes(tokenizer, config)?;
        lap("tokenizer");
        let i64_t = i64::datum_type();
        let encoder = load_graph("encoder.onnx", encoder()?.as_ref(), &[(i64_t, &["B", "S"]), (i64_t, &["B", "S"])])?;
        lap("encoder graph");
        // The encoder's output says how the decoder's attention is split into heads.
        let probe = encode_with(&encoder, &codec, &[vec![codec.config.eos_id]]).map_err(|e| EmendError::Mismatch(format!("encoder self-check: {e}")))?;
        let shape = probe.cross_key.shape().to_vec();
        let (heads, head_dim) = (shape[1], shape[2]);
        if heads * head_dim != codec.config.hidden_size || probe.cross_value.shape() != [1, heads, 1, head_dim] {
            return Err(EmendError::Mismatch(format!(
                "encoder emits cross-attention keys {shape:?} and values {:?}, config.json says width {}",
                probe.cross_value.shape(),
                codec.config.hidden_size
            )));
        }
        let (h, dh) = (heads.to_string(), head_dim.to_string());
        let f32_t = f32::datum_type();
        let decoder = load_graph(
            "decoder.onnx",
            decoder()?.as_ref(),
            &[
                (i64_t, &["B", "T"]),
                (i64_t, &["B", "T"]),
                (f32_t, &["B", "1", "T", "P+T"]),
                (f32_t, &["B", &h, "P", &dh]),
                (f32_t, &["B", &h, "P", &dh]),
                (f32_t, &["B", &h, &dh, "S"]),
                (f32_t, &["B", &h, "S", &dh]),
                (i64_t, &["B", "S"]),
            ],
        )?;
        lap("decoder graph");
        let mut model = Model { encoder, decoder, codec, heads, head_dim, load_ms: Vec::new() };
        model.self_check(&probe)?;
        lap("self-check");
        model.load_ms = load_ms;
        Ok(model)
    }

    /// Run the decoder once on a tiny input: proves the files fit together.
    fn self_check(&self, enc: &Encoded) -> Result<()> {
        let bos = self.codec.config.bos_id;
        let mut cache = self.cache(enc);
        let step = self
            .step(enc, &mut cache, &[Request { sentence: 0, input: &[bos], from: 0, prefer: &[] }])
            .map_err(|e| EmendError::Mismatch(format!("decoder self-check: {e}")))?;
        let vocab = step.vocab;
        if vocab != self.codec.config.vocab_size {
            return Err(EmendError::Mismatch(format!(
                "decoder emits {vocab} logits, config.json says {}",
                self.codec.config.vocab_size
            )));
        }
        Ok(())
    }

    /// Encode a batch of token sequences (each already ending in `</s>`).
    pub fn encode(&self, sources: &[Vec<u32>]) -> Result<Encoded> {
        encode_with(&self.encoder, &self.codec, sources)
    }

    /// An empty decoder cache for the sentences of `enc`.
    pub fn cache(&self, enc: &Encoded) -> DecoderCache {
        DecoderCache::new(enc.batch, self.heads, self.head_dim)
    }

    /// One decoder pass over each request's tokens that `cache` does not hold yet (at least
    /// from `from` on), padded into one batch; the cache then holds every token fed.
    fn step(&self, enc: &Encoded, cache: &mut DecoderCache, requests: &[Request]) -> Result<Step> {
        let n = requests.len();
        if n == 0 || requests.iter().any(|r| r.input.is_empty() || r.from >= r.input.len() || r.sentence >= enc.batch) {
            return Err(EmendError::InvalidArgument("empty or malformed decoder request".into()));
        }
        if let Some(r) = requests.iter().find(|r| r.input.len() > self.codec.config.max_target_tokens) {
            return Err(EmendError::InvalidArgument(format!("decoder input of {} tokens is too long", r.input.len())));
        }
        if cache.sentences() != enc.batch {
            return Err(EmendError::InvalidArgument("decoder cache made for another batch".into()));
        }
        let reuse: Vec<usize> = requests.iter().map(|r| cache.reuse(r.sentence, r.input, r.from)).collect();
        // At least one past slot (masked when empty): tract is not asked for zero-length tensors.
        let past = reuse.iter().copied().max().unwrap_or(0).max(1);
        let t_len = requests.iter().zip(&reuse).map(|(r, &p)| r.input.len() - p).max().unwrap_or(0);
        let keys = past + t_len;
        let (h, dh, s) = (self.heads, self.head_dim, enc.len);
        let mut ids = vec![self.codec.config.pad_id as i64; n * t_len];
        let mut positions = vec![0i64; n * t_len];
        let mut bias = vec![NEG; n * t_len * keys];
        let mut past_key = vec![0f32; n * h * past * dh];
        let mut past_value = vec![0f32; n * h * past * dh];
        let mut cross_key = Vec::with_capacity(n * h * dh * s);
        let mut cross_value = Vec::with_capacity(n * h * s * dh);
        let mut mask = Vec::with_capacity(n * s);
        let (enc_key, enc_value) = (floats(&enc.cross_key)?, floats(&enc.cross_value)?);
        for (row, (r, &p)) in requests.iter().zip(&reuse).enumerate() {
            let fresh = &r.input[p..];
            for j in 0..t_len {
                let at = row * t_len + j;
                let sees = &mut bias[at * keys..(at + 1) * keys];
                if let Some(&t) = fresh.get(j) {
                    ids[at] = t as i64;
                    positions[at] = (p + j) as i64;
                    sees[..p].fill(0.0);
                    sees[past..=past + j].fill(0.0);
                } else {
                    sees[past + j] = 0.0; // padding: sees itself, its logits are never read
                }
            }
            let span = h * past * dh;
            cache.write_row(r.sentence, &mut past_key[row * span..(row + 1) * span], &mut past_value[row * span..(row + 1) * span], past);
            let per = h * dh * s;
            cross_key.extend_from_slice(&enc_key[r.sentence * per..(r.sentence + 1) * per]);
            cross_value.extend_from_slice(&enc_value[r.sentence * per..(r.sentence + 1) * per]);
            mask.extend_from_slice(&enc.mask[r.sentence * s..(r.sentence + 1) * s]);
        }
        let out = self.decoder.run(tvec!(
            Tensor::from_shape(&[n, t_len], &ids)?.into(),
            Tensor::from_shape(&[n, t_len], &positions)?.into(),
            Tensor::from_shape(&[n, 1, t_len, keys], &bias)?.into(),
            Tensor::from_shape(&[n, h, past, dh], &past_key)?.into(),
            Tensor::from_shape(&[n, h, past, dh], &past_value)?.into(),
            Tensor::from_shape(&[n, h, dh, s], &cross_key)?.into(),
            Tensor::from_shape(&[n, h, s, dh], &cross_value)?.into(),
            Tensor::from_shape(&[n, s], &mask)?.into()
        ))?;
        if out.len() != 3 {
            return Err(EmendError::Inference(format!("decoder returned {} outputs, expected 3", out.len())));
        }
        let logits = floats(&out[0])?;
        let vocab = match out[0].shape() {
            [b, t, v] if *b == n && *t == t_len => *v,
            other => return Err(EmendError::Inference(format!("decoder returned logits of shape {other:?}"))),
        };
        for present in &out[1..] {
            if present.shape() != [n, h, keys, dh] {
                return Err(EmendError::Inference(format!("decoder returned keys/values of shape {:?}", present.shape())));
            }
        }
        if logits.len() != n * t_len * vocab {
            return Err(EmendError::Inference("decoder returned fewer logits than its shape says".into()));
        }
        let (present_key, present_value) = (floats(&out[1])?, floats(&out[2])?);
        for (row, (r, &p)) in requests.iter().zip(&reuse).enumerate() {
            let span = h * keys * dh;
            let rows = (row * span)..((row + 1) * span);
            cache.append(r.sentence, &r.input[p..], &present_key[rows.clone()], &present_value[rows], keys, past);
        }
        let mut out = out;
        Ok(Step { logits: out.swap_remove(0), vocab, t_len, reuse })
    }

    /// For each request, the decoder's next token after every position of its input from
    /// `from` on (argmax, with the copy bias towards the source's suggestion: [`pick`]).
    pub fn predict(&self, enc: &Encoded, cache: &mut DecoderCache, requests: &[Request], copy_bias: f32) -> Result<Vec<Vec<Choice>>> {
        let step = self.step(enc, cache, requests)?;
        let logits = floats(&step.logits)?;
        Ok(requests
            .iter()
            .enumerate()
            .map(|(row, r)| (r.from..r.input.len()).map(|pos| pick(step.row(logits, row, pos), r.preferred(pos), copy_bias)).collect())
            .collect())
    }
}

/// One decoder pass's logits, `[rows, t_len, vocab]`: row `r` holds the positions of its
/// input from `reuse[r]` on (the ones the cache did not hold).
struct Step {
    logits: TValue,
    vocab: usize,
    t_len: usize,
    reuse: Vec<usize>,
}

impl Step {
    /// The logits after `input[..=pos]` of request `row`, out of `logits` (this step's floats).
    fn row<'a>(&self, logits: &'a [f32], row: usize, pos: usize) -> &'a [f32] {
        let at = (row * self.t_len + pos - self.reuse[row]) * self.vocab;
        &logits[at..at + self.vocab]
    }
}

/// A tensor's floats, in row-major order.
fn floats(t: &Tensor) -> Result<&[f32]> {
    Ok(t.try_as_plain_ram()?.as_slice::<f32>()?)
}

/// Run the encoder on a batch of token sequences (each already ending in `</s>`).
fn encode_with(encoder: &Plan, codec: &Codec, sources: &[Vec<u32>]) -> Result<Encoded> {
    let batch = sources.len();
    let len = sources.iter().map(Vec::len).max().unwrap_or(0);
    if batch == 0 || len == 0 {
        return Err(EmendError::InvalidArgument("nothing to encode".into()));
    }
    let mut ids = vec![codec.config.pad_id as i64; batch * len];
    let mut mask = vec![0i64; batch * len];
    for (b, src) in sources.iter().enumerate() {
        for (i, &t) in src.iter().enumerate() {
            ids[b * len + i] = t as i64;
            mask[b * len + i] = 1;
        }
    }
    let ids_t = Tensor::from_shape(&[batch, len], &ids)?;
    let mask_t = Tensor::from_shape(&[batch, len], &mask)?;
    let mut out = encoder.run(tvec!(ids_t.into(), mask_t.into()))?;
    if out.len() != 2 {
        return Err(EmendError::Inference(format!("encoder returned {} outputs, expected cross-attention keys and values", out.len())));
    }
    let cross_value = out.remove(1).into_tensor();
    let cross_key = out.remove(0).into_tensor();
    let (k, v) = (cross_key.shape(), cross_value.shape());
    if k.len() != 4 || v.len() != 4 || k[0] != batch || k[3] != len || v[0] != batch || v[2] != len || k[1] != v[1] || k[2] != v[3] {
        return Err(EmendError::Inference(format!("encoder returned keys {k:?} and values {v:?}")));
    }
    Ok(Encoded { cross_key, cross_value, mask, batch, len })
}
