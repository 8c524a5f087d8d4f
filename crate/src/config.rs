//! `config.json` in the model folder: special token ids and length limits.

use serde::Deserialize;

use crate::error::{EmendError, Result};

pub const FORMAT: &str = "emend-seq2seq-v1";

/// The copy biases a model may set (or the CLI may try): 0 is plain greedy decoding, below 0
/// an edit bonus (the runner-up replaces a copy that leads it by less).
pub const COPY_BIAS_RANGE: std::ops::RangeInclusive<f32> = -5.0..=100.0;

#[derive(Debug, Clone, Deserialize)]
pub struct ModelConfig {
    pub format: String,
    pub pad_id: u32,
    pub bos_id: u32,
    pub eos_id: u32,
    pub unk_id: u32,
    /// Encoder input limit, including the closing `</s>`.
    pub max_source_tokens: usize,
    /// Decoder input limit (`<s>` plus generated tokens): the position table's size.
    pub max_target_tokens: usize,
    /// "full-recompute": the decoder graph takes the whole prefix (no KV cache).
    pub decoder_kind: String,
    pub vocab_size: usize,
    /// Width of the encoder output fed to the decoder.
    pub hidden_size: usize,
    /// Logit bonus for keeping the source's token (precision over recall), tuned on dev
    /// data for this model; absent means 0 (plain greedy).
    #[serde(default)]
    pub copy_bias: f32,
    /// The least decoder margin at which the checker offers each kind of edit (e.g.
    /// "determiner/delete": 1.0), tuned on dev data for this model; kinds not named are
    /// offered whatever the margin.
    #[serde(default)]
    pub min_margin: std::collections::HashMap<String, f32>,
}

impl ModelConfig {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let cfg: ModelConfig = serde_json::from_slice(bytes).map_err(|e| EmendError::BadModel {
            name: "config.json",
            kind: "model config",
            detail: e.to_string(),
        })?;
        if cfg.format != FORMAT {
            return Err(EmendError::Mismatch(format!(
                "config.json has format `{}`, this build reads `{FORMAT}`",
                cfg.format
            )));
        }
        if cfg.decoder_kind != "full-recompute" {
            return Err(EmendError::Mismatch(format!(
                "decoder kind `{}` is not supported",
                cfg.decoder_kind
            )));
        }
        if !COPY_BIAS_RANGE.contains(&cfg.copy_bias) {
            return Err(EmendError::Mismatch(format!("copy_bias {} in config.json is not in {COPY_BIAS_RANGE:?}", cfg.copy_bias)));
        }
        if let Some((kind, m)) = cfg.min_margin.iter().find(|(_, m)| !m.is_finite()) {
            return Err(EmendError::Mismatch(format!("min_margin {m} for {kind} in config.json is not a number")));
        }
        if cfg.max_source_tokens < 8 || cfg.max_target_tokens < 8 {
            return Err(EmendError::Mismatch("length limits in config.json are too small".into()));
        }
        Ok(cfg)
    }
}
