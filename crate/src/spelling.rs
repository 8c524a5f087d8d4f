//! Dictionary spelling ahead of the model. A word the dictionary (Hunspell format, read by
//! `spellbook`) does not know is replaced by its first suggestion before the model reads
//! the sentence: the small model fixes few typos itself, and a typo hides the grammar
//! around it ("My freind dont like" reads as grammar once it is "My friend don't like").
//! Among the closest suggestions the commonest word wins (word ranks from `en.freq`, made by
//! `training/make_word_freq.py`). Names, acronyms and code are left alone, and so are
//! regular endings on irregular words ("buyed", "childs"): grammar, the model's job.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use spellbook::Dictionary;

use crate::align::word_spans;
use crate::error::{EmendError, Result};
use crate::segment::protected_spans;

/// The dictionary's file names in a model folder.
pub const AFF_FILE: &str = "en.aff";
pub const DIC_FILE: &str = "en.dic";
pub const FREQ_FILE: &str = "en.freq";

/// Shorter unknown words are too ambiguous to fix without context ("ot": to? of? it?).
const MIN_LEN: usize = 3;

pub struct Speller {
    dict: Dictionary,
    /// Lower-cased word -> frequency rank (0: commonest).
    rank: HashMap<String, u32>,
}

impl Speller {
    /// The dictionary's two files and the word list, most frequent first (one per line).
    pub fn from_bytes(aff: &[u8], dic: &[u8], freq: &[u8]) -> Result<Self> {
        let text = |name: &'static str, bytes: &[u8]| {
            std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| EmendError::BadModel {
                name,
                kind: "Hunspell dictionary",
                detail: e.to_string(),
            })
        };
        let (aff, dic, freq) = (text(AFF_FILE, aff)?, text(DIC_FILE, dic)?, text(FREQ_FILE, freq)?);
        let rank = freq.lines().enumerate().map(|(i, w)| (w.trim().to_owned(), i as u32)).collect();
        let dict = Dictionary::new(&aff, &dic).map_err(|e| EmendError::BadModel {
            name: DIC_FILE,
            kind: "Hunspell dictionary",
            detail: e.to_string(),
        })?;
        Ok(Speller { dict, rank })
    }

    /// The dictionary of a model folder; `None` if the folder has none (spelling off).
    pub fn from_dir(dir: &Path) -> Result<Option<Self>> {
        let (aff, dic, freq) = (dir.join(AFF_FILE), dir.join(DIC_FILE), dir.join(FREQ_FILE));
        if !aff.exists() && !dic.exists() && !freq.exists() {
            return Ok(None);
        }
        let read = |name: &'static str, path: &Path| {
            std::fs::read(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => EmendError::MissingFile { name, path: path.display().to_string() },
                _ => EmendError::Unreadable { name, detail: e.to_string() },
            })
        };
        Self::from_bytes(&read(AFF_FILE, &aff)?, &read(DIC_FILE, &dic)?, &read(FREQ_FILE, &freq)?).map(Some)
    }

    /// Whether the dictionary accepts `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.dict.check(word)
    }

    /// `unit` with every unknown ordinary word replaced by the dictionary's first suggestion.
    pub fn fix(&self, unit: &str) -> String {
        let protected = protected_spans(unit);
        let mut out = String::with_capacity(unit.len());
        let mut last = 0;
        for (i, span) in word_spans(unit).into_iter().enumerate() {
            if protected.iter().any(|p| p.start < span.end && span.start < p.end) {
                continue;
            }
            if let Some(fix) = self.suggestion(unit, span.clone(), i == 0) {
                out.push_str(&unit[last..span.start]);
                out.push_str(&fix);
                last = span.end;
            }
        }
        out.push_str(&unit[last..]);
        out
    }

    fn suggestion(&self, unit: &str, span: Range<usize>, first_word: bool) -> Option<String> {
        let word = &unit[span.clone()];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters < MIN_LEN || !word.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’') {
            return None; // numbers, codes, short words
        }
        // Capitals after the first letter: an acronym or a brand (NASA, iPhone, McDonald).
        if word.chars().skip(1).any(char::is_uppercase) {
            return None;
        }
        // A capitalised word inside a sentence is most likely a name the dictionary lacks.
        if !first_word && word.starts_with(char::is_uppercase) {
            return None;
        }
        // A word glued to a hyphen or slash is part of a compound or code ("e-mail", "and/or").
        let glued = |c: Option<char>| c.is_some_and(|c| matches!(c, '-' | '/' | '_' | '@' | '.' | '#'));
        let before = unit[..span.start].chars().next_back();
        let mut after = unit[span.end..].chars();
        if glued(before) || glued(after.next()) && after.next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        if self.dict.check(word) || self.regular_ending_on_known_word(word) {
            return None;
        }
        let mut suggestions = Vec::new();
        self.dict.suggest(word, &mut suggestions);
        // The closest suggestions (edit distance, ignoring case), then the commonest of them;
        // the dictionary's own order breaks ties.
        let lower = word.to_lowercase();
        let key = |s: &String| {
            let l = s.to_lowercase();
            (strsim::damerau_levenshtein(&lower, &l), self.rank.get(&l).copied().unwrap_or(u32::MAX))
        };
        let best = suggestions.iter().enumerate().min_by_key(|(i, s)| (key(s), *i)).map(|(_, s)| s.clone());
        best.filter(|s| s != word)
    }

    /// "buyed", "goed", "childs": a known word plus a regular ending it does not take. That is
    /// an inflection error for the model, not a typo ("discused" is a typo: "discus" is no verb).
    fn regular_ending_on_known_word(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let is_verb = |stem: &str| {
            self.dict.check(&format!("{stem}ing"))
                || stem.strip_suffix('e').is_some_and(|s| self.dict.check(&format!("{s}ing")))
        };
        let past = [w.strip_suffix("ed"), w.strip_suffix('d')]
            .into_iter()
            .flatten()
            .any(|stem| stem.len() >= 2 && self.dict.check(stem) && is_verb(stem));
        let plural =
            [w.strip_suffix("es"), w.strip_suffix('s')].into_iter().flatten().any(|stem| stem.len() >= 3 && self.dict.check(stem));
        past || plural
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller() -> Speller {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../model");
        Speller::from_dir(&dir).unwrap().expect("the shipped model folder has a dictionary")
    }

    #[test]
    fn names_acronyms_code_and_short_words_are_left_alone() {
        let s = speller();
        for text in [
            "We met Zaragoza and Okonkwo in Kyiv.",
            "NASA and iPhone and McDonald are fine.",
            "See https://exmaple.com/teh or mail ab@exmaple.com now.",
            "The ot and xq are short.",
            "Version 3b2 of foo-bar_baz works.",
        ] {
            assert_eq!(s.fix(text), text);
        }
    }

    #[test]
    fn regular_endings_on_irregular_words_are_grammar_not_spelling() {
        let s = speller();
        assert_eq!(s.fix("She buyed it and the childs goed home."), "She buyed it and the childs goed home.");
        assert!(!s.knows("buyed"), "the dictionary does not know it: the ending rule kept it");
    }

    #[test]
    fn a_typo_at_the_start_keeps_its_capital() {
        assert_eq!(speller().fix("Becuase it rained."), "Because it rained.");
    }

    #[test]
    fn a_folder_without_a_dictionary_has_no_speller() {
        assert!(Speller::from_dir(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap().is_none());
    }
}
