//! How many suggestions the user wants: fewer (only the surest), balanced (the checker as
//! tuned for F0.5), or more (also kinds of edit that are right less often). A level only
//! moves the line between what is offered and what is held back (`policy::held_back`, the
//! model's gates): the model, the speller and the rules run the same, so switching is a
//! re-check of cached model output.
//!
//! Chosen on W&I dev and FCE dev together, each suggestion labelled alone with ERRANT
//! (`emend check --all-kinds`, as `training/eval/score_gates.py` does; `training/eval/score_levels.py`
//! re-runs the choice and scores each level through the whole chain, model/MODEL_CARD.md):
//! - **Fewer**: the kinds and signals whose edits are right about 4 times in 5: the model's
//!   edits of six kinds above a margin (its lead over keeping the source, in logits), and the
//!   speller's and rules' edits of five kinds above a bigram gain (how much likelier clean
//!   English finds the fix than the words written; the speller's fixes from 7: right 80% of
//!   the time on W&I dev, 73% all together). Greedy, best precision first, 12 or more edits a
//!   step, while the pooled precision, labelled alone, stayed at 0.78 or above: 0.766 in the
//!   whole chain on W&I dev (a first cut at 0.77 gave 0.750).
//! - **More**: the balanced set plus the edits held back because the model was unsure of
//!   them (`EditGates::min_margin`: commas, "the" deleted; right 26% of the time alone). The
//!   other held-back kinds were read too and left out: punctuation swaps (33% right, nearly all
//!   "," -> "." splitting a sentence, "?" -> "."), word swaps (22%: "science" -> "Offing"),
//!   preposition deletions (25%). An edit bonus (`--copy-bias -0.5`, training/RUNS.md) finds
//!   edits right 29-38% of the time but needs the model run again.

/// How many suggestions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    Fewer,
    #[default]
    Balanced,
    More,
}

/// Fewer: a model edit of these kinds (`policy::held_back::edit_kind`) with at least this margin.
const FEWER_MODEL: &[(&str, f32)] = &[
    ("determiner/insert", 2.0),
    ("punctuation/replace", 2.0),
    ("spelling/replace", 3.0),
    ("capitalization/replace", 3.0),
    ("punctuation/insert", 3.0),
    ("determiner/delete", 5.0),
];

/// Fewer: a speller's or rule's edit of these kinds with at least this bigram gain (an edit
/// the bigram model cannot weigh passes).
const FEWER_RULES: &[(&str, f32)] = &[
    ("punctuation/insert", f32::NEG_INFINITY),
    ("spelling/replace", 7.0),
    ("agreement/replace", 10.0),
    ("verb-form/replace", 10.0),
    ("grammar/replace", 10.0),
];

/// More: the held-back kinds (`policy::held_back`'s names) offered too.
const MORE_OFFERS: &[&str] = &["model unsure"];

impl Level {
    /// "fewer", "balanced" or "more".
    pub fn from_name(name: &str) -> Option<Level> {
        match name.trim().to_ascii_lowercase().as_str() {
            "fewer" => Some(Level::Fewer),
            "balanced" => Some(Level::Balanced),
            "more" => Some(Level::More),
            _ => None,
        }
    }

    /// Whether this level offers an edit held back as `held` anyway.
    pub fn offers_held(self, held: &str) -> bool {
        self == Level::More && MORE_OFFERS.contains(&held)
    }

    /// Whether this level holds back an edit the balanced checker offers, by its kind, the
    /// model's margin in it (`None`: the speller's or a rule's edit) and its bigram gain.
    pub fn holds(self, kind: &str, margin: Option<f32>, bigram_gain: Option<f32>) -> bool {
        if self != Level::Fewer {
            return false;
        }
        let least = |table: &[(&str, f32)]| table.iter().find(|(k, _)| *k == kind).map(|(_, t)| *t);
        match margin {
            Some(m) => least(FEWER_MODEL).is_none_or(|t| m < t),
            None => least(FEWER_RULES).is_none_or(|t| bigram_gain.is_some_and(|g| g < t)),
        }
    }

    /// Whether `holds` reads the bigram gain of an edit of `kind`.
    pub fn reads_gain(self, kind: &str) -> bool {
        self == Level::Fewer && FEWER_RULES.iter().any(|(k, t)| *k == kind && t.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_moves_nothing() {
        assert!(!Level::Balanced.holds("word-order/replace", Some(0.1), None));
        assert!(!Level::Balanced.offers_held("model unsure"));
    }

    #[test]
    fn fewer_keeps_only_sure_kinds_and_more_offers_some_held_ones() {
        assert!(!Level::Fewer.holds("spelling/replace", Some(3.5), None), "a sure model spelling fix stays");
        assert!(Level::Fewer.holds("spelling/replace", Some(1.0), None), "an unsure one goes");
        assert!(Level::Fewer.holds("preposition/replace", Some(9.0), None), "a kind never right 3 in 4 goes");
        assert!(!Level::Fewer.holds("spelling/replace", None, Some(8.0)), "the speller's fix the bigrams favour stays");
        assert!(Level::Fewer.holds("spelling/replace", None, Some(5.0)), "one they favour less goes");
        assert!(!Level::Fewer.holds("spelling/replace", None, None), "one the bigrams cannot weigh stays");
        assert!(Level::Fewer.holds("word-choice/replace", None, None));
        assert!(Level::More.offers_held("model unsure"));
        assert!(!Level::More.offers_held("content rewrite"), "rewrites right 1 in 10 stay held");
        assert!(!Level::More.offers_held("word swap"), "word swaps right 1 in 5 stay held");
        assert_eq!(Level::from_name("More"), Some(Level::More));
        assert_eq!(Level::from_name("most"), None);
    }
}
