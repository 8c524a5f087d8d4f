//! A comparison made twice: "more better" -> "better", "the most easiest" -> "the easiest".
//! The model leaves these; a rule drops the "more" or "most" before a word that already
//! compares. Whether a word ending in "-er" or "-est" is one is the caller's to say (the
//! speller's dictionary and bigram counts: "more water" and "most interest" stay).

use std::ops::Range;

use crate::text::align::word_spans;
use crate::text::capitals::with_capital_of;
use crate::policy::category::Category;
use crate::rules::{Context, Rule, RuleEdit};

/// Comparatives and superlatives without a regular ending.
const IRREGULAR_COMPARATIVES: &[&str] = &["better", "worse", "further", "farther"];
const IRREGULAR_SUPERLATIVES: &[&str] = &["best", "worst", "furthest", "farthest"];

/// Each "more" before a comparative and "most" before a superlative in `text`: the range from
/// the doubling word to the end of the compared one, and the compared word alone (the fix).
/// `compares(word)` says whether a word with a regular "-er" or "-est" ending compares.
pub fn doubled_comparisons(
    text: &str,
    compares: &dyn Fn(&str) -> bool,
) -> Vec<(Range<usize>, String)> {
    let spans = word_spans(text);
    let mut out = Vec::new();
    for pair in spans.windows(2) {
        let (first, second) = (&text[pair[0].clone()], &text[pair[1].clone()]);
        if text[pair[0].end..pair[1].start] != *" "
            || !second.chars().all(|c| c.is_ascii_lowercase())
        {
            continue;
        }
        let (ending, irregular) = match first.to_lowercase().as_str() {
            "more" => ("er", IRREGULAR_COMPARATIVES),
            "most" => ("est", IRREGULAR_SUPERLATIVES),
            _ => continue,
        };
        let irregular = irregular.contains(&second);
        if irregular || second.ends_with(ending) && compares(second) {
            // Keep the writer's capital: "More better" -> "Better".
            out.push((pair[0].start..pair[1].end, with_capital_of(first, second)));
        }
    }
    out
}

/// "more better", "the most easiest": a comparison made twice (the model leaves these).
pub struct DoubledComparison;

impl Rule for DoubledComparison {
    fn edits(&self, unit: &str, cx: &Context) -> Vec<RuleEdit> {
        RuleEdit::all(doubled_comparisons(unit, &|w| cx.lexicon.compares(w)), Category::Grammar, |range, fix| {
            let doubling = unit[range.clone()].split(' ').next().unwrap_or("").to_lowercase();
            format!("Grammar: “{fix}” compares already; drop “{doubling}”.")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compares(word: &str) -> bool {
        ["easier", "easiest", "older", "biggest"].contains(&word)
    }

    fn fixed(text: &str) -> String {
        crate::text::align::apply(text, &doubled_comparisons(text, &compares))
    }

    #[test]
    fn a_comparison_made_twice_is_made_once() {
        assert_eq!(
            fixed("This is more better than that."),
            "This is better than that."
        );
        assert_eq!(
            fixed("She is the most easiest 😀 and most biggest."),
            "She is the easiest 😀 and biggest."
        );
        assert_eq!(fixed("More older people vote."), "Older people vote.");
        assert_eq!(fixed("It got more worse."), "It got worse.");
    }

    #[test]
    fn other_words_after_more_and_most_stay() {
        for text in [
            "We need more water.",
            "Most interest went.",
            "more best",
            "most better",
            "more  older",
            "more Older",
            "Moreover, it is.",
        ] {
            assert_eq!(fixed(text), text, "{text:?}");
        }
    }
}
