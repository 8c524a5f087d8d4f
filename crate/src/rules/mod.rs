//! The rules around the model: what a small model seldom or never fixes, one rule per file.
//!
//! Most rules read one sentence and the word knowledge (`Lexicon`) and propose edits where no
//! other edit or protected text is: they implement `Rule`, each carrying its own category and
//! message, and run in the order of `SENTENCE_RULES` (an earlier rule's edit keeps a later one
//! off its words). A new rule of this kind is one file and one line in that list.
//!
//! A few rules run at other points of the flow, because what they read is not there before:
//! - before the model, inside the speller: contractions (`speller::contractions`) and
//!   sound-alikes (`speller::sound_alikes`), so the model reads the sentence fixed;
//! - on the model's alignment: a run-on sentence's comma made a full stop (`run_on`);
//! - on the text with the offered edits applied: "a"/"an" by the sound of the word the user
//!   will see (`articles`);
//! - after the sentence rules: the offered fixes respelt in the writer's dialect (`dialect`);
//! - on the whole text, across sentences: a sentence glued to the next ("it?Well",
//!   `spacing`) and the capital a sentence starts with (`sentence_start`).

pub mod articles;
pub mod comparatives;
pub mod compounds;
pub mod dialect;
pub mod noun_number;
pub mod run_on;
pub mod sentence_start;
pub mod spacing;
pub mod too;

use std::ops::Range;

use crate::lexicon::dialect::Dialect;
use crate::lexicon::Lexicon;
use crate::policy::category::Category;

pub use articles::fix_articles;
pub(crate) use dialect::respell;
pub use run_on::join_run_ons;
pub(crate) use sentence_start::capitalise_starts;
pub use spacing::unglue;

/// What a rule may read besides the sentence.
pub struct Context<'a> {
    pub lexicon: &'a dyn Lexicon,
    /// Whose spellings are right.
    pub dialect: Dialect,
}

/// One edit a rule proposes, with its own category and message.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleEdit {
    /// Byte range in the sentence.
    pub range: Range<usize>,
    pub replacement: String,
    pub category: Category,
    pub message: String,
}

impl RuleEdit {
    /// The `(range, fix)` pairs a rule found, as edits of `category`, each with the message
    /// `message(range, fix)` gives.
    pub fn all(found: Vec<(Range<usize>, String)>, category: Category, message: impl Fn(&Range<usize>, &str) -> String) -> Vec<RuleEdit> {
        found.into_iter().map(|(range, fix)| RuleEdit { message: message(&range, &fix), range, replacement: fix, category }).collect()
    }
}

/// A rule on one sentence.
pub trait Rule: Sync {
    /// The edits it proposes for `unit` (one sentence, or a chunk of a long one).
    fn edits(&self, unit: &str, cx: &Context) -> Vec<RuleEdit>;
}

/// The sentence rules, in the order they claim words.
pub static SENTENCE_RULES: &[&dyn Rule] = &[
    &compounds::WrittenApart,
    &noun_number::NounNumber,
    &too::TooForTo,
    &comparatives::DoubledComparison,
    &dialect::DialectSpelling,
];
