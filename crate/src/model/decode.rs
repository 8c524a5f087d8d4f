//! Greedy and input-guided aggressive decoding over a batch of sentences.
//!
//! Aggressive decoding (Sun et al. 2021, "Instantaneous Grammatical Error Correction with
//! Shallow Aggressive Decoding"): most of a correction copies its source, so the source is
//! fed as a draft and verified in one decoder pass. The prefix of the draft that agrees
//! with the model's own argmax is kept, plus the model's token at the first disagreement;
//! then decoding goes one token at a time until the last few output tokens match a unique
//! n-gram of the source, and drafting resumes from there. Every kept token is the model's
//! argmax given exactly the preceding output, so the result equals greedy decoding.
//!
//! Copy bias (Sun & Wang 2022, "Adjusting the Precision-Recall Trade-Off with
//! Align-and-Predict Decoding"): the token the aligned source suggests next gets
//! `copy_bias` added to its logit, so the model only edits where it is confident. Both
//! decoders follow the same alignment (the draft pointer below), so they stay identical.
//!
//! Each output token carries a margin: how far the model's choice led the source's token
//! (the copy it turned down), or the runner-up where the source suggested nothing; a copied
//! token's margin is infinite. The checker holds back edits the model was unsure of.

use crate::model::config::ModelConfig;
use crate::error::Result;

/// One decoder input to score.
pub struct Request<'a> {
    /// Which sentence of the batch (whose encoder output to attend to).
    pub sentence: usize,
    /// `<s>`, the output so far, then any draft.
    pub input: &'a [u32],
    /// The first position whose next token is wanted (the last output token): a scorer
    /// predicts the token after `input[..=k]` for every `k` in `from..input.len()`, so the
    /// positions before it (already verified) need not be computed again.
    pub from: usize,
    /// The source suggests `prefer[j]` as the token after `input[..=from + j]`.
    pub prefer: &'a [u32],
}

impl Request<'_> {
    /// The source's suggestion for the token after `input[..=pos]`, if any.
    pub fn preferred(&self, pos: usize) -> Option<u32> {
        pos.checked_sub(self.from).and_then(|j| self.prefer.get(j)).copied()
    }
}

/// The decoder's next token at one position, and how sure it was of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    pub token: u32,
    /// Logit lead of `token` over the preferred (source) token it beat, or over the
    /// runner-up where nothing was preferred; infinite when `token` is the preferred one.
    pub margin: f32,
}

impl Choice {
    /// The source's own token, kept.
    pub fn copy(token: u32) -> Self {
        Choice { token, margin: f32::INFINITY }
    }
}

/// Something that predicts, for each request, the next token after every position of its
/// input from `from` on (one [`Choice`] per position `from..input.len()`): the argmax,
/// except that the preferred token wins when its score plus `copy_bias` beats the best score
/// (see [`pick`]). The model implements it; tests use toy scorers.
pub trait Scorer {
    fn predict(&mut self, requests: &[Request], copy_bias: f32) -> Result<Vec<Vec<Choice>>>;
}

/// The decoder's choice from one position's logits: the largest (lowest index on a tie),
/// unless the preferred token comes out strictly ahead once `copy_bias` is added.
pub fn pick(logits: &[f32], preferred: Option<u32>, copy_bias: f32) -> Choice {
    let (mut best, mut second) = (0, None::<usize>);
    for (i, &x) in logits.iter().enumerate().skip(1) {
        if x > logits[best] {
            second = Some(best);
            best = i;
        } else if second.is_none_or(|j| x > logits[j]) {
            second = Some(i);
        }
    }
    let runner_up = second.map_or(f32::INFINITY, |j| logits[best] - logits[j]);
    match preferred {
        Some(t) if t as usize == best => match second {
            // A negative bias is an edit bonus: the runner-up takes the copy's place when that close.
            Some(j) if logits[j] - copy_bias > logits[best] => Choice { token: j as u32, margin: logits[j] - logits[best] },
            _ => Choice::copy(t),
        },
        Some(t) if (t as usize) < logits.len() => {
            if logits[t as usize] + copy_bias > logits[best] {
                Choice::copy(t)
            } else {
                Choice { token: best as u32, margin: logits[best] - logits[t as usize] }
            }
        }
        _ => Choice { token: best as u32, margin: runner_up },
    }
}

/// One decoded sentence: its tokens (without `</s>`) and each token's margin.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub tokens: Vec<u32>,
    pub margins: Vec<f32>,
    /// The output reached its budget ([`DecodeParams::output_cap`]) without `</s>`: a model
    /// repeating itself, not a correction. Its sentence keeps its source.
    pub over_budget: bool,
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
    /// Logit bonus for the token the aligned source suggests (0: plain argmax).
    pub copy_bias: f32,
    /// Longest draft verified in one pass. With the decoder cache a pass costs about what its
    /// positions cost, and a draft rejected early wastes the rest: measured on 200 dev
    /// sentences (`emend compare`), a full draft computed 110.5 positions per sentence in 7.67
    /// passes, a draft of 8 computed 43.8 in 8.71 passes and took 0.55x the decoder time
    /// (4: 35.8 in 10.38, no faster; 16: 59.5; doubling after each accepted draft: 53-66).
    /// It also bounds a pass's work: at most `max_draft + 1` positions per sentence.
    pub max_draft: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct DecodeStats {
    /// Decoder calls (one call verifies every active sentence of the batch).
    pub passes: usize,
    /// Rows sent to the decoder, summed over passes.
    pub rows: usize,
    /// Decoder positions computed (tokens read), summed over rows; filled in by the scorer's owner.
    pub positions: usize,
    /// Sentences whose output reached its budget without ending (they keep their source).
    pub over_budget: usize,
    /// Encoder tokens read (sources with `</s>`, without padding), filled in by the scorer's owner.
    pub source_tokens: usize,
    /// Time in the encoder and in decoding (the passes and the loop around them), filled in
    /// by the scorer's owner.
    pub encoder_ms: f64,
    pub decoder_ms: f64,
}

impl std::ops::AddAssign for DecodeStats {
    /// The work of two decodings together.
    fn add_assign(&mut self, o: Self) {
        self.passes += o.passes;
        self.rows += o.rows;
        self.positions += o.positions;
        self.over_budget += o.over_budget;
        self.source_tokens += o.source_tokens;
        self.encoder_ms += o.encoder_ms;
        self.decoder_ms += o.decoder_ms;
    }
}

impl DecodeParams {
    /// The settings the product decodes with, for a model's config.
    pub fn for_model(c: &ModelConfig) -> Self {
        DecodeParams {
            bos: c.bos_id,
            eos: c.eos_id,
            max_decoder_len: c.max_target_tokens,
            max_ngram: 3,
            copy_bias: c.copy_bias,
            max_draft: 8,
        }
    }

    /// Output budget for a source of `src_len` tokens: a correction is rarely much longer than its source.
    pub fn output_cap(&self, src_len: usize) -> usize {
        (src_len * 2 + 10).min(self.max_decoder_len - 1)
    }
}

pub fn decode(kind: DecoderKind, scorer: &mut dyn Scorer, sources: &[Vec<u32>], p: &DecodeParams) -> Result<(Vec<Decoded>, DecodeStats)> {
    match kind {
        DecoderKind::Greedy => greedy(scorer, sources, p),
        DecoderKind::Aggressive => aggressive(scorer, sources, p),
    }
}

/// Output tokens (after `<s>`) and their margins, without the closing `</s>`.
fn finish(input: &[u32], margins: &[f32], eos: u32) -> Decoded {
    let out = &input[1..];
    let end = out.iter().position(|&t| t == eos);
    let len = end.unwrap_or(out.len());
    Decoded { tokens: out[..len].to_vec(), margins: margins[..len].to_vec(), over_budget: end.is_none() }
}

/// The decoded sentences, with the ones over budget counted in `stats`.
fn finished(outputs: Vec<Decoded>, mut stats: DecodeStats) -> (Vec<Decoded>, DecodeStats) {
    stats.over_budget = outputs.iter().filter(|d| d.over_budget).count();
    (outputs, stats)
}

pub fn greedy(scorer: &mut dyn Scorer, sources: &[Vec<u32>], p: &DecodeParams) -> Result<(Vec<Decoded>, DecodeStats)> {
    let mut inputs: Vec<Vec<u32>> = vec![vec![p.bos]; sources.len()];
    let mut margins: Vec<Vec<f32>> = vec![Vec::new(); sources.len()];
    // The same source pointer aggressive decoding drafts from, so the copy bias agrees.
    let mut aligned: Vec<Option<usize>> = vec![Some(0); sources.len()];
    let mut done = vec![false; sources.len()];
    let mut stats = DecodeStats::default();
    loop {
        let active: Vec<usize> = (0..sources.len()).filter(|&i| !done[i]).collect();
        if active.is_empty() {
            break;
        }
        let requests: Vec<Request> = active
            .iter()
            .map(|&i| {
                let src = &sources[i];
                let prefer = aligned[i].and_then(|a| src.get(a..a + 1)).unwrap_or(&[]);
                Request { sentence: i, input: &inputs[i], from: inputs[i].len() - 1, prefer }
            })
            .collect();
        let preds = scorer.predict(&requests, p.copy_bias)?;
        stats.passes += 1;
        stats.rows += active.len();
        for (&i, pred) in active.iter().zip(preds) {
            let Choice { token: next, margin } = *pred.last().expect("one prediction per position");
            inputs[i].push(next);
            margins[i].push(margin);
            if next == p.eos || inputs[i].len() - 1 >= p.output_cap(sources[i].len()) {
                done[i] = true;
                continue;
            }
            aligned[i] = match aligned[i] {
                Some(a) if sources[i].get(a) == Some(&next) => Some(a + 1),
                _ => resync(&sources[i], &inputs[i][1..], p.max_ngram),
            };
        }
    }
    Ok(finished(inputs.iter().zip(&margins).map(|(v, m)| finish(v, m, p.eos)).collect(), stats))
}

struct State {
    /// `<s>` followed by the output so far.
    input: Vec<u32>,
    /// The margin of each output token.
    margins: Vec<f32>,
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

pub fn aggressive(scorer: &mut dyn Scorer, sources: &[Vec<u32>], p: &DecodeParams) -> Result<(Vec<Decoded>, DecodeStats)> {
    let mut states: Vec<State> =
        sources.iter().map(|_| State { input: vec![p.bos], margins: Vec::new(), draft_from: Some(0), done: false }).collect();
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
                let cap = p.output_cap(sources[i].len());
                let room = cap + 1 - st.input.len();
                let mut row = st.input.clone();
                if let Some(from) = st.draft_from {
                    let draft = &sources[i][from.min(sources[i].len())..];
                    // The last draft token needs no verification beyond the cap.
                    row.extend_from_slice(&draft[..draft.len().min(room.saturating_sub(1)).min(p.max_draft)]);
                }
                let draft_len = row.len() - st.input.len();
                (i, row, draft_len)
            })
            .collect();
        let requests: Vec<Request> = rows
            .iter()
            .map(|(i, row, draft_len)| {
                let (src, base) = (&sources[*i], states[*i].input.len());
                // The draft, plus the source token after it (greedy prefers it there too).
                let prefer = match states[*i].draft_from {
                    Some(from) => &src[from.min(src.len())..(from + draft_len + 1).min(src.len())],
                    None => &[][..],
                };
                Request { sentence: *i, input: row, from: base - 1, prefer }
            })
            .collect();
        let preds = scorer.predict(&requests, p.copy_bias)?;
        stats.passes += 1;
        stats.rows += rows.len();
        for ((i, row, draft_len), pred) in rows.iter().zip(preds) {
            let st = &mut states[*i];
            let cap = p.output_cap(sources[*i].len());
            let base = st.input.len(); // row[base..] is the draft
            let mut accepted = 0;
            // pred[k] is the model's token after row[..=base - 1 + k]; it verifies row[base + k].
            while accepted < *draft_len && pred[accepted].token == row[base + accepted] {
                accepted += 1;
            }
            // The accepted draft, then the model's own token at the divergence (or after the draft).
            for choice in &pred[..=accepted] {
                st.input.push(choice.token);
                st.margins.push(choice.margin);
                if choice.token == p.eos || st.input.len() - 1 >= cap {
                    st.done = true;
                    break;
                }
            }
            if st.done {
                continue;
            }
            // Our place in the source, found as greedy decoding finds it token by token: the
            // accepted draft follows the source; the model's own last token continues it if it
            // is the source's next token (a draft cut short at `max_draft`), and otherwise
            // (a divergence) the output's last n-gram is looked up again.
            let next = st.draft_from.map(|f| f + accepted);
            let last = *st.input.last().expect("at least <s>");
            st.draft_from = match next {
                Some(a) if sources[*i].get(a) == Some(&last) => Some(a + 1),
                _ => resync(&sources[*i], &st.input[1..], p.max_ngram),
            };
        }
    }
    Ok(finished(states.iter().map(|s| finish(&s.input, &s.margins, p.eos)).collect(), stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_reports_how_far_the_choice_led_the_copy_it_turned_down() {
        let logits = [1.0, 3.0, 2.0, 0.5];
        assert_eq!(pick(&logits, Some(3), 0.0), Choice { token: 1, margin: 2.5 }, "against the source's token");
        assert_eq!(pick(&logits, None, 0.0), Choice { token: 1, margin: 1.0 }, "against the runner-up");
        assert_eq!(pick(&logits, Some(1), 0.0), Choice::copy(1));
        assert_eq!(pick(&logits, Some(2), 1.5), Choice::copy(2), "the copy bias keeps the source's token");
        assert_eq!(pick(&[5.0, 3.0, 4.0], None, 0.0), Choice { token: 0, margin: 1.0 });
        assert_eq!(pick(&[0.0, 9.0, 9.0], None, 0.0), Choice { token: 1, margin: 0.0 }, "a tie: the lower index, no lead");
    }

    #[test]
    fn a_negative_bias_lets_a_close_runner_up_replace_the_copy() {
        let logits = [1.0, 3.0, 2.0, 0.5];
        assert_eq!(pick(&logits, Some(1), -1.5), Choice { token: 2, margin: -1.0 }, "within the bonus: an edit, below zero");
        assert_eq!(pick(&logits, Some(1), -0.5), Choice::copy(1), "further behind than the bonus");
        assert_eq!(pick(&logits, Some(3), -1.5), Choice { token: 1, margin: 2.5 }, "the model's own edit stands");
    }
}
