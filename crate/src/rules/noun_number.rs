//! A noun whose number its quantifier decides: "several reason" -> "several reasons", "a lot
//! of place" -> "a lot of places", "one of the problem" -> "one of the problems", "every
//! details" -> "every detail", "this cars" -> "these cars". The model rarely makes these
//! (JFLEG dev: 6 of 114 noun-number edits per reference); a rule reads them off the word
//! before. Whether the noun counts at all ("a lot of time", not "times") and whether the word
//! is a noun here ("a lot of new channels") is the bigram model's call, through `Lexicon`.

use std::ops::Range;

use crate::text::capitals::with_capital_of;
use crate::policy::category::Category;
use crate::rules::{Context, Rule, RuleEdit};
use crate::lexicon::Lexicon;

/// Words after which a countable noun is plural.
const PLURAL_AFTER: &[&str] = &[
    "many",
    "several",
    "few",
    "various",
    "numerous",
    "these",
    "those",
    "both",
    "multiple",
    "countless",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twenty",
    "hundred",
    "thousand",
];

/// Words after which a noun is singular. Not "another" ("another countries" is "other
/// countries"; "in another words" is "in other words"), not "this" (often "these" is meant).
const SINGULAR_AFTER: &[&str] = &["a", "an", "every", "each"];

/// "a lot of", "lots of", "a number of", "a couple of": plural after "of".
const PLURAL_BEFORE_OF: &[&str] = &["lot", "lots", "number", "couple"];

/// "one of the", "one of my": plural after the determiner.
const DETERMINERS_AFTER_ONE_OF: &[&str] =
    &["the", "my", "his", "her", "their", "our", "your", "its"];

/// Nouns whose quantifier is the likelier error: "these kind of" is "this kind of" as often as
/// "these kinds of".
const LEFT_ALONE: &[&str] = &["kind", "type", "sort"];

/// Words that end a noun phrase: a singular fix must be followed by one of these (or by
/// punctuation), so that a noun used as a modifier or a missing "'s" ("a persons life") is not
/// taken for the phrase's head.
const PHRASE_ENDS: &[&str] = &[
    "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "and", "or", "but", "that",
    "which", "who", "whose", "where", "when", "because", "as", "than", "is", "was", "are", "were",
    "will", "would", "can", "could", "should", "must", "has", "have", "had", "do", "does", "did",
];

/// Below this many natural-log units of bigram evidence, a form is left as written.
pub const MIN_GAIN: f64 = 2.0;

/// A noun at odds with the words before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The byte range of the word at odds: the noun, or "this" before a plural.
    pub range: Range<usize>,
    /// The form that agrees.
    pub fix: String,
    /// The words that decide it, as written ("several", "a lot of", "one of the"; the noun
    /// that "this" should agree with).
    pub because: String,
}

/// Each noun in `text` whose number the words before it contradict. Only lower-case words of
/// letters; the word after it must be a word of letters or absent (punctuation, the end).
pub fn disagreeing(text: &str, forms: &dyn Lexicon) -> Vec<Disagreement> {
    let spans = crate::text::align::word_spans(text);
    let lower: Vec<String> = spans
        .iter()
        .map(|r| text[r.clone()].to_lowercase())
        .collect();
    let is_word = |w: &str| w.chars().all(char::is_alphabetic);
    let mut out = Vec::new();
    for i in 1..spans.len() {
        let word = &text[spans[i].clone()];
        if !is_word(word) || !word.starts_with(char::is_lowercase) || LEFT_ALONE.contains(&word) {
            continue;
        }
        let after = lower.get(i + 1).map(String::as_str).filter(|w| is_word(w));
        let prev = lower[i - 1].as_str();
        let back = |k: usize| i.checked_sub(k).map(|j| lower[j].as_str());
        let after_of = prev == "of" && back(2).is_some_and(|w| PLURAL_BEFORE_OF.contains(&w));
        let one_of = DETERMINERS_AFTER_ONE_OF.contains(&prev)
            && back(2) == Some("of")
            && back(3) == Some("one");
        let fix = if PLURAL_AFTER.contains(&prev) || after_of || one_of {
            forms.plural(word).filter(|plural| {
                let ends_phrase =
                    after.is_none_or(|a| forms.pair_listed(plural, a) || forms.very_common(a));
                // Countable: "many places" reads likelier than "much place" ("much time" wins).
                let countable = forms.fit("many", plural, after) - forms.fit("much", word, after);
                let here = if after_of || one_of {
                    forms.fit("many", plural, after) - forms.fit("many", word, after)
                } else {
                    forms.fit(prev, plural, after) - forms.fit(prev, word, after)
                };
                ends_phrase && countable.min(here) >= MIN_GAIN
            })
        } else if SINGULAR_AFTER.contains(&prev) {
            forms.singular(word).filter(|singular| {
                let ends_phrase = after.is_none_or(|a| PHRASE_ENDS.contains(&a));
                ends_phrase
                    && forms.fit(prev, singular, after) - forms.fit(prev, word, after) >= MIN_GAIN
            })
        } else {
            None
        };
        if let Some(fix) = fix {
            let first = match (after_of, one_of) {
                (true, _) if back(3) == Some("a") => i - 3,
                (true, _) => i - 2,
                (_, true) => i - 3,
                _ => i - 1,
            };
            out.push(Disagreement {
                range: spans[i].clone(),
                fix,
                because: text[spans[first].start..spans[i - 1].end].to_string(),
            });
        } else if prev == "this"
            && forms.singular(word).is_some()
            && forms.fit("these", word, after) - forms.fit("this", word, after) >= MIN_GAIN
        {
            // "this cars": the determiner is the likelier slip than the noun's ending.
            out.push(Disagreement {
                range: spans[i - 1].clone(),
                fix: with_capital_of(&text[spans[i - 1].clone()], "these"),
                because: word.to_string(),
            });
        }
    }
    out
}

/// "several reason": a noun against its quantifier (the model seldom fixes these).
pub struct NounNumber;

impl Rule for NounNumber {
    fn edits(&self, unit: &str, cx: &Context) -> Vec<RuleEdit> {
        disagreeing(unit, cx.lexicon)
            .into_iter()
            .map(|Disagreement { range, fix, because }| {
                let message = format!("Agreement: with “{because}”, write “{fix}”.");
                RuleEdit { range, replacement: fix, category: Category::Agreement, message }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few nouns and counts, as clean English would give them.
    struct Toy;

    const COUNTABLE: &[(&str, &str)] = &[
        ("reason", "reasons"),
        ("place", "places"),
        ("problem", "problems"),
        ("detail", "details"),
        ("car", "cars"),
    ];

    impl Lexicon for Toy {
        fn plural(&self, singular: &str) -> Option<String> {
            COUNTABLE
                .iter()
                .chain(&[("time", "times")])
                .find(|(s, _)| *s == singular)
                .map(|(_, p)| p.to_string())
        }
        fn singular(&self, plural: &str) -> Option<String> {
            COUNTABLE
                .iter()
                .find(|(_, p)| *p == plural)
                .map(|(s, _)| s.to_string())
        }
        fn fit(&self, before: &str, word: &str, _after: Option<&str>) -> f64 {
            let plural = COUNTABLE.iter().any(|(_, p)| *p == word) || word == "times";
            let wants_plural = !matches!(before, "a" | "an" | "every" | "each" | "this");
            match (word, before) {
                ("time", "much") => -2.0,
                (_, "much") | ("times", _) => -8.0,
                _ if plural == wants_plural => -3.0,
                _ => -9.0,
            }
        }
        fn pair_listed(&self, _: &str, _: &str) -> bool {
            false
        }
        fn very_common(&self, word: &str) -> bool {
            matches!(word, "to" | "of" | "for")
        }
        // What this rule never asks.
        fn knows(&self, _: &str) -> bool {
            true
        }
        fn dialect_spelling(&self, _: &str, _: crate::lexicon::dialect::Dialect) -> Option<String> {
            None
        }
        fn compares(&self, _: &str) -> bool {
            false
        }
        fn hyphenates(&self, _: &str, _: &str) -> bool {
            false
        }
        fn closed_compound(&self, _: &str, _: &str) -> Option<String> {
            None
        }
        fn opens_sentences(&self, _: &str) -> bool {
            false
        }
        fn bigram_gain(&self, _: &str, _: Range<usize>, _: &str) -> Option<f32> {
            None
        }
    }

    fn fixed(text: &str) -> String {
        let mut out = text.to_string();
        for d in disagreeing(text, &Toy).into_iter().rev() {
            out.replace_range(d.range, &d.fix);
        }
        out
    }

    #[test]
    fn a_quantifier_sets_the_nouns_number() {
        assert_eq!(
            fixed("There are several reason to go."),
            "There are several reasons to go."
        );
        assert_eq!(
            fixed("We saw a lot of place, and one of the problem."),
            "We saw a lot of places, and one of the problems."
        );
        assert_eq!(
            fixed("In every details, I have a cars."),
            "In every detail, I have a car."
        );
        assert_eq!(
            fixed("Many reason 😀 to go: three reason!"),
            "Many reasons 😀 to go: three reasons!"
        );
        let said: Vec<String> =
            disagreeing("A lot of place, one of the problem, lots of car", &Toy)
                .into_iter()
                .map(|d| d.because)
                .collect();
        assert_eq!(said, ["A lot of", "one of the", "lots of"]);
    }

    #[test]
    fn uncountable_nouns_names_and_modifiers_are_left() {
        for text in [
            "I spent a lot of time.",
            "We had many Reason.",
            "I have a cars engine.",
            "These kind of car.",
            "several reasons",
            "",
            "many",
        ] {
            assert_eq!(fixed(text), text, "{text:?}");
        }
    }
}
