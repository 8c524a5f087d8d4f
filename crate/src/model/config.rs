//! `config.json` in the model folder: special token ids and length limits.

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::{EmendError, Result};

pub const FORMAT: &str = "emend-seq2seq-v2";

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
    /// "incremental": the encoder emits cross-attention keys and values, and the decoder
    /// takes the new tokens with the past self-attention keys and values
    /// (`training/model/incremental.py`).
    pub decoder_kind: String,
    pub vocab_size: usize,
    /// Width of the encoder output fed to the decoder.
    pub hidden_size: usize,
    /// Logit bonus for keeping the source's token (precision over recall), tuned on dev
    /// data for this model; absent means 0 (plain greedy).
    #[serde(default)]
    pub copy_bias: f32,
    /// Correct each sentence with offered fixes a second time, with those fixes applied
    /// (`Checker::edits_of`): more recall for more time; absent means off.
    #[serde(default)]
    pub second_look: bool,
    /// Per-kind thresholds below which the checker holds an edit back.
    #[serde(flatten)]
    pub gates: EditGates,
}

/// How sure an edit of each kind must be for the checker to offer it, tuned on dev data for
/// this model (`training/eval/score_gates.py`); kinds not named are offered whatever the value.
/// Keys are `policy::held_back::edit_kind` names ("determiner/delete").
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EditGates {
    /// The least decoder margin (how far the model's token led the source's).
    #[serde(default)]
    pub min_margin: HashMap<String, f32>,
    /// The least bigram gain (`Speller::bigram_gain`): how much likelier clean English finds
    /// the edit's words than the writer's, between the same neighbours.
    #[serde(default)]
    pub min_bigram_gain: HashMap<String, f32>,
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
        if cfg.decoder_kind != "incremental" {
            return Err(EmendError::Mismatch(format!(
                "decoder kind `{}` is not supported (training/model/incremental.py converts a full-recompute export)",
                cfg.decoder_kind
            )));
        }
        if !COPY_BIAS_RANGE.contains(&cfg.copy_bias) {
            return Err(EmendError::Mismatch(format!("copy_bias {} in config.json is not in {COPY_BIAS_RANGE:?}", cfg.copy_bias)));
        }
        for (name, gate) in [("min_margin", &cfg.gates.min_margin), ("min_bigram_gain", &cfg.gates.min_bigram_gain)] {
            if let Some((kind, m)) = gate.iter().find(|(_, m)| !m.is_finite()) {
                return Err(EmendError::Mismatch(format!("{name} {m} for {kind} in config.json is not a number")));
            }
        }
        if cfg.max_source_tokens < 8 || cfg.max_target_tokens < 8 {
            return Err(EmendError::Mismatch("length limits in config.json are too small".into()));
        }
        Ok(cfg)
    }
}
