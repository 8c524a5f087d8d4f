//! Text in, suggestions out: segmentation, the per-sentence cache, batched decoding, alignment.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::Arc;

use lru::LruCache;
use serde::Serialize;

use crate::align::{align, apply, word_spans};
use crate::category::{classify, Category};
use crate::corrector::Corrector;
use crate::decode::{DecodeStats, DecoderKind};
use crate::error::Result;
use crate::segment::{chunk, is_prose, protected_spans, sentences};
use crate::utf16::byte_to_utf16;

/// A suggested fix; `start`/`end` are UTF-16 code unit offsets into the checked text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    pub original: String,
    pub replacement: String,
    pub category: Category,
    pub message: String,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckStats {
    /// Units (sentences or chunks of long ones) that were prose.
    pub sentences: usize,
    /// Of those, how many came from the cache.
    pub cached: usize,
    pub decoder_passes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub suggestions: Vec<Suggestion>,
    pub stats: CheckStats,
}

#[derive(Debug, Clone)]
struct SentenceEdit {
    range: Range<usize>,
    replacement: String,
    category: Category,
    message: String,
}

const CACHE_SENTENCES: usize = 2048;
/// Sentences verified together in one decoder call (measured: see bench/RESULTS.md).
pub const DEFAULT_BATCH: usize = 8;

pub struct Checker {
    corrector: Box<dyn Corrector>,
    cache: LruCache<String, Arc<[SentenceEdit]>>,
    pub decoder: DecoderKind,
    /// How many sentences share one encoder/decoder call.
    pub batch: usize,
}

impl Checker {
    pub fn new(corrector: impl Corrector + 'static) -> Self {
        Checker {
            corrector: Box::new(corrector),
            cache: LruCache::new(NonZeroUsize::new(CACHE_SENTENCES).unwrap()),
            decoder: DecoderKind::Aggressive,
            batch: DEFAULT_BATCH,
        }
    }

    pub fn clear_cache(&mut self) {
        self.cache.clear();
    }

    /// Correct each unit (no cache, no alignment): what the model writes.
    pub fn correct_units(&self, units: &[&str]) -> Result<(Vec<String>, DecodeStats)> {
        self.corrector.correct_units(units, self.decoder, self.batch)
    }

    /// Suggestions with byte offsets into `text`, sorted by position.
    fn check_bytes(&mut self, text: &str) -> Result<(Vec<(Range<usize>, SentenceEdit)>, CheckStats)> {
        let mut units: Vec<Range<usize>> = Vec::new();
        for s in sentences(text) {
            if !is_prose(&text[s.clone()]) {
                continue;
            }
            let mut fits = |piece: &str| piece.len() < 400 && self.corrector.fits(piece);
            units.extend(chunk(text, s, &mut fits));
        }
        let mut stats = CheckStats { sentences: units.len(), ..Default::default() };
        let missing: Vec<&str> = {
            let mut seen = std::collections::HashSet::new();
            units
                .iter()
                .map(|u| &text[u.clone()])
                .filter(|u| !self.cache.contains(*u) && seen.insert(*u))
                .collect()
        };
        stats.cached = units.len() - missing.len();
        if !missing.is_empty() {
            let (corrected, ds) = self.correct_units(&missing)?;
            stats.decoder_passes = ds.passes;
            for (unit, fixed) in missing.iter().zip(corrected) {
                let edits = sentence_edits(unit, &fixed);
                self.cache.put(unit.to_string(), edits.into());
            }
        }
        let mut out = Vec::new();
        for u in &units {
            let unit = &text[u.clone()];
            let edits = match self.cache.get(unit) {
                Some(e) => e.clone(),
                None => Arc::from(sentence_edits(unit, &self.correct_units(&[unit])?.0[0])),
            };
            for e in edits.iter() {
                out.push((u.start + e.range.start..u.start + e.range.end, e.clone()));
            }
        }
        stats.cached = stats.cached.min(stats.sentences);
        Ok((out, stats))
    }

    pub fn check(&mut self, text: &str) -> Result<CheckResult> {
        let (edits, stats) = self.check_bytes(text)?;
        let mut offsets: Vec<usize> = edits.iter().flat_map(|(r, _)| [r.start, r.end]).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let utf16 = byte_to_utf16(text, &offsets);
        let to16 = |b: usize| utf16[offsets.binary_search(&b).expect("offset was collected")];
        let suggestions = edits
            .into_iter()
            .map(|(r, e)| Suggestion {
                start: to16(r.start),
                end: to16(r.end),
                original: text[r].to_string(),
                replacement: e.replacement,
                category: e.category,
                message: e.message,
            })
            .collect();
        Ok(CheckResult { suggestions, stats })
    }

    /// The text with every suggestion applied.
    pub fn correct_text(&mut self, text: &str) -> Result<String> {
        let (edits, _) = self.check_bytes(text)?;
        let edits: Vec<(Range<usize>, &str)> = edits.iter().map(|(r, e)| (r.clone(), e.replacement.as_str())).collect();
        Ok(apply(text, &edits))
    }
}

/// A correction that changes more than this share of a sentence's words is a rewrite (or a
/// hallucination), not a fix a user can review word by word: it is not offered.
const MAX_CHANGED_SHARE: f64 = 0.6;

/// Edits for one unit, minus any that would touch a protected word (URL, code, ...).
fn sentence_edits(unit: &str, corrected: &str) -> Vec<SentenceEdit> {
    let protected = protected_spans(unit);
    let edits = align(unit, corrected);
    let changed: usize = edits.iter().map(|e| e.removed.len().max(e.added.len())).sum();
    let words = word_spans(unit).len();
    if changed > 3 && changed as f64 > MAX_CHANGED_SHARE * words as f64 {
        return Vec::new();
    }
    edits
        .into_iter()
        .filter(|e| !protected.iter().any(|p| p.start < e.range.end && e.range.start < p.end))
        .filter(|e| !e.replacement.contains(['\n', '\r'])) // a fix never changes the line structure
        .map(|e| {
            let (category, message) = classify(&e.removed, &e.added);
            SentenceEdit { range: e.range, replacement: e.replacement, category, message }
        })
        .collect()
}
