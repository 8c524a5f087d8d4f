//! Which edits are offered. Every edit of the model's (and the speller's fixes it rescues)
//! is judged here: dropped where it looks like the model losing its way (`sanity`), given its
//! category and message (`category`), and held back where its kind is usually wrong
//! (`held_back`), where the model was unsure of it or clean English finds its words less
//! likely than the writer's (the gates of the model's config.json), all as moved by the
//! level the user chose (`level`). Held-back edits are offered only to measure them.

pub mod category;
pub mod held_back;
pub mod level;
pub mod sanity;

use std::collections::HashMap;
use std::ops::Range;

use crate::lexicon::dialect::Dialect;
use crate::lexicon::Lexicon;
use crate::model::config::EditGates;
use crate::speller::Speller;
use crate::text::align::Edit;
pub use category::Category;
use category::classify;
use held_back::{cheap_typo, edit_kind, held_back, sound_alike};
pub use level::Level;
pub(crate) use sanity::{changes_too_much, doubled_words, is_rewrite};
use sanity::{looks_degenerate, writes_a_non_word};

/// An edit of one unit (byte offsets into it) with the verdict on it.
#[derive(Debug, Clone)]
pub(crate) struct SentenceEdit {
    pub range: Range<usize>,
    pub replacement: String,
    pub category: Category,
    pub message: String,
    /// The kind of usually-wrong edit this is, or why it is held back; `None`: offered.
    pub held_back: Option<&'static str>,
    /// The model's least decoder margin in the edit (none where a rule or the speller made it).
    pub margin: Option<f32>,
    /// How much likelier the bigram model finds the edit's words (where something read it).
    pub bigram_gain: Option<f32>,
}

/// What decides which of a unit's edits the checker offers.
pub(crate) struct Policy<'a> {
    pub speller: Option<&'a Speller>,
    /// Offer the held-back kinds too (marked), to measure them.
    pub offer_unreliable: bool,
    /// How sure each kind of edit (`edit_kind`) must be, from the model's config.
    pub gates: &'a EditGates,
    /// Whose spellings are right.
    pub dialect: Dialect,
    /// Where the line between offered and held back lies.
    pub level: Level,
}

impl Policy<'_> {
    /// The word knowledge the judgement reads (none without a speller).
    pub fn lexicon(&self) -> Option<&dyn Lexicon> {
        self.speller.map(|s| s.words() as &dyn Lexicon)
    }

    /// Each edit (with the model's least margin in it) judged: the ones kept, each with its
    /// category, message and whether it is held back.
    pub fn judge(&self, unit: &str, edits: Vec<(Option<f32>, Edit)>, protected: &[Range<usize>]) -> Vec<SentenceEdit> {
        let lexicon = self.lexicon();
        edits
            .into_iter()
            .filter(|(_, e)| !looks_degenerate(unit, e))
            .filter(|(_, e)| !lexicon.is_some_and(|lx| writes_a_non_word(unit, e, lx)))
            .filter(|(_, e)| !protected.iter().any(|p| p.start < e.range.end && e.range.start < p.end))
            .filter(|(_, e)| !e.replacement.contains(['\n', '\r'])) // a fix never changes the line structure
            .map(|(margin, e)| {
                let (category, mut message) = classify(&e.removed, &e.added);
                // A sound-alike's own conditions are its gate ("Whose going": the bigram counts
                // know "whose" better at a sentence's start).
                let sound_alike = sound_alike(unit, &e);
                if let Some((written, meant)) = sound_alike {
                    message = format!("Sound-alike: “{meant}” is meant here, not “{written}”.");
                }
                let kind = edit_kind(&e, category);
                // Only where a gate reads it or the measurement reports it: not on every edit.
                let wanted = self.offer_unreliable || self.gates.min_bigram_gain.contains_key(&kind) || self.level.reads_gain(&kind);
                let bigram_gain = lexicon.filter(|_| wanted).and_then(|lx| lx.bigram_gain(unit, e.range.clone(), &e.replacement));
                let below = |gate: &HashMap<String, f32>, value: Option<f32>| {
                    gate.get(&kind).is_some_and(|least| value.is_some_and(|v| v < *least))
                };
                let held_back = held_back(unit, &e, category, lexicon)
                    .or_else(|| below(&self.gates.min_margin, margin).then_some("model unsure"))
                    .or_else(|| (below(&self.gates.min_bigram_gain, bigram_gain) && !cheap_typo(&e, category)).then_some("unlikely words"))
                    .filter(|_| sound_alike.is_none());
                let held_back = match held_back {
                    Some(held) if self.level.offers_held(held) => None,
                    None if self.level.holds(&kind, margin, bigram_gain) => Some("fewer suggestions"),
                    held => held,
                };
                SentenceEdit { range: e.range, replacement: e.replacement, category, message, held_back, margin, bigram_gain }
            })
            .collect()
    }

    /// Whether an edit held back as `held` (`None`: offered) is shown: every offered one, and
    /// the held-back ones too when measuring.
    pub fn shows(&self, held: Option<&str>) -> bool {
        held.is_none() || self.offer_unreliable
    }

    /// The edits shown (`shows`).
    pub fn offered(&self, edits: Vec<SentenceEdit>) -> Vec<SentenceEdit> {
        edits.into_iter().filter(|e| self.shows(e.held_back)).collect()
    }

    /// Whether the level holds back a rule's edit of `category` (rules replace words; none has
    /// a margin or a bigram gain).
    pub fn holds_rule(&self, category: Category) -> bool {
        self.level.holds(&format!("{}/replace", category.as_str()), None, None)
    }
}
