//! A sentence starts with a capital letter ("actually it was fine." -> "Actually"): a rule,
//! because the model capitalises "the" or "i" at a sentence's start but rarely other words
//! (JFLEG dev: 23 of 89 sentences written in lower case left so; each reference capitalises
//! them). "and" or "but" too: a text (or a sentence after a full stop) that opens with one
//! still starts a sentence; a line wrapped mid-sentence is told apart by the text before it.
//! FCE dev's lines are sentences cut from essays, so its annotators capitalised only 6 of 56
//! such openers, yet the chain's FCE dev F0.5 rose (0.3304 -> 0.3307; JFLEG +0.05, W&I dev +1
//! wrong).

use std::ops::Range;

use crate::text::segment::{ends_with_abbreviation, is_protected_word};

/// Abbreviations a full stop follows mid-sentence more often than a sentence ends there
/// (besides the titles `segment` knows).
const ABBREVIATIONS: &[&str] = &["etc", "ie", "eg", "viz", "cf", "al", "vs", "approx", "ca"];

/// The ranges of the words in `text[sentence]` written in lower case where a sentence starts:
/// its first word, and any word after a ".", "!" or "?" and a space inside it (Unicode's
/// sentence bounds do not end a sentence before a lower-case word: "home. actually it"). A
/// start needs the text before it to end a sentence (a line wrapped mid-sentence does not; nor
/// does a title or an initial, "Mr. smith"), the sentence to end with ".", "!" or "?" (a list
/// item or a chat fragment is left as typed), and plain letters (not a brand styled in lower
/// case, a handle or code). Whether each is a word at all is the caller's to ask.
pub fn lowercase_starts(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let closers = |c: char| matches!(c, '"' | '\'' | '”' | '’' | ')');
    let ends_sentence = |s: &str| s.trim_end_matches(closers).ends_with(['.', '!', '?']);
    if !ends_sentence(&text[sentence.clone()]) {
        return Vec::new();
    }
    let s = &text[sentence.clone()];
    let before = text[..sentence.start].trim_end().trim_end_matches(closers);
    let mut starts = if before.is_empty() || ends_a_sentence_inside(before) { vec![0] } else { Vec::new() };
    for (i, c) in s.char_indices() {
        let after = &s[i + c.len_utf8()..];
        let next = after.trim_start();
        if matches!(c, '.' | '!' | '?') && next.len() < after.len() && ends_a_sentence_inside(&s[..i + c.len_utf8()]) {
            starts.push(s.len() - next.len());
        }
    }
    starts
        .into_iter()
        .filter_map(|start| lowercase_word(&s[start..]).map(|len| sentence.start + start..sentence.start + start + len))
        .collect()
}

/// Whether `text` ends a sentence where it ends: with "!" or "?", or a full stop after a
/// plain word that is no abbreviation. An ellipsis ("teens... there") and a stop after
/// initials or an abbreviation ("the U.S. that", "etc. via", "T.V. at", "a.m.") go on with
/// the sentence; on W&I dev these were most of the lower-case words after a stop.
fn ends_a_sentence_inside(text: &str) -> bool {
    if text.ends_with(['!', '?']) {
        return true;
    }
    let Some(before) = text.strip_suffix('.') else { return false };
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let glued = before[..before.len() - word.len()].ends_with(['.', '!', '?']);
    word.chars().count() >= 2 && !glued && !before.ends_with("..") && !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        && !ends_with_abbreviation(text)
}

/// The length of the word `s` starts with, if it is plain lower-case letters.
fn lowercase_word(s: &str) -> Option<usize> {
    let len = s.find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’')).unwrap_or(s.len());
    let word = &s[..len];
    let lower = word.chars().all(|c| !c.is_uppercase());
    let plain = word.starts_with(|c: char| c.is_ascii_lowercase()) && lower && !is_protected_word(word);
    // "e.g." or "x-ray": the word goes on past its letters.
    let whole = !s[len..].starts_with(|c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '@' | '/'));
    (plain && whole).then_some(len)
}

/// `word` with its first letter in upper case.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A fix (`word`, written in lower case) with the capital of the word it replaces
/// (`written`): "Thats" -> "That's", "More better" -> "Better".
pub fn with_capital_of(written: &str, word: &str) -> String {
    if written.starts_with(char::is_uppercase) { capitalised(word) } else { word.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(text: &str) -> Option<&str> {
        lowercase_starts(text, 0..text.len()).first().map(|r| &text[r.clone()])
    }

    #[test]
    fn a_sentence_in_lower_case_gets_its_capital() {
        assert_eq!(start("actually it was fine."), Some("actually"));
        assert_eq!(start("don't go there!"), Some("don't"));
        assert_eq!(start("and we left."), Some("and"), "a text that opens with \"and\" starts a sentence");
        let wrapped = "I went to the shop\nand bought milk.";
        assert!(lowercase_starts(wrapped, 19..wrapped.len()).is_empty(), "a line wrapped mid-sentence");
        assert_eq!(capitalised("don't"), "Don't");
        assert_eq!(capitalised("über"), "Über");
        assert_eq!(capitalised(""), "");
        assert_eq!((with_capital_of("Thats", "that's"), with_capital_of("to", "too")), ("That's".to_string(), "too".to_string()));
    }

    #[test]
    fn fragments_names_and_code_are_left_alone() {
        for text in [
            "Actually it was fine.",
            "actually it was fine",
            "iPhone sales rose.",
            "e.g. this one.",
            "x-ray it now.",
            "\"quoted\" it was.",
            "",
        ] {
            assert_eq!(start(text), None, "{text:?}");
        }
    }

    #[test]
    fn only_after_a_sentence_ends() {
        let text = "I went home. actually it was fine. the end!";
        let words: Vec<&str> = lowercase_starts(text, 0..text.len()).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["actually", "the"]);
        let text = "I went home. actually it was fine.";
        assert_eq!(lowercase_starts(text, 13..text.len()), [13..21]);
        let wrapped = "I went to the shop yesterday\nactually at noon.";
        assert!(lowercase_starts(wrapped, 29..wrapped.len()).is_empty());
        let quoted = "He said \"stop.\"\nactually he left.";
        assert_eq!(lowercase_starts(quoted, 16..quoted.len()), [16..24]);
        for inside in ["We met Dr. smith and J. doe there.", "It came to the U.S. that year.", "Fruit etc. are fine.", "He waited... then left.", "At 8 a.m. sharp."] {
            assert!(lowercase_starts(inside, 0..inside.len()).is_empty(), "{inside}");
        }
    }
}
