//! The writer's English: American, British, Canadian or Australian, or any (every spelling
//! right, the default of the CLI and of a page whose language names none). The speller's
//! dictionary accepts all four dialects' spellings, so a word is always known; a dialect adds
//! one rule: a word written as another dialect writes it gets that dialect's spelling
//! ("colour" -> "color" for American English, "color" -> "colour" for British), and a fix the
//! checker offers is written in it too. The table (`en.dialects`, `training/lexicon/make_dialects.py`)
//! pairs only spellings of one word (SCOWL's four dictionaries, one or two VarCon-style swaps
//! apart): a word one dialect lacks ("bunyip") is never flagged.

use std::collections::HashMap;

use crate::text::capitals::with_capital_of;
use crate::error::{EmendError, Result};

/// The table's file name in a model folder.
pub const DIALECTS_FILE: &str = "en.dialects";

/// Which spellings are right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Every dialect's spelling.
    #[default]
    Any,
    Us,
    Gb,
    Ca,
    Au,
}

impl Dialect {
    /// A language tag as browsers give it ("en-GB", "en_au", "en"): its English, `Any` for
    /// "any" and English without a region or of another region, `None` for what is not
    /// English. Ireland, South Africa and India write British spellings, New Zealand writes
    /// Australia's.
    pub fn from_tag(tag: &str) -> Option<Dialect> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        match (parts.next()?, parts.next()) {
            ("any", None) | ("en", None) => Some(Dialect::Any),
            ("en", Some("us")) => Some(Dialect::Us),
            ("en", Some("gb" | "uk" | "ie" | "za" | "in")) => Some(Dialect::Gb),
            ("en", Some("ca")) => Some(Dialect::Ca),
            ("en", Some("au" | "nz")) => Some(Dialect::Au),
            ("en", Some(_)) => Some(Dialect::Any),
            _ => None,
        }
    }

    /// The table's column.
    fn column(self) -> Option<usize> {
        match self {
            Dialect::Any => None,
            Dialect::Us => Some(0),
            Dialect::Gb => Some(1),
            Dialect::Ca => Some(2),
            Dialect::Au => Some(3),
        }
    }

    /// As a message names it: "American".
    pub fn adjective(self) -> &'static str {
        match self {
            Dialect::Any => "",
            Dialect::Us => "American",
            Dialect::Gb => "British",
            Dialect::Ca => "Canadian",
            Dialect::Au => "Australian",
        }
    }
}

/// Word (lower case) -> each dialect's spelling of it where that differs.
#[derive(Default)]
pub struct DialectTable {
    words: HashMap<String, [Option<Box<str>>; 4]>,
}

impl DialectTable {
    pub fn parse(text: &str) -> Result<Self> {
        let mut words = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            let [word, spellings @ ..] = &cols[..] else { continue };
            if word.is_empty() {
                continue;
            }
            let bad = || EmendError::BadModel {
                name: DIALECTS_FILE,
                kind: "speller file",
                detail: format!("line {} is not `WORD US GB CA AU`", n + 1),
            };
            let spellings: [&str; 4] = <[&str; 4]>::try_from(&spellings[..]).map_err(|_| bad())?;
            words.insert((*word).to_owned(), spellings.map(|s| (s != "=").then(|| s.into())));
        }
        Ok(DialectTable { words })
    }

    /// How `dialect` spells `word` where it spells it otherwise ("colour", `Us` -> "color"),
    /// keeping a leading capital; `None` where the word is right there or in no table.
    /// Words with capitals after the first letter are names or acronyms, left alone.
    pub fn spelling(&self, word: &str, dialect: Dialect) -> Option<String> {
        let column = dialect.column()?;
        if word.chars().skip(1).any(char::is_uppercase) {
            return None;
        }
        let fix = self.words.get(&word.to_lowercase())?[column].as_deref()?;
        Some(with_capital_of(word, fix))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_their_english() {
        assert_eq!(Dialect::from_tag("en-GB"), Some(Dialect::Gb));
        assert_eq!(Dialect::from_tag("en_au"), Some(Dialect::Au));
        assert_eq!(Dialect::from_tag("en-US"), Some(Dialect::Us));
        assert_eq!(Dialect::from_tag("en"), Some(Dialect::Any));
        assert_eq!(Dialect::from_tag("fr-FR"), None);
    }

    #[test]
    fn each_dialect_gets_its_own_spelling() {
        let table = DialectTable::parse("colour\tcolor\t=\t=\t=\ncolor\t=\tcolour\tcolour\tcolour\n").unwrap();
        assert_eq!(table.spelling("colour", Dialect::Us).as_deref(), Some("color"));
        assert_eq!(table.spelling("Colour", Dialect::Us).as_deref(), Some("Color"));
        assert_eq!(table.spelling("colour", Dialect::Gb), None);
        assert_eq!(table.spelling("color", Dialect::Au).as_deref(), Some("colour"));
        assert_eq!(table.spelling("color", Dialect::Any), None);
        assert_eq!(table.spelling("COLOR", Dialect::Gb), None, "an acronym-like word is left alone");
        assert!(DialectTable::parse("colour\tcolor\n").is_err(), "a short line is an error, not a guess");
    }
}
