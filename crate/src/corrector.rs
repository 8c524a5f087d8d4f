//! What the checker needs from a model: corrected text for a batch of sentences.
//! The real implementation runs the ONNX model with greedy or aggressive decoding; tests
//! can plug in a deterministic corrector to exercise the text pipeline on its own.

use crate::decode::{decode, DecodeParams, DecodeStats, DecoderKind, Request, Scorer};
use crate::error::Result;
use crate::model::{Encoded, Model};

pub trait Corrector {
    /// The corrected text of each unit, and the decoder work it took.
    fn correct_units(&self, units: &[&str], decoder: DecoderKind, batch: usize) -> Result<(Vec<String>, DecodeStats)>;
    /// Whether a unit is short enough to be corrected in one piece.
    fn fits(&self, unit: &str) -> bool;
}

struct ModelScorer<'a> {
    model: &'a Model,
    enc: &'a Encoded,
}

impl Scorer for ModelScorer<'_> {
    fn predict(&mut self, requests: &[Request], copy_bias: f32) -> Result<Vec<Vec<u32>>> {
        self.model.predict(self.enc, requests, copy_bias)
    }
}

impl Corrector for Model {
    fn correct_units(&self, units: &[&str], decoder: DecoderKind, batch: usize) -> Result<(Vec<String>, DecodeStats)> {
        let params = DecodeParams::for_model(&self.codec.config);
        let tokens = units.iter().map(|u| self.codec.source_ids(u)).collect::<Result<Vec<_>>>()?;
        // Similar lengths share a batch: less padding in the encoder.
        let mut order: Vec<usize> = (0..units.len()).collect();
        order.sort_by_key(|&i| tokens[i].len());
        let mut out = vec![String::new(); units.len()];
        let mut stats = DecodeStats::default();
        for group in order.chunks(batch.max(1)) {
            let srcs: Vec<Vec<u32>> = group.iter().map(|&i| tokens[i].clone()).collect();
            let enc = self.encode(&srcs)?;
            let mut scorer = ModelScorer { model: self, enc: &enc };
            let (outputs, s) = decode(decoder, &mut scorer, &srcs, &params)?;
            stats.passes += s.passes;
            stats.rows += s.rows;
            for (&i, ids) in group.iter().zip(outputs) {
                out[i] = self.codec.detokenize(&ids)?;
            }
        }
        Ok((out, stats))
    }

    fn fits(&self, unit: &str) -> bool {
        self.codec.tokenize(unit).map(|t| t.len() < self.codec.config.max_source_tokens).unwrap_or(false)
    }
}
