//! Compounds written apart that English hyphenates ("so called" -> "so-called", "time
//! consuming" -> "time-consuming"): a rule, not the model's job. The model never inserts a
//! hyphen (W&I dev: 52 missing, none fixed); the speller's list of word pairs clean English
//! writes hyphenated (`en.compounds`, `training/lexicon/make_compounds.py`) says which.

use std::ops::Range;
use crate::policy::category::Category;
use crate::rules::{Context, Rule, RuleEdit};

/// Each pair of words in `text` that `join` writes as one word, written with one space
/// between them: its byte range and `join`'s form of it ("so called" -> "so-called", "every
/// one" -> "everyone" where the words around say so; `join` gets the pair's range to read
/// them). A space is not a word, so the aligner cannot offer this; the checker adds these
/// edits itself. Only whole words of letters: a pair inside a longer hyphenated or apostrophe
/// word ("re-so called", "can't stop") is left alone, and a word joins one pair at most.
pub fn written_apart(text: &str, join: &dyn Fn(Range<usize>, &str, &str) -> Option<String>) -> Vec<(Range<usize>, String)> {
    let words = letter_words(text);
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    for pair in words.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let taken = out.last().is_some_and(|(r, _)| r.end > a.start);
        if taken || &text[a.end..b.start] != " " {
            continue;
        }
        if let Some(joined) = join(a.start..b.end, &text[a.clone()], &text[b.clone()]) {
            out.push((a.start..b.end, joined));
        }
    }
    out
}

/// Byte ranges of the runs of letters in `text` that stand as words: not joined to a
/// hyphen, apostrophe, digit or underscore on either side.
fn letter_words(text: &str) -> Vec<Range<usize>> {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '_'));
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                if !joins(text[..s].chars().next_back()) && !joins(Some(c)) {
                    out.push(s..i);
                }
            }
            _ => {}
        }
    }
    out
}

/// How much likelier (natural log, `Lexicon::bigram_gain`) a closed compound must read than
/// its words apart. Measured with 2 and 4 on W&I dev, FCE dev and CoNLL-2013 (RUNS.md).
const JOIN_GAIN: f32 = 2.0;

/// A compound written apart (the aligner does not see spaces): hyphenated where clean English
/// hyphenates it ("so called" -> "so-called"), closed where the words around read it so
/// ("every one" -> "everyone", but "every one of them" stays).
pub struct WrittenApart;

impl Rule for WrittenApart {
    fn edits(&self, unit: &str, cx: &Context) -> Vec<RuleEdit> {
        let lexicon = cx.lexicon;
        let join = |range: Range<usize>, a: &str, b: &str| -> Option<String> {
            if lexicon.hyphenates(a, b) {
                return Some(format!("{a}-{b}"));
            }
            let closed = lexicon.closed_compound(a, b)?;
            lexicon.bigram_gain(unit, range, &closed).is_some_and(|gain| gain >= JOIN_GAIN).then_some(closed)
        };
        written_apart(unit, &join)
            .into_iter()
            .map(|(range, fix)| {
                let hyphen = fix.contains('-');
                let message = if hyphen { format!("Hyphen: write “{fix}” as one word.") } else { format!("Compound: write “{fix}” as one word.") };
                RuleEdit { range, category: if hyphen { Category::Punctuation } else { Category::Spelling }, replacement: fix, message }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(_: Range<usize>, a: &str, b: &str) -> Option<String> {
        let listed = matches!((a.to_lowercase().as_str(), b), ("so", "called") | ("time", "consuming") | ("forty", "five") | ("five", "hundred"));
        listed.then(|| format!("{a}-{b}"))
    }

    fn fixed(text: &str) -> String {
        crate::text::align::apply(text, &written_apart(text, &known))
    }

    #[test]
    fn listed_pairs_are_joined_and_keep_their_case() {
        assert_eq!(fixed("So called experts waste time."), "So-called experts waste time.");
        assert_eq!(fixed("A time consuming, so called job 😀."), "A time-consuming, so-called job 😀.");
        let text = "😀 so called";
        assert_eq!(written_apart(text, &known), [(5..14, "so-called".to_string())]);
    }

    #[test]
    fn only_plain_words_one_space_apart() {
        for text in ["so  called", "so\ncalled", "so, called", "re-so called", "so called-out", "so_called x", "so calledx"] {
            assert_eq!(fixed(text), text, "{text:?}");
        }
        assert_eq!(fixed("forty five hundred"), "forty-five hundred", "a word joins one pair");
        assert_eq!(fixed(""), "");
    }
}
