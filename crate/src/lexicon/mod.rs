//! Word knowledge, read by the speller and the rules through one trait, `Lexicon`: which words
//! exist, their forms and how clean English uses them. `words` loads it from a model folder
//! (the dictionary, word and word-pair counts `ngrams`, irregular forms, compounds, each
//! dialect's spellings `dialect`, the user's own words); `typos` is what a learner's slips
//! cost. A rule gets a `&dyn Lexicon`, so its tests can hand it a toy one.

pub mod dialect;
pub mod ngrams;
pub mod typos;
pub mod words;

use std::ops::Range;

pub use dialect::Dialect;

/// What the rules and the speller may ask about words.
pub trait Lexicon {
    /// Whether the dictionary or the user's own words accept `word`.
    fn knows(&self, word: &str) -> bool;
    /// How `dialect` spells `word`, where it spells it otherwise and the user has not made the
    /// word their own ("colour" for American English: "color").
    fn dialect_spelling(&self, word: &str, dialect: Dialect) -> Option<String>;
    /// Whether `word`, ending in "-er" or "-est", is an adjective's comparative or superlative.
    fn compares(&self, word: &str) -> bool;
    /// Whether clean English writes `first second` as one hyphenated word ("so-called").
    fn hyphenates(&self, first: &str, second: &str) -> bool;
    /// `first second` written as one word, if clean English uses it so ("every one" -> "everyone").
    fn closed_compound(&self, first: &str, second: &str) -> Option<String>;
    /// Whether a word often starts a sentence in clean English.
    fn opens_sentences(&self, word: &str) -> bool;
    /// How much likelier (natural log) clean English finds `replacement` than `unit[range]`
    /// between the same neighbours; `None` where neither side has a word.
    fn bigram_gain(&self, unit: &str, range: Range<usize>, replacement: &str) -> Option<f32>;
    /// The plural of a singular noun (regular or irregular), if it is a listed word.
    fn plural(&self, singular: &str) -> Option<String>;
    /// The singular of a plural noun, if it is a listed word.
    fn singular(&self, plural: &str) -> Option<String>;
    /// log p(`word` | `before`) + log p(`after` | `word`); `None` neighbours count nothing.
    fn fit(&self, before: &str, word: &str, after: Option<&str>) -> f64;
    /// Whether clean English writes `second` right after `first` often enough to list it.
    fn pair_listed(&self, first: &str, second: &str) -> bool;
    /// Whether `word` is among the commonest (function words, mostly).
    fn very_common(&self, word: &str) -> bool;
}
