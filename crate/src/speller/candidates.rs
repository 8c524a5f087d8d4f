//! The speller's candidates for an unknown word: Hunspell's closest suggestions that could be
//! what the writer meant (`plausible_fix`), common words a few cheap slips away that its
//! guesses miss (`listed_candidates`), and the irregular form a regular ending stands for
//! ("buyed" -> "bought").

use crate::lexicon::typos::typo_cost;
use crate::text::capitals::with_capital_of;

use super::{Speller, LIST_BUDGET, MAX_TYPO_EDITS, PARTICIPLE_AFTER};

impl Speller {
    /// The dictionary's suggestions for `word` that could be what was meant (`plausible_fix`),
    /// with their distance in edits, in the dictionary's order. Where the commonest of the
    /// closest is too far from the word to be the one meant, Hunspell's n-gram guesses for a
    /// word it cannot place ("izakaya" -> "kayak", "kubectl" -> "Brubeck", "chente" -> "Chen")
    /// are wrong far more often than right: then only common words a few cheap slips away
    /// (`listed_candidates`), and none where Hunspell took the word for a name.
    pub(super) fn closest_suggestions(&self, word: &str) -> Vec<(String, usize)> {
        let mut suggestions = Vec::new();
        self.words.dict.suggest(word, &mut suggestions);
        let lower = word.to_lowercase();
        let distance = |s: &String| strsim::damerau_levenshtein(&lower, &s.to_lowercase());
        suggestions.retain(|s| s != word);
        let Some(closest) = suggestions.iter().map(distance).min() else { return self.listed_candidates(word) };
        let rank = |s: &String| self.words.ngrams.rank(s).unwrap_or(u32::MAX);
        let nearest = suggestions.iter().enumerate().filter(|(_, s)| distance(s) == closest);
        let commonest = nearest.min_by_key(|(i, s)| (rank(s), *i)).map(|(_, s)| s.clone());
        match commonest {
            Some(s) if plausible_fix(word, &s).is_some() => {
                let mut found: Vec<(String, usize)> = suggestions.into_iter().filter_map(|s| plausible_fix(word, &s).map(|edits| (s, edits))).collect();
                // Common words a few cheap slips away that its guesses missed (W&I dev: "at
                // lets" against "athletes", "port eat" against "portrait"), but not one of its
                // guesses with an ending the writer did not type ("recieve": not "received").
                let inflects = |w: &str, f: &str| {
                    ["s", "es", "d", "ed", "ing"].iter().any(|x| w.strip_suffix(x).is_some_and(|stem| stem.eq_ignore_ascii_case(f)) && !lower.ends_with(x))
                };
                for (w, edits) in self.listed_candidates(word) {
                    if !found.iter().any(|(f, _)| f.eq_ignore_ascii_case(&w) || inflects(&w, f)) {
                        found.push((w, edits));
                    }
                }
                found
            }
            // Hunspell reads a lower-case word as a name ("chente" -> "Chen"): likely one.
            Some(s) if word.starts_with(char::is_lowercase) && s.starts_with(char::is_uppercase) => Vec::new(),
            // Hunspell's guesses are too far ("seperatley" -> "separate"): a common word may be near.
            _ => self.listed_candidates(word),
        }
    }

    /// Common words (the bigram list's, known to the dictionary) the writer could have meant by
    /// `word`, by the channel's cost: within `LIST_BUDGET`, three edits (one for short words),
    /// with the same first letter. With their distance in edits.
    fn listed_candidates(&self, word: &str) -> Vec<(String, usize)> {
        let lower = word.to_lowercase();
        let Some(first) = lower.chars().next() else { return Vec::new() };
        let n = lower.chars().count();
        let max_edits = if n <= 4 { 1 } else { 3 };
        let Some(words) = self.words.common.get(&first) else { return Vec::new() };
        words
            .iter()
            .filter(|w| w.len().abs_diff(lower.len()) <= max_edits && **w != lower)
            .filter(|w| typo_cost(&lower, w) <= LIST_BUDGET)
            .filter_map(|w| {
                let edits = strsim::damerau_levenshtein(&lower, w);
                (edits <= max_edits && !drops_a_negation(&lower, w)).then(|| (with_capital_of(word, w), edits))
            })
            .collect()
    }

    /// The irregular form a regular ending stands for: "buyed" -> "bought", "has writed" ->
    /// "has written", "childs" -> "children" (keeping a leading capital).
    pub(super) fn irregular_form(&self, word: &str, prev: Option<&str>) -> Option<String> {
        let w = word.to_lowercase();
        let undouble = |s: &str| {
            let b = s.as_bytes();
            (b.len() > 2 && b[b.len() - 1] == b[b.len() - 2]).then(|| s[..s.len() - 1].to_owned())
        };
        let stems = |suffixes: [&str; 2]| {
            suffixes.into_iter().filter_map(|x| w.strip_suffix(x)).flat_map(|s| [Some(s.to_owned()), undouble(s)]).flatten().collect::<Vec<_>>()
        };
        let participle = prev.is_some_and(|p| {
            let p = p.to_lowercase();
            PARTICIPLE_AFTER.contains(&p.as_str()) || ["'ve", "'s", "'d", "'re", "’ve", "’s", "’d", "’re"].iter().any(|c| p.ends_with(c))
        });
        let form = stems(["ed", "d"])
            .iter()
            .find_map(|s| self.words.verbs.get(s).map(|(past, part)| if participle { part } else { past }))
            .or_else(|| stems(["es", "s"]).iter().find_map(|s| self.words.nouns.get(s)))?;
        Some(with_capital_of(word, form))
    }

    /// Whether `fix` is the stem of `word` (a known word plus a regular ending) with another
    /// regular ending: "problemes" -> "problems", "rememberd" -> "remembered", "stoped" ->
    /// "stopped"; not the bare stem ("informations" -> "information" is grammar, the model's).
    pub(super) fn same_stem_other_ending(&self, word: &str, fix: &str) -> bool {
        let (w, f) = (word.to_lowercase(), fix.to_lowercase());
        let mut stems = ["ed", "d", "es", "s"].into_iter().filter_map(|x| w.strip_suffix(x)).filter(|s| s.len() >= 2 && self.words.dict.check(s));
        f.chars().all(char::is_alphabetic) && stems.any(|s| f.len() > s.len() && f.starts_with(s))
    }

    /// "buyed", "goed", "childs": a known word plus a regular ending it does not take. That is
    /// an inflection error for the model, not a typo ("discused" is a typo: "discus" is no verb).
    pub(super) fn regular_ending_on_known_word(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let is_verb = |stem: &str| {
            self.words.dict.check(&format!("{stem}ing"))
                || stem.strip_suffix('e').is_some_and(|s| self.words.dict.check(&format!("{s}ing")))
        };
        let past = [w.strip_suffix("ed"), w.strip_suffix('d')]
            .into_iter()
            .flatten()
            .any(|stem| stem.len() >= 2 && self.words.dict.check(stem) && is_verb(stem));
        let plural =
            [w.strip_suffix("es"), w.strip_suffix('s')].into_iter().flatten().any(|stem| stem.len() >= 3 && self.words.dict.check(stem));
        past || plural
    }
}

/// Whether `fix` could be what the writer of `word` meant: within a typo of it (two edits;
/// one for words of up to 4 letters: "mor" is not "to") or the same stem with another ending
/// ("expectancies" -> "expectancy", "beginn" -> "beginning"), and not an acronym or a name for
/// a word written in lower case ("whacth" is not "ACTH", "chente" not "Chen": on W&I dev these
/// were names and foreign words the dictionary lacks). Three edits away with another stem,
/// the dictionary's guess was right 1 time in 13 on W&I dev ("cytoskeleton" -> "exoskeleton").
/// How many edits it is from the word, if it could.
fn plausible_fix(word: &str, fix: &str) -> Option<usize> {
    let (w, f) = (word.to_lowercase(), fix.to_lowercase());
    let short = w.chars().count() <= 4;
    let max_edits = if short { 1 } else { MAX_TYPO_EDITS };
    let edits = strsim::damerau_levenshtein(&w, &f);
    let close = edits <= max_edits || !short && other_ending(&w, &f);
    let lower = |s: &str| s.chars().all(|c| !c.is_uppercase());
    let names_it = lower(word) && !lower(fix) && w != f;
    if drops_a_negation(&w, &f) {
        return None;
    }
    // An ending rewritten counts as one edit past the limit, however many letters it takes.
    (close && !names_it).then_some(edits.min(max_edits + 1))
}

/// "unmeaningful" is not "meaningful": a fix never drops a negation (both lower case).
fn drops_a_negation(word: &str, fix: &str) -> bool {
    ["un", "in", "im", "il", "ir", "dis", "non", "non-"].iter().any(|p| word.strip_prefix(p) == Some(fix))
}

/// The same word but for its last few letters (an ending mistyped or mis-inflected).
fn other_ending(w: &str, f: &str) -> bool {
    let common = w.chars().zip(f.chars()).take_while(|(a, b)| a == b).count();
    common >= 5 && w.chars().count() - common <= 3 && f.chars().count() - common <= 3
}
