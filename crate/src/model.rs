//! The model folder: two ONNX graphs run by tract, the tokenizer and the config.

use std::path::Path;
use std::sync::Arc;

use tract_onnx::prelude::*;

use crate::codec::Codec;
use crate::decode::{pick, Choice, Request};
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
}

/// Encoder output for a batch of sentences, kept to feed the decoder.
pub struct Encoded {
    /// [B, S, D] row-major
    hidden: Vec<f32>,
    /// [B, S] 1 for real tokens
    mask: Vec<i64>,
    batch: usize,
    len: usize,
    dim: usize,
}

impl Encoded {
    pub fn batch(&self) -> usize {
        self.batch
    }
}

/// A model folder's file, or an error naming it (missing or unreadable).
pub(crate) fn read_file(dir: &Path, name: &'static str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => EmendError::MissingFile { name, path: path.display().to_string() },
        _ => EmendError::Unreadable { name, detail: e.to_string() },
    })
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
        let shape: TVec<TDim> = dims
            .iter()
            .map(|d| match d.parse::<usize>() {
                Ok(n) => n.into(),
                Err(_) => model.sym(d).into(),
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
        let encoder = read_file(dir, "encoder.onnx")?;
        let decoder = read_file(dir, "decoder.onnx")?;
        let tokenizer = read_file(dir, "tokenizer.json")?;
        let config = read_file(dir, "config.json")?;
        Self::from_bytes(ModelFiles { encoder: &encoder, decoder: &decoder, tokenizer: &tokenizer, config: &config })
    }

    pub fn from_bytes(files: ModelFiles) -> Result<Self> {
        let codec = Codec::from_bytes(files.tokenizer, files.config)?;
        let encoder = load_graph("encoder.onnx", files.encoder, &[(i64::datum_type(), &["B", "S"]), (i64::datum_type(), &["B", "S"])])?;
        let d = codec.config.hidden_size.to_string();
        let decoder = load_graph(
            "decoder.onnx",
            files.decoder,
            &[(i64::datum_type(), &["B", "T"]), (f32::datum_type(), &["B", "S", &d]), (i64::datum_type(), &["B", "S"])],
        )?;
        let model = Model { encoder, decoder, codec };
        model.self_check()?;
        Ok(model)
    }

    /// Run both graphs once on a tiny input: proves the files fit together and learns D.
    fn self_check(&self) -> Result<()> {
        let ids = vec![vec![self.codec.config.eos_id]];
        let enc = self.encode(&ids).map_err(|e| EmendError::Mismatch(format!("encoder self-check: {e}")))?;
        if enc.dim != self.codec.config.hidden_size {
            return Err(EmendError::Mismatch(format!(
                "encoder emits width {}, config.json says {}",
                enc.dim, self.codec.config.hidden_size
            )));
        }
        let out = self
            .decoder_logits(&enc, &[Request { sentence: 0, input: &[self.codec.config.bos_id], prefer_at: 0, prefer: &[] }])
            .map_err(|e| EmendError::Mismatch(format!("decoder self-check: {e}")))?;
        let vocab = out.1;
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
        let batch = sources.len();
        let len = sources.iter().map(Vec::len).max().unwrap_or(0);
        if batch == 0 || len == 0 {
            return Err(EmendError::InvalidArgument("nothing to encode".into()));
        }
        let mut ids = vec![self.codec.config.pad_id as i64; batch * len];
        let mut mask = vec![0i64; batch * len];
        for (b, src) in sources.iter().enumerate() {
            for (i, &t) in src.iter().enumerate() {
                ids[b * len + i] = t as i64;
                mask[b * len + i] = 1;
            }
        }
        let ids_t = Tensor::from_shape(&[batch, len], &ids)?;
        let mask_t = Tensor::from_shape(&[batch, len], &mask)?;
        let out = self.encoder.run(tvec!(ids_t.into(), mask_t.into()))?;
        let view = out[0].to_plain_array_view::<f32>()?;
        let shape = view.shape().to_vec();
        if shape.len() != 3 || shape[0] != batch || shape[1] != len {
            return Err(EmendError::Inference(format!("encoder returned shape {shape:?}")));
        }
        let hidden: Vec<f32> = view.iter().copied().collect();
        Ok(Encoded { hidden, mask, batch, len, dim: shape[2] })
    }

    /// Logits for each request (its sentence's encoder output, its decoder input), padded into
    /// one batch. Returns the flat logits, the vocabulary size and the padded length.
    fn decoder_logits(&self, enc: &Encoded, requests: &[Request]) -> Result<(Vec<f32>, usize, usize)> {
        let n = requests.len();
        let t_len = requests.iter().map(|r| r.input.len()).max().unwrap_or(0);
        if n == 0 || t_len == 0 {
            return Err(EmendError::InvalidArgument("empty decoder request".into()));
        }
        if t_len > self.codec.config.max_target_tokens {
            return Err(EmendError::InvalidArgument(format!("decoder input of {t_len} tokens is too long")));
        }
        let (s, d) = (enc.len, enc.dim);
        let mut ids = vec![self.codec.config.pad_id as i64; n * t_len];
        let mut hidden = Vec::with_capacity(n * s * d);
        let mut mask = Vec::with_capacity(n * s);
        for (row, r) in requests.iter().enumerate() {
            let sent = r.sentence;
            for (i, &t) in r.input.iter().enumerate() {
                ids[row * t_len + i] = t as i64;
            }
            hidden.extend_from_slice(&enc.hidden[sent * s * d..(sent + 1) * s * d]);
            mask.extend_from_slice(&enc.mask[sent * s..(sent + 1) * s]);
        }
        let out = self.decoder.run(tvec!(
            Tensor::from_shape(&[n, t_len], &ids)?.into(),
            Tensor::from_shape(&[n, s, d], &hidden)?.into(),
            Tensor::from_shape(&[n, s], &mask)?.into()
        ))?;
        let view = out[0].to_plain_array_view::<f32>()?;
        let shape = view.shape().to_vec();
        if shape.len() != 3 || shape[0] != n || shape[1] != t_len {
            return Err(EmendError::Inference(format!("decoder returned shape {shape:?}")));
        }
        Ok((view.iter().copied().collect(), shape[2], t_len))
    }

    /// For each request, the decoder's next token after every position of its input
    /// (argmax, with the copy bias towards the source's suggestion: [`pick`]).
    pub fn predict(&self, enc: &Encoded, requests: &[Request], copy_bias: f32) -> Result<Vec<Vec<Choice>>> {
        let (logits, vocab, t_len) = self.decoder_logits(enc, requests)?;
        Ok(requests
            .iter()
            .enumerate()
            .map(|(row, r)| {
                (0..r.input.len())
                    .map(|pos| {
                        let start = (row * t_len + pos) * vocab;
                        pick(&logits[start..start + vocab], r.preferred(pos), copy_bias)
                    })
                    .collect()
            })
            .collect())
    }
}
