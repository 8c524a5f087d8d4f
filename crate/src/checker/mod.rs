//! Text in, suggestions out: segmentation, the per-sentence cache, batched decoding, alignment.
//! Text in, suggestions out: the text's prose sentences (not the lines left alone: other
//! languages, code, names) cut into units the model takes, the per-unit cache, batched
//! correction (speller, then model), each unit's edits (`unit`), the rules that read the whole
//! text, and UTF-16 offsets for JavaScript.

mod unit;

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::Arc;

use lru::LruCache;
use serde::Serialize;

use crate::error::Result;
use crate::lexicon::{Dialect, Lexicon};
use crate::model::{Correction, Corrector, DecodeStats, DecoderKind};
use crate::policy::{is_rewrite, Category, Level, Policy, SentenceEdit};
use crate::rules::{capitalise_starts, unglue};
use crate::speller::Speller;
use crate::text::{apply, byte_to_utf16, chunk, compose, finish, is_left_alone, is_prose, lines_left_alone, sentences, source_range, touches, Fix};
use unit::sentence_edits;

/// A suggested fix; `start`/`end` are UTF-16 code unit offsets into the checked text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    pub original: String,
    pub replacement: String,
    pub category: Category,
    pub message: String,
    /// Only with `set_offer_unreliable(true)`: the kind of usually-wrong edit this is.
    #[serde(skip_serializing_if = "Option::is_none", rename = "heldBack")]
    pub held_back: Option<&'static str>,
    /// Only with `set_offer_unreliable(true)`: the model's least decoder margin in the edit
    /// (absent where a rule or the speller made it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f32>,
    /// Only with `set_offer_unreliable(true)`: how much likelier the bigram model finds the
    /// edit's words than the writer's (`Speller::bigram_gain`; absent without a speller or
    /// where the edit changes no word).
    #[serde(skip_serializing_if = "Option::is_none", rename = "bigramGain")]
    pub bigram_gain: Option<f32>,
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

const CACHE_SENTENCES: usize = 2048;
/// Sentences verified together in one decoder call (measured: see bench/RESULTS.md).
pub const DEFAULT_BATCH: usize = 8;

pub struct Checker {
    corrector: Box<dyn Corrector>,
    /// Fixes dictionary typos before the corrector reads a unit; `None`: the corrector alone.
    speller: Option<Speller>,
    cache: LruCache<String, Arc<[SentenceEdit]>>,
    pub decoder: DecoderKind,
    /// How many sentences share one encoder/decoder call.
    pub batch: usize,
    /// Offer the kinds of edit `held_back` names too (to measure them).
    offer_unreliable: bool,
    /// Whose spellings are right (`dialect`): any, or one dialect's.
    dialect: Dialect,
    /// How many suggestions (`level`).
    level: Level,
}

impl Checker {
    pub fn new(corrector: impl Corrector + 'static) -> Self {
        Checker {
            corrector: Box::new(corrector),
            speller: None,
            cache: LruCache::new(NonZeroUsize::new(CACHE_SENTENCES).unwrap()),
            decoder: DecoderKind::Aggressive,
            batch: DEFAULT_BATCH,
            offer_unreliable: false,
            dialect: Dialect::Any,
            level: Level::Balanced,
        }
    }

    pub fn clear_cache(&mut self) {
        self.cache.clear();
    }

    pub fn set_speller(&mut self, speller: Option<Speller>) {
        self.speller = speller;
        self.cache.clear();
    }

    /// Whether to offer the kinds of edit that are usually wrong (see `held_back`): off in
    /// the product, on to measure each kind (`training/eval/score_by_kind.py`).
    pub fn set_offer_unreliable(&mut self, on: bool) {
        self.offer_unreliable = on;
        self.cache.clear();
    }

    /// The writer's English: its spellings are offered for the other dialects' (needs the
    /// speller's table). Cached results are dropped only when it changes.
    pub fn set_dialect(&mut self, dialect: Dialect) {
        if dialect != self.dialect {
            self.dialect = dialect;
            self.cache.clear();
        }
    }

    /// How many suggestions: fewer, balanced or more (`level`). Cached results are dropped
    /// only when it changes.
    pub fn set_level(&mut self, level: Level) {
        if level != self.level {
            self.level = level;
            self.cache.clear();
        }
    }

    /// The user's own words: the speller keeps them (and the model reads them) as written.
    /// Cached results are dropped only when the words change.
    pub fn set_user_words(&mut self, words: &[String]) {
        if let Some(speller) = &mut self.speller {
            if speller.set_user_words(words) {
                self.cache.clear();
            }
        }
    }

    /// The corrector alone on each unit (no speller, rules or cache): what the model writes,
    /// the same in any runtime and with either decoder. The benchmark compares these.
    pub fn model_units(&self, units: &[&str]) -> Result<(Vec<String>, DecodeStats)> {
        let (corrections, stats) = self.corrector.correct_units(units, self.decoder, self.batch)?;
        Ok((corrections.into_iter().map(|c| c.text).collect(), stats))
    }

    /// Correct each unit (no cache, no alignment): the speller's fixes, then the corrector's
    /// ("a"/"an" by sound comes later, with the edits). Where the corrector rewrites a unit
    /// wholesale (which the checker would not offer), the speller's fixes stand on their own.
    fn correct_units(&self, units: &[&str]) -> Result<(Vec<Correction>, DecodeStats)> {
        let (outputs, stats) = match &self.speller {
            None => self.corrector.correct_units(units, self.decoder, self.batch)?,
            Some(speller) => {
                let spelt: Vec<String> = units.iter().map(|u| speller.fix(u)).collect();
                let refs: Vec<&str> = spelt.iter().map(String::as_str).collect();
                let (outputs, stats) = self.corrector.correct_units(&refs, self.decoder, self.batch)?;
                let kept = units.iter().zip(spelt).zip(outputs);
                let fixed = |((unit, spelt), out): ((&&str, String), Correction)| {
                    if is_rewrite(unit, &out.text) { Correction::plain(spelt) } else { out }
                };
                (kept.map(fixed).collect(), stats)
            }
        };
        Ok((outputs, stats))
    }

    fn unit_edits(&self, unit: &str, corrected: &Correction) -> Vec<SentenceEdit> {
        let policy = Policy {
            speller: self.speller.as_ref(),
            offer_unreliable: self.offer_unreliable,
            gates: self.corrector.gates(),
            dialect: self.dialect,
            level: self.level,
        };
        sentence_edits(unit, corrected, &policy)
    }

    /// Each unit's edits, and the decoder passes they took. Where the corrector asks for a
    /// second look, two looks: the corrector's edits, then its edits to the unit with the first
    /// look's offered fixes applied, since fixing one error often lets a small model see the
    /// next ("I has go" -> "I have go" -> "I have gone"). A second-look edit touching what the
    /// first wrote is dropped: the two texts do not correspond there. Measured in
    /// training/RUNS.md (session 12): more recall, less precision, +30-56% time.
    fn edits_of(&self, units: &[&str]) -> Result<(Vec<Vec<SentenceEdit>>, usize)> {
        let (corrected, stats) = self.correct_units(units)?;
        let mut edits: Vec<Vec<SentenceEdit>> = units.iter().zip(&corrected).map(|(u, c)| self.unit_edits(u, c)).collect();
        if !self.corrector.second_look() {
            return Ok((edits, stats.passes));
        }
        // Each unit with offered fixes: those fixes, and the unit with them applied.
        let revised: Vec<_> = edits
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let fixes: Vec<(Range<usize>, String)> =
                    e.iter().filter(|e| e.held_back.is_none()).map(|e| (e.range.clone(), e.replacement.clone())).collect();
                let text = apply(units[i], &fixes);
                (!fixes.is_empty() && self.corrector.fits(&text)).then_some((i, fixes, text))
            })
            .collect();
        if revised.is_empty() {
            return Ok((edits, stats.passes));
        }
        let texts: Vec<&str> = revised.iter().map(|(_, _, t)| t.as_str()).collect();
        let (again, more) = self.correct_units(&texts)?;
        for ((i, fixes, text), fixed) in revised.iter().zip(again) {
            let first = &mut edits[*i];
            let later: Vec<SentenceEdit> = self
                .unit_edits(text, &fixed)
                .into_iter()
                .filter_map(|e| Some(SentenceEdit { range: source_range(fixes, &e.range)?, ..e }))
                .filter(|e| !first.iter().any(|f| touches(&f.range, &e.range)))
                .collect();
            first.extend(later);
            first.sort_by_key(|e| e.range.start);
        }
        Ok((edits, stats.passes + more.passes))
    }

    /// Suggestions with byte offsets into `text`, sorted by position.
    fn check_bytes(&mut self, text: &str) -> Result<(Vec<(Range<usize>, SentenceEdit)>, CheckStats)> {
        let mut units: Vec<Range<usize>> = Vec::new();
        // Lines in another language, code and names are left alone (`language`).
        let alone = lines_left_alone(text);
        let prose: Vec<Range<usize>> =
            sentences(text).into_iter().filter(|s| is_prose(&text[s.clone()]) && !is_left_alone(&alone, s)).collect();
        for s in &prose {
            let mut fits = |piece: &str| piece.len() < 400 && self.corrector.fits(piece);
            units.extend(chunk(text, s.clone(), &mut fits));
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
            let (edits, passes) = self.edits_of(&missing)?;
            stats.decoder_passes = passes;
            for (unit, edits) in missing.iter().zip(edits) {
                self.cache.put(unit.to_string(), edits.into());
            }
        }
        let mut out = Vec::new();
        for u in &units {
            let unit = &text[u.clone()];
            let edits = match self.cache.get(unit) {
                Some(e) => e.clone(),
                None => Arc::from(self.edits_of(&[unit])?.0.swap_remove(0)),
            };
            for e in edits.iter() {
                out.push((u.start + e.range.start..u.start + e.range.end, e.clone()));
            }
        }
        if let Some(speller) = &self.speller {
            // A sentence glued to the next ("it?Well") spans two units: the rule reads the
            // whole text, and its fix replaces any edit of the model's on the same words.
            let words = speller.words();
            let mut glued = unglue(text, &|w| words.knows(w), &|w| words.opens_sentences(w));
            glued.retain(|g| !is_left_alone(&alone, &g.range));
            if !glued.is_empty() {
                out.retain(|(r, _)| !glued.iter().any(|g| r.start < g.range.end && g.range.start < r.end));
                for g in glued {
                    let message = g.message();
                    let edit = SentenceEdit {
                        range: g.range.clone(),
                        replacement: g.fix,
                        category: Category::Punctuation,
                        message,
                        held_back: None,
                        margin: None,
                        bigram_gain: None,
                    };
                    out.push((g.range, edit));
                }
                out.sort_by_key(|(r, _)| r.start);
            }
        }
        capitalise_starts(text, &prose, &mut out, self.speller.as_ref().map(|s| s.words() as &dyn Lexicon));
        Ok((out, stats))
    }

    /// The suggestions on `text` with byte offsets, as the user will see them: read composed
    /// (`normalize`), each passed through `spans::finish`.
    fn edits(&mut self, text: &str) -> Result<(Vec<(Range<usize>, SentenceEdit)>, CheckStats)> {
        let Some(composed) = compose(text) else {
            let (edits, stats) = self.check_bytes(text)?;
            return Ok((finish(text, edits), stats));
        };
        let (edits, stats) = self.check_bytes(&composed.text)?;
        let edits = finish(&composed.text, edits)
            .into_iter()
            .filter_map(|(range, e)| {
                let (range, replacement) = composed.to_user(range, &e.replacement)?;
                Some((range, SentenceEdit { replacement, ..e }))
            })
            .collect();
        Ok((finish(text, edits), stats))
    }

    pub fn check(&mut self, text: &str) -> Result<CheckResult> {
        let (edits, stats) = self.edits(text)?;
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
                held_back: e.held_back,
                margin: e.margin.filter(|_| self.offer_unreliable),
                bigram_gain: e.bigram_gain.filter(|_| self.offer_unreliable),
            })
            .collect();
        Ok(CheckResult { suggestions, stats })
    }

    /// The text with every suggestion applied.
    pub fn correct_text(&mut self, text: &str) -> Result<String> {
        let (edits, _) = self.edits(text)?;
        let edits: Vec<(Range<usize>, &str)> = edits.iter().map(|(r, e)| (r.clone(), e.replacement.as_str())).collect();
        Ok(apply(text, &edits))
    }
}

impl Fix for SentenceEdit {
    fn replacement_mut(&mut self) -> &mut String {
        &mut self.replacement
    }

    /// The held-back kinds, offered only to measure them, may overlap the edits offered.
    fn may_overlap(&self) -> bool {
        self.held_back.is_some()
    }
}
