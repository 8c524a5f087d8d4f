//! Greedy and input-guided aggressive decoding over a batch of sentences.
//!
//! Aggressive decoding (Sun et al. 2021, "Instantaneous Grammatical Error Correction with
//! Shallow Aggressive Decoding"): most of a correction copies its source, so the source is
//! fed as a draft and verified in one decoder pass. The prefix of the draft that agrees
//! with the model's own argmax is kept, plus the model's token at the first disagreement;
//! then decoding goes one token at a time until the last few output tokens match a unique
//! n-gram of the source, and drafting resumes from there. Every kept token is the model's
//! argmax given exactly the preceding output, so the result equals greedy decoding.

use crate::error::Result;

/// Something that predicts, for each decoder input, the argmax next token after every position.
/// The model implements it; tests use deterministic toy scorers.
pub trait Scorer {
    fn predict(&mut self, requests: &[(usize, &[u32])]) -> Result<Vec<Vec<u32>>>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecoderKind {
    Greedy,
    Aggressive,
}

impl std::str::FromStr for DecoderKind {
    type Err = crate::error::EmendError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "greedy" => Ok(DecoderKind::Greedy),
            "aggressive" => Ok(DecoderKind::Aggressive),
            other => Err(crate::error::EmendError::InvalidArgument(format!(
                "unknown decoder `{other}` (use aggressive or greedy)"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct DecodeParams {
    pub bos: u32,
    pub eos: u32,
    /// Longest decoder input (`<s>` + output) the model accepts.
    pub max_decoder_len: usize,
    /// Longest n-gram used to re-synchronise with the source (tries n, n-1, ..., 1).
    pub max_ngram: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DecodeStats {
    /// Decoder calls (one call verifies every active sentence of the batch).
    pub passes: usize,
    /// Rows sent to the decoder, summed over passes.
    pub rows: usize,
}

/// Output budget for one source: a correction is rarely much longer than its source.
fn output_cap(src_len: usize, p: &DecodeParams) -> usize {
    (src_len * 2 + 10).min(p.max_decoder_len - 1)
}

pub fn decode(kind: DecoderKind, scorer: &mut dyn Scorer, sources: &[Vec<u32>], p: &DecodeParams) -> Result<(Vec<Vec<u32>>, DecodeStats)> {
    match kind {
        DecoderKind::Greedy => greedy(scorer, sources, p),
        DecoderKind::Aggressive => aggressive(scorer, sources, p),
    }
}

/// Output tokens without the closing `</s>`.
fn finish(mut out: Vec<u32>, eos: u32) -> Vec<u32> {
    if let Some(i) = out.iter().position(|&t| t == eos) {
        out.truncate(i);
    }
    out
}

pub fn greedy(scorer: &mut dyn Scorer, sources: &[Vec<u32>], p: &DecodeParams) -> Result<(Vec<Vec<u32>>, DecodeStats)> {
    let mut inputs: Vec<Vec<u32>> = vec![vec![p.bos]; sources.len()];
    let mut done = vec![false; sources.len()];
    let mut stats = DecodeStats::default();
    loop {
        let active: Vec<usize> = (0..sources.len()).filter(|&i| !done[i]).collect();
        if active.is_empty() {
            break;
        }
        let requests: Vec<(usize, &[u32])> = active.iter().map(|&i| (i, inputs[i].as_slice())).collect();
        let preds = scorer.predict(&requests)?;
        stats.passes += 1;
        stats.rows += active.len();
        for (&i, pred) in active.iter().zip(preds) {
            let next = *pred.last().expect("one prediction per position");
            inputs[i].push(next);
            if next == p.eos || inputs[i].len() - 1 >= output_cap(sources[i].len(), p) {
                done[i] = true;
            }
        }
    }
    Ok((inputs.into_iter().map(|v| finish(v[1..].to_vec(), p.eos)).collect(), stats))
}

struct State {
    /// `<s>` followed by the output so far.
    input: Vec<u32>,
    /// Where in the source the next draft starts, when in sync with it.
    draft_from: Option<usize>,
    done: bool,
}

/// The source position right after the last `n` output tokens, if they occur exactly once in the source.
fn resync(src: &[u32], out: &[u32], max_ngram: usize) -> Option<usize> {
    for n in (1..=max_ngram.min(out.len())).rev() {
        let tail = &out[out.len() - n..];
        let mut hits = src.windows(n).enumerate().filter(|(_, w)| *w == tail).map(|(i, _)| i + n);
        if let (Some(pos), None) = (hits.next(), hits.next()) {
            return Some(pos);
        }
    }
    None
}

pub fn aggressive(scorer: &mut dyn Scorer, sources: &[Vec<u32>], p: &DecodeParams) -> Result<(Vec<Vec<u32>>, DecodeStats)> {
    let mut states: Vec<State> =
        sources.iter().map(|_| State { input: vec![p.bos], draft_from: Some(0), done: false }).collect();
    let mut stats = DecodeStats::default();
    loop {
        let active: Vec<usize> = (0..states.len()).filter(|&i| !states[i].done).collect();
        if active.is_empty() {
            break;
        }
        // Each active sentence's decoder input: its output so far plus the draft.
        let rows: Vec<(usize, Vec<u32>, usize)> = active
            .iter()
            .map(|&i| {
                let st = &states[i];
                let cap = output_cap(sources[i].len(), p);
                let room = cap + 1 - st.input.len();
                let mut row = st.input.clone();
                if let Some(from) = st.draft_from {
                    let draft = &sources[i][from.min(sources[i].len())..];
                    // The last draft token needs no verification beyond the cap.
                    row.extend_from_slice(&draft[..draft.len().min(room.saturating_sub(1))]);
                }
                let draft_len = row.len() - st.input.len();
                (i, row, draft_len)
            })
            .collect();
        let requests: Vec<(usize, &[u32])> = rows.iter().map(|(i, row, _)| (*i, row.as_slice())).collect();
        let preds = scorer.predict(&requests)?;
        stats.passes += 1;
        stats.rows += rows.len();
        for ((i, row, draft_len), pred) in rows.iter().zip(preds) {
            let st = &mut states[*i];
            let cap = output_cap(sources[*i].len(), p);
            let base = st.input.len(); // row[base..] is the draft
            let mut accepted = 0;
            // pred[k] is the model's token after row[..=k]; it verifies row[k + 1].
            while accepted < *draft_len && pred[base - 1 + accepted] == row[base + accepted] {
                accepted += 1;
            }
            let mut new_tokens: Vec<u32> = row[base..base + accepted].to_vec();
            new_tokens.push(pred[base - 1 + accepted]); // the model's own token at the divergence (or after the draft)
            for t in new_tokens {
                st.input.push(t);
                if t == p.eos || st.input.len() - 1 >= cap {
                    st.done = true;
                    break;
                }
            }
            if st.done {
                continue;
            }
            // After a divergence (or a draft cut short by the cap) find our place in the source again.
            st.draft_from = resync(&sources[*i], &st.input[1..], p.max_ngram);
        }
    }
    Ok((states.into_iter().map(|s| finish(s.input[1..].to_vec(), p.eos)).collect(), stats))
}
