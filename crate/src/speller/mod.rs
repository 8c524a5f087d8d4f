//! Dictionary spelling ahead of the model. A word the dictionary (Hunspell format, read by
//! `spellbook`) does not know is replaced by a suggestion before the model reads
//! the sentence: the small model fixes few typos itself, and a typo hides the grammar
//! around it ("My freind dont like" reads as grammar once it is "My friend don't like").
//! Among the closest suggestions the one likeliest between the word's neighbours wins, by a
//! word bigram model of clean English (`en.ngrams`, `crate::lexicon::ngrams`). A regular ending on an
//! irregular word gets the irregular form ("buyed" -> "bought", "childs" -> "children":
//! `en.irregular`, from lemminflect).
//! Names, acronyms, code and the user's own words are left alone.


pub mod candidates;
pub mod contractions;
pub mod sound_alikes;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::error::Result;
use crate::lexicon::words::{is_plain_word, neighbour, Words};
use crate::lexicon::Lexicon;
use crate::lexicon::typos::typo_cost;
use crate::text::align::word_spans;
use crate::text::segment::protected_spans;
use contractions::with_apostrophe;
use sound_alikes::sound_alike_fix;

pub use crate::lexicon::words::SpellerFiles;

/// Shorter unknown words are too ambiguous to fix without context ("ot": to? of? it?).
const MIN_LEN: usize = 3;

/// Most letters a typo adds, drops, changes or swaps (see `plausible_fix`): further away, a
/// suggestion is a guess at another word. Stricter than `category::is_typo_of`, which also
/// takes any word with 60% of its letters in place.
const MAX_TYPO_EDITS: usize = 2;

/// Unknown words whose candidate fixes are remembered: Hunspell's suggestions are the slow
/// part of a re-check, and a sentence being typed repeats the same unknown words.
const SUGGESTION_CACHE: usize = 4096;

/// How much the channel's cost of a typo (`typos::typo_cost`, natural-log units of how
/// rarely learners make those slips) weighs against the bigram model's odds of a reading: a
/// noisy channel, so a common word two cheap slips away can beat a rare one a single costly
/// slip away ("carree": "career", not "carrel"; "creat": "create", not "great"). Chosen on the
/// speller alone (`training/eval/score_speller.py`): 1.3 against 1.0, 1.6, 2.0 and a flat 4 per
/// edit (the speller before; W&I dev +7 right, -7 wrong; FCE dev +3, -3; CoNLL-2013 -2, +2).
const CHANNEL_WEIGHT: f64 = 1.3;

/// The most a candidate from the bigram list may cost in the channel (`typo_cost`): 10 fixes
/// "seperatley" (9.0) and "imidiatly" (8.6); 8 and 12 scored worse on the dev sets.
const LIST_BUDGET: f64 = 10.0;

/// Words after which a verb takes its participle ("has writed" -> "has written").
const PARTICIPLE_AFTER: &[&str] =
    &["have", "has", "had", "having", "be", "is", "are", "am", "was", "were", "been", "being", "get", "gets", "got"];

pub struct Speller {
    /// What it knows of words (shared with the rules through `Lexicon`).
    words: Words,
    /// Unknown word -> its candidate fixes (`closest_suggestions`; empty: none).
    suggested: RefCell<HashMap<String, Vec<(String, usize)>>>,
}

impl Speller {
    pub fn from_bytes(files: SpellerFiles) -> Result<Self> {
        Ok(Speller { words: Words::from_bytes(files)?, suggested: RefCell::default() })
    }

    /// The speller of a model folder; `None` if the folder has none of its files (spelling off).
    pub fn from_dir(dir: &Path) -> Result<Option<Self>> {
        Ok(Words::from_dir(dir)?.map(|words| Speller { words, suggested: RefCell::default() }))
    }

    /// What the speller knows of words, for the rules and the checker's policy.
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// The user's own words (a personal dictionary), replacing any given before: the speller
    /// leaves them as written, so the model reads them too. Whether the set changed.
    pub fn set_user_words<S: AsRef<str>>(&mut self, words: impl IntoIterator<Item = S>) -> bool {
        self.words.set_user_words(words)
    }

    /// `unit` with every unknown ordinary word replaced: its irregular form, or the one of the
    /// dictionary's closest suggestions likeliest between its neighbours.
    pub fn fix(&self, unit: &str) -> String {
        let protected = protected_spans(unit);
        let mut out = String::with_capacity(unit.len());
        let mut last = 0;
        let spans = word_spans(unit);
        for (i, span) in spans.iter().cloned().enumerate() {
            if protected.iter().any(|p| p.start < span.end && span.start < p.end) {
                continue;
            }
            let prev = i.checked_sub(1).map(|j| &unit[spans[j].clone()]);
            let next = spans.get(i + 1).map(|s| &unit[s.clone()]);
            if let Some(fix) = self.suggestion(unit, span.clone(), prev, next) {
                out.push_str(&unit[last..span.start]);
                out.push_str(&fix);
                last = span.end;
            }
        }
        out.push_str(&unit[last..]);
        out
    }

    fn suggestion(&self, unit: &str, span: Range<usize>, prev: Option<&str>, next: Option<&str>) -> Option<String> {
        let first_word = prev.is_none();
        let word = &unit[span.clone()];
        if let Some(fix) = with_apostrophe(word, prev, next).filter(|_| !self.words.user_words.contains(&word.to_lowercase())) {
            return Some(fix);
        }
        if let Some(fix) = sound_alike_fix(word, prev, next) {
            return Some(fix);
        }
        // "has went" -> "has gone": a known word, so only here (the map first: most words miss).
        let after_have = |p: &str| ["have", "has", "had", "having"].contains(&p.to_lowercase().as_str()) || p.ends_with("'ve") || p.ends_with("’ve");
        if let Some(part) = self.words.participles.get(word).filter(|_| prev.is_some_and(after_have)) {
            return Some(part.clone());
        }
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters < MIN_LEN || !is_plain_word(word) {
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
        if self.words.knows(word) {
            return None;
        }
        // An unknown word with letters English does not use is a foreign word or name
        // ("Íñigo" -> "GIGO", "óbidos" -> "libidos" on W&I dev).
        if word.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
            return None;
        }
        if let Some(form) = self.irregular_form(word, prev) {
            return Some(form);
        }
        // "problemes", "rememberd": a known word with a regular ending it does not take. Only
        // a typo of another regular form of the same word is the speller's ("problems",
        // "remembered"); the rest ("informations", "goed") is grammar, the model's.
        let misinflected = self.regular_ending_on_known_word(word);
        if !self.suggested.borrow().contains_key(word) {
            let found = self.closest_suggestions(word);
            let mut cache = self.suggested.borrow_mut();
            if cache.len() >= SUGGESTION_CACHE {
                cache.clear(); // rare; a cleared cache only costs time
            }
            cache.insert(word.to_owned(), found);
        }
        let cache = self.suggested.borrow();
        let candidates: Vec<&(String, usize)> = cache[word]
            .iter()
            .filter(|(c, edits)| !misinflected || *edits == 1 && self.same_stem_other_ending(word, c))
            .collect();
        let (before, after) = (neighbour(prev), neighbour(next));
        // A noisy channel: how likely the reading is between the neighbours, less what the slips
        // from it to the word as typed cost. "bomb shelters" and "bomb-shelters" read alike.
        let fits = |(c, _): &&(String, usize)| {
            self.words.ngrams.log_prob(before, &c.split([' ', '-']).collect::<Vec<_>>(), after) - CHANNEL_WEIGHT * typo_cost(word, c)
        };
        // The likeliest reading of the sentence; the dictionary's order breaks ties.
        let scored = candidates.iter().map(|c| (fits(c), &c.0));
        scored.reduce(|best, c| if c.0 > best.0 { c } else { best }).map(|(_, c)| c.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn speller() -> Speller {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../model");
        Speller::from_dir(&dir).unwrap().expect("the shipped model folder has a dictionary")
    }

    #[test]
    fn names_acronyms_code_and_short_words_are_left_alone() {
        let s = speller();
        for text in [
            "We met Zaragoza and Okonkwo in Kyiv.",
            "Íñigo lives in óbidos, not far from São Paulo.",
            "NASA and iPhone and McDonald are fine.",
            "See https://exmaple.com/teh or mail ab@exmaple.com now.",
            "The ot and xq are short.",
            "Version 3b2 of foo-bar_baz works.",
        ] {
            assert_eq!(s.fix(text), text);
        }
    }

    #[test]
    fn regular_endings_on_irregular_words_get_the_irregular_form() {
        let s = speller();
        assert_eq!(s.fix("She buyed it and the childs goed home."), "She bought it and the children went home.");
        assert_eq!(s.fix("Teached, he has writed and runned."), "Taught, he has written and ran.");
        assert_eq!(s.fix("Goed home, he did."), "Went home, he did.", "the capital on the irregular form, not \"Gent\"");
    }

    #[test]
    fn the_neighbours_choose_between_equally_close_fixes() {
        let sp = speller();
        // "juise" is one sound-alike letter from "juice" and from "guise".
        assert_eq!(sp.fix("I drank some orange juise."), "I drank some orange juice.");
        assert_eq!(sp.fix("He came under the juise of a friend."), "He came under the guise of a friend.");
        // Two words where the two go together.
        assert_eq!(sp.fix("I will do the hardwork myself."), "I will do the hard work myself.");
        assert_eq!(sp.fix("Take an umbrella incase it rains."), "Take an umbrella in case it rains.");
    }

    #[test]
    fn common_words_a_few_cheap_slips_away_are_found_where_hunspell_guesses_far() {
        let s = speller();
        assert_eq!(s.fix("It can be used seperatley."), "It can be used separately.");
        assert_eq!(s.fix("Call a car imidiatly."), "Call a car immediately.");
    }

    #[test]
    fn a_word_too_far_from_any_suggestion_is_left_as_typed() {
        let s = speller();
        assert_eq!(s.fix("We had dinner at an izakaya in town."), "We had dinner at an izakaya in town.");
        assert_eq!(s.fix("We deploy with kubectl now."), "We deploy with kubectl now.");
        assert_eq!(s.fix("I dont beleive it."), "I don't believe it.");
        assert_eq!(s.fix("Our parents did not whacth tv."), "Our parents did not whacth tv.", "not an acronym");
        assert_eq!(s.fix("A dog named chente."), "A dog named chente.", "not a name");
        assert_eq!(s.fix("I went to amercia."), "I went to amercia.");
        assert_eq!(s.fix("We lerned a lot."), "We learned a lot.");
        assert_eq!(s.fix("It binds the cytoskeleton."), "It binds the cytoskeleton.", "not exoskeleton: 3 edits");
        assert_eq!(s.fix("Many trasnportations run."), "Many transportation run.", "2 edits");
        assert_eq!(s.fix("Life expectancies rise."), "Life expectancy rise.", "3 edits, but only the ending");
    }

    #[test]
    fn a_common_word_a_few_edits_away_beats_a_rare_one_closer() {
        // "carrel" and "carer" are one edit from "carree", "career" two.
        assert_eq!(speller().fix("She made a good carree in banking."), "She made a good career in banking.");
    }

    #[test]
    fn comparatives_and_superlatives_are_told_from_nouns() {
        let s = speller();
        for word in ["older", "bigger", "easier", "biggest", "easiest", "oldest"] {
            assert!(s.words().compares(word), "{word}");
        }
        for word in ["water", "number", "paper", "interest", "forest", "computer", "after"] {
            assert!(!s.words().compares(word), "{word}");
        }
    }

    #[test]
    fn the_past_after_have_is_its_participle() {
        let s = speller();
        assert_eq!(s.fix("He has went home and I've ate."), "He has gone home and I've eaten.");
        assert_eq!(s.fix("They have saw it and went home."), "They have seen it and went home.");
        assert_eq!(s.fix("They have lay there."), "They have lay there.", "\"lay\" is a verb too");
        assert_eq!(s.fix("I have got a cat."), "I have got a cat.");
    }

    #[test]
    fn a_typo_of_another_regular_form_is_fixed_but_not_grammar() {
        let s = speller();
        assert_eq!(s.fix("I solved the problemes and rememberd them."), "I solved the problems and remembered them.");
        let grammar = "The informations and advices helped.";
        assert_eq!(s.fix(grammar), grammar, "the model's to fix");
    }

    #[test]
    fn a_fix_never_drops_a_negation() {
        let text = "They study unmeaningful subjects.";
        assert_eq!(speller().fix(text), text, "not \"meaningful\", its opposite");
    }

    #[test]
    fn closed_compounds_are_words_clean_english_uses() {
        let s = speller();
        assert_eq!(s.words().closed_compound("every", "one").as_deref(), Some("everyone"));
        assert_eq!(s.words().closed_compound("Life", "style").as_deref(), Some("Lifestyle"));
        for (a, b) in [("so", "on"), ("a", "go"), ("in", "security"), ("blue", "sky"), ("Every", "One")] {
            assert_eq!(s.words().closed_compound(a, b), None, "{a} {b}");
        }
    }

    #[test]
    fn a_typo_at_the_start_keeps_its_capital() {
        assert_eq!(speller().fix("Becuase it rained."), "Because it rained.");
    }

    #[test]
    fn the_users_own_words_are_kept_and_known() {
        let mut s = speller();
        let text = "Our numpy code runs daily.";
        assert_ne!(s.fix(text), text, "an unknown word is replaced");
        s.set_user_words(["NumPy", " kubectl "]);
        assert_eq!(s.fix(text), text);
        assert!(s.words().knows("numpy") && s.words().knows("Kubectl"));
        s.set_user_words(Vec::<String>::new());
        assert!(!s.words().knows("numpy"));
        assert_ne!(s.fix(text), text);
    }

    #[test]
    fn a_remembered_suggestion_is_the_one_computed_afresh() {
        let s = speller();
        let text = "I recieve the letter becuase of you.";
        let first = s.fix(text);
        assert_eq!(first, "I receive the letter because of you.");
        assert_eq!(s.suggested.borrow().len(), 2);
        assert_eq!(s.fix(text), first);
    }

    #[test]
    fn two_spellers_give_the_same_suggestions() {
        // Words whose suggestions came out differently from one process to the next while
        // the dictionary hashed with a random seed.
        let text = "A zombie apokalyspe, an akward smiel and a freind's bycicle were unforgetable.";
        let fixed: Vec<String> = (0..4).map(|_| speller().fix(text)).collect();
        assert!(fixed.iter().all(|f| *f == fixed[0]), "{fixed:?}");
    }

    #[test]
    fn a_folder_without_a_dictionary_has_no_speller() {
        assert!(Speller::from_dir(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap().is_none());
    }
}

