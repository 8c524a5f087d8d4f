//! What the checker needs from a model: corrected text for a batch of sentences, with how
//! sure the model was of each part it wrote. The real implementation runs the ONNX model
//! with greedy or aggressive decoding; tests can plug in a deterministic corrector to
//! exercise the text pipeline on its own.

use std::ops::Range;

use crate::text::align::touches;
use crate::model::cache::DecoderCache;
use crate::model::clock::now_ms;
use crate::model::config::EditGates;
use crate::model::decode::{decode, Choice, DecodeParams, DecodeStats, DecoderKind, Request, Scorer};
use crate::error::Result;
use crate::model::{Encoded, Model};

/// One unit's correction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Correction {
    pub text: String,
    /// Byte ranges of `text` that the model wrote instead of copying the source, each with
    /// its decoder margin (see [`Choice`]): the smaller, the less sure.
    pub decisions: Vec<(Range<usize>, f32)>,
}

impl Correction {
    /// A correction with no record of how sure its maker was (rules, tests).
    pub fn plain(text: impl Into<String>) -> Self {
        Correction { text: text.into(), decisions: Vec::new() }
    }

    /// The least margin among the decisions touching `range` of the text (its ends included:
    /// a deletion shows as the next token written in place of the deleted one).
    pub fn margin_at(&self, range: &Range<usize>) -> Option<f32> {
        self.decisions
            .iter()
            .filter(|(r, _)| touches(r, range))
            .map(|&(_, m)| m)
            .reduce(f32::min)
    }
}

pub trait Corrector {
    /// The correction of each unit, and the decoder work it took.
    fn correct_units(&self, units: &[&str], decoder: DecoderKind, batch: usize) -> Result<(Vec<Correction>, DecodeStats)>;
    /// Whether a unit is short enough to be corrected in one piece.
    fn fits(&self, unit: &str) -> bool;
    /// Whether the checker takes a second look at sentences it fixed (see
    /// `Checker::edits_of`); off by default.
    fn second_look(&self) -> bool {
        false
    }
    /// How sure each kind of edit must be to be offered (see `policy::held_back::edit_kind`); by
    /// default every edit is offered.
    fn gates(&self) -> &EditGates {
        static NONE: std::sync::LazyLock<EditGates> = std::sync::LazyLock::new(EditGates::default);
        &NONE
    }
}

/// The model as a [`Scorer`] for one encoded batch, carrying each sentence's decoder cache
/// from pass to pass.
pub struct ModelScorer<'a> {
    model: &'a Model,
    enc: &'a Encoded,
    pub cache: DecoderCache,
}

impl<'a> ModelScorer<'a> {
    pub fn new(model: &'a Model, enc: &'a Encoded) -> Self {
        ModelScorer { model, enc, cache: model.cache(enc) }
    }
}

impl Scorer for ModelScorer<'_> {
    fn predict(&mut self, requests: &[Request], copy_bias: f32) -> Result<Vec<Vec<Choice>>> {
        self.model.predict(self.enc, &mut self.cache, requests, copy_bias)
    }
}

impl Corrector for Model {
    fn correct_units(&self, units: &[&str], decoder: DecoderKind, batch: usize) -> Result<(Vec<Correction>, DecodeStats)> {
        let params = DecodeParams::for_model(&self.codec.config);
        let tokens = units.iter().map(|u| self.codec.source_ids(u)).collect::<Result<Vec<_>>>()?;
        // Similar lengths share a batch: less padding in the encoder.
        let mut order: Vec<usize> = (0..units.len()).collect();
        order.sort_by_key(|&i| tokens[i].len());
        let mut out = vec![Correction::default(); units.len()];
        let mut stats = DecodeStats::default();
        for group in order.chunks(batch.max(1)) {
            let srcs: Vec<Vec<u32>> = group.iter().map(|&i| tokens[i].clone()).collect();
            let start = now_ms();
            let enc = self.encode(&srcs)?;
            let encoded = now_ms();
            let mut scorer = ModelScorer::new(self, &enc);
            let (outputs, s) = decode(decoder, &mut scorer, &srcs, &params)?;
            stats += DecodeStats {
                positions: scorer.cache.positions,
                source_tokens: srcs.iter().map(Vec::len).sum(),
                encoder_ms: encoded - start,
                decoder_ms: now_ms() - encoded,
                ..s
            };
            for (&i, d) in group.iter().zip(outputs) {
                if d.over_budget {
                    out[i] = Correction::plain(units[i]);
                    continue;
                }
                let text = self.codec.detokenize(&d.tokens)?;
                let mut decisions = Vec::new();
                for (k, &margin) in d.margins.iter().enumerate() {
                    if margin.is_finite() {
                        decisions.push((self.codec.token_span(&d.tokens, k, &text)?, margin));
                    }
                }
                out[i] = Correction { text, decisions };
            }
        }
        Ok((out, stats))
    }

    fn fits(&self, unit: &str) -> bool {
        self.codec.tokenize(unit).map(|t| t.len() < self.codec.config.max_source_tokens).unwrap_or(false)
    }

    fn gates(&self) -> &EditGates {
        &self.codec.config.gates
    }

    fn second_look(&self) -> bool {
        self.codec.config.second_look
    }
}
