//! Dictionary spelling ahead of the model. A word the dictionary (Hunspell format, read by
//! `spellbook`) does not know is replaced by a suggestion before the model reads
//! the sentence: the small model fixes few typos itself, and a typo hides the grammar
//! around it ("My freind dont like" reads as grammar once it is "My friend don't like").
//! Among the closest suggestions the one likeliest between the word's neighbours wins, by a
//! word bigram model of clean English (`en.ngrams`, `crate::ngrams`). A regular ending on an
//! irregular word gets the irregular form ("buyed" -> "bought", "childs" -> "children":
//! `en.irregular`, from lemminflect).
//! Names, acronyms, code and the user's own words are left alone.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use foldhash::fast::FixedState;
use spellbook::Dictionary;

use crate::align::{word_spans, words_around};
use crate::capitals::with_capital_of;
use crate::contractions::with_apostrophe;
use crate::dialect::{Dialect, DialectTable, DIALECTS_FILE};
use crate::error::{EmendError, Result};
use crate::model::read_file;
use crate::ngrams::{Neighbour, Ngrams, NGRAMS_FILE};
use crate::noun_number::NounForms;
use crate::segment::protected_spans;
use crate::sound_alikes::sound_alike_fix;
use crate::typos::typo_cost;

/// The dictionary's file names in a model folder.
pub const AFF_FILE: &str = "en.aff";
pub const DIC_FILE: &str = "en.dic";
pub const IRREGULAR_FILE: &str = "en.irregular";
pub const COMPOUNDS_FILE: &str = "en.compounds";

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
/// speller alone (`training/score_speller.py`): 1.3 against 1.0, 1.6, 2.0 and a flat 4 per
/// edit (the speller before; W&I dev +7 right, -7 wrong; FCE dev +3, -3; CoNLL-2013 -2, +2).
const CHANNEL_WEIGHT: f64 = 1.3;

/// The most a candidate from the bigram list may cost in the channel (`typo_cost`): 10 fixes
/// "seperatley" (9.0) and "imidiatly" (8.6); 8 and 12 scored worse on the dev sets.
const LIST_BUDGET: f64 = 10.0;

/// Words after which a verb takes its participle ("has writed" -> "has written").
const PARTICIPLE_AFTER: &[&str] =
    &["have", "has", "had", "having", "be", "is", "are", "am", "was", "were", "been", "being", "get", "gets", "got"];

/// The bytes of the speller's files in a model folder (what the browser fetches).
pub struct SpellerFiles<'a> {
    pub aff: &'a [u8],
    pub dic: &'a [u8],
    /// Word and word-pair counts (`training/make_ngrams.py`).
    pub ngrams: &'a [u8],
    /// `v LEMMA PAST PARTICIPLE` / `n LEMMA PLURAL` lines (`training/make_irregular.py`).
    pub irregular: &'a [u8],
    /// `first second` lines: pairs clean English hyphenates (`training/make_compounds.py`).
    pub compounds: &'a [u8],
    /// `WORD US GB CA AU` lines: each dialect's spelling (`training/make_dialects.py`).
    pub dialects: &'a [u8],
}

/// A speller file's line `n` (from 0) that is not of the `form` its file holds.
fn bad_line(name: &'static str, n: usize, form: &str) -> EmendError {
    EmendError::BadModel { name, kind: "speller file", detail: format!("line {} is not {form}", n + 1) }
}

pub struct Speller {
    /// With a fixed hash seed: Hunspell's n-gram suggestions keep the first of equally
    /// scored words in hash order, so a random seed gave a word different fixes from one
    /// run (or page load) to the next ("apokalyspe" -> "apocalypse" or nothing).
    dict: Dictionary<FixedState>,
    /// Which of a word's closest suggestions fits between its neighbours.
    ngrams: Ngrams,
    /// Irregular verbs: lemma -> (past, participle); nouns: lemma -> plural.
    verbs: HashMap<String, (String, String)>,
    nouns: HashMap<String, String>,
    /// An irregular verb's past -> its participle, where they differ ("went" -> "gone"): for
    /// the past after "have" ("has went").
    participles: HashMap<String, String>,
    /// Lower-cased word pairs written with a hyphen ("so called" -> "so-called").
    compounds: HashSet<(String, String)>,
    /// The user's own words (lower-cased): known, never replaced.
    user_words: HashSet<String>,
    /// Each dialect's spelling of the words the dialects spell differently.
    dialects: DialectTable,
    /// The bigram list's words the dictionary knows, by first letter: candidates Hunspell's
    /// suggestions miss ("seperatley" -> "separately").
    common: HashMap<char, Vec<String>>,
    /// Unknown word -> its candidate fixes (`closest_suggestions`; empty: none).
    suggested: RefCell<HashMap<String, Vec<(String, usize)>>>,
}

impl Speller {
    pub fn from_bytes(files: SpellerFiles) -> Result<Self> {
        // Borrowed, not copied: in the browser the files already sit in wasm memory.
        fn text<'a>(name: &'static str, bytes: &'a [u8]) -> Result<&'a str> {
            std::str::from_utf8(bytes).map_err(|e| EmendError::BadModel {
                name,
                kind: "speller file",
                detail: e.to_string(),
            })
        }
        let aff = text(AFF_FILE, files.aff)?;
        let dic = text(DIC_FILE, files.dic)?;
        let ngrams = Ngrams::parse(text(NGRAMS_FILE, files.ngrams)?)?;
        let (mut verbs, mut nouns) = (HashMap::new(), HashMap::new());
        for (n, line) in text(IRREGULAR_FILE, files.irregular)?.lines().enumerate() {
            match line.split_whitespace().collect::<Vec<_>>()[..] {
                ["v", lemma, past, part] => drop(verbs.insert(lemma.to_owned(), (past.to_owned(), part.to_owned()))),
                ["n", lemma, plural] => drop(nouns.insert(lemma.to_owned(), plural.to_owned())),
                [] => {}
                _ => return Err(bad_line(IRREGULAR_FILE, n, "`v LEMMA PAST PARTICIPLE` or `n LEMMA PLURAL`")),
            }
        }
        // Not a past that is a lemma too ("lay"), nor one with two participles ("have got").
        let mut participles: HashMap<String, String> = HashMap::new();
        let mut ambiguous = HashSet::new();
        for (past, part) in verbs.values() {
            if past != part && !verbs.contains_key(past) && past != "got" {
                if participles.insert(past.clone(), part.clone()).is_some_and(|other| other != *part) {
                    ambiguous.insert(past.clone());
                }
            }
        }
        participles.retain(|past, _| !ambiguous.contains(past));
        let mut compounds = HashSet::new();
        for (n, line) in text(COMPOUNDS_FILE, files.compounds)?.lines().enumerate() {
            match line.split_whitespace().collect::<Vec<_>>()[..] {
                [first, second] => drop(compounds.insert((first.to_lowercase(), second.to_lowercase()))),
                [] => {}
                _ => return Err(bad_line(COMPOUNDS_FILE, n, "`FIRST SECOND`")),
            }
        }
        let dialects = DialectTable::parse(text(DIALECTS_FILE, files.dialects)?)?;
        let dict = Dictionary::new_with_hasher(aff, dic, FixedState::with_seed(0)).map_err(|e| EmendError::BadModel {
            name: DIC_FILE,
            kind: "Hunspell dictionary",
            detail: e.to_string(),
        })?;
        let mut common: HashMap<char, Vec<String>> = HashMap::new();
        for w in ngrams.words_by_rank() {
            if w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()) && dict.check(w) {
                common.entry(w.chars().next().unwrap_or(' ')).or_default().push(w.to_owned());
            }
        }
        Ok(Speller {
            dict,
            ngrams,
            verbs,
            nouns,
            participles,
            compounds,
            common,
            user_words: HashSet::new(),
            dialects,
            suggested: RefCell::default(),
        })
    }

    /// The speller of a model folder; `None` if the folder has none of its files (spelling off).
    pub fn from_dir(dir: &Path) -> Result<Option<Self>> {
        let names = [AFF_FILE, DIC_FILE, NGRAMS_FILE, IRREGULAR_FILE, COMPOUNDS_FILE, DIALECTS_FILE];
        if names.iter().all(|n| !dir.join(n).exists()) {
            return Ok(None);
        }
        let [aff, dic, ngrams, irregular, compounds, dialects] = names.map(|name| read_file(dir, name));
        let files = SpellerFiles {
            aff: &aff?,
            dic: &dic?,
            ngrams: &ngrams?,
            irregular: &irregular?,
            compounds: &compounds?,
            dialects: &dialects?,
        };
        Self::from_bytes(files).map(Some)
    }

    /// Whether the dictionary or the user's own words accept `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.dict.check(word) || self.user_words.contains(&word.to_lowercase())
    }

    /// How `dialect` spells `word`, where it spells it otherwise and the user has not made the
    /// word their own ("colour" for American English: "color").
    pub fn dialect_spelling(&self, word: &str, dialect: Dialect) -> Option<String> {
        self.dialects.spelling(word, dialect).filter(|_| !self.user_words.contains(&word.to_lowercase()))
    }

    /// The user's own words (a personal dictionary), replacing any given before: the speller
    /// leaves them as written, so the model reads them too. Whether the set changed.
    pub fn set_user_words<S: AsRef<str>>(&mut self, words: impl IntoIterator<Item = S>) -> bool {
        let words: HashSet<String> =
            words.into_iter().map(|w| w.as_ref().trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
        let changed = words != self.user_words;
        self.user_words = words;
        changed
    }

    /// Whether `word`, ending in "-er" or "-est", is an adjective's comparative or superlative:
    /// its stem is a word ("old"; "big" for "bigger", "easy" for "easier", "nice" for "nicer")
    /// and clean English uses it so: "than" after a comparative (not "water", "number"), "the"
    /// before a superlative and never "a" ("the biggest"; not "interest", "forest").
    pub fn compares(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let Some((base, superlative)) = w.strip_suffix("est").map(|b| (b, true)).or_else(|| w.strip_suffix("er").map(|b| (b, false))) else {
            return false;
        };
        let undoubled = base.len() > 2 && base.as_bytes()[base.len() - 1] == base.as_bytes()[base.len() - 2];
        let stems = [
            Some(base.to_string()),
            Some(format!("{base}e")),
            base.strip_suffix('i').map(|b| format!("{b}y")),
            undoubled.then(|| base[..base.len() - 1].to_string()),
        ];
        let stem_known = stems.into_iter().flatten().any(|s| s.len() >= 2 && self.dict.check(&s));
        let used_so = if superlative {
            self.ngrams.pair_count("the", &w) >= 10 && self.ngrams.pair_count("a", &w) + self.ngrams.pair_count("an", &w) == 0
        } else {
            self.ngrams.pair_count(&w, "than") >= 10
        };
        stem_known && used_so
    }

    /// Whether clean English writes `first second` as one hyphenated word ("so-called").
    pub fn hyphenates(&self, first: &str, second: &str) -> bool {
        self.compounds.contains(&(first.to_lowercase(), second.to_lowercase()))
    }

    /// `first second` written as one word, if that is a word clean English uses ("every one" ->
    /// "everyone", "life style" -> "lifestyle"): both parts in lower case after the first
    /// letter, the whole known to the dictionary and listed among the bigram model's words.
    pub fn closed_compound(&self, first: &str, second: &str) -> Option<String> {
        let lower_after_first = |w: &str| w.chars().skip(1).all(|c| !c.is_uppercase());
        // Two-letter words make idioms, not compounds: "and so on" is not "soon", "give it a
        // go" not "ago", "in security" not "insecurity".
        let short = |w: &str| w.chars().count() < 3;
        if short(first) || short(second) || !lower_after_first(first) || second.chars().any(char::is_uppercase) {
            return None;
        }
        let closed = format!("{first}{second}");
        (self.dict.check(&closed.to_lowercase()) && self.ngrams.rank(&closed).is_some()).then_some(closed)
    }

    /// Whether a word often starts a sentence in clean English (one sentence in 3,000 or more:
    /// "but", "our", "because"; not "state" or "name").
    pub fn opens_sentences(&self, word: &str) -> bool {
        self.ngrams.opening_share(word) >= 1.0 / 3000.0
    }

    /// How much likelier (natural log) the bigram model finds `replacement` than the words of
    /// `unit[range]` it replaces, between the same neighbours: below 0, clean English prefers
    /// what the writer wrote. Only words count (not punctuation or numbers); `None` where
    /// neither side has one.
    pub fn bigram_gain(&self, unit: &str, range: Range<usize>, replacement: &str) -> Option<f32> {
        let words = |s: &str| -> Vec<String> { word_spans(s).into_iter().map(|r| s[r].to_owned()).filter(|w| is_plain_word(w)).collect() };
        let (old, new) = (words(&unit[range.clone()]), words(replacement));
        if old.is_empty() && new.is_empty() {
            return None;
        }
        let (before, after) = words_around(unit, range.clone());
        let (before, after) = (neighbour(before), neighbour(after));
        let prob = |ws: &[String]| self.ngrams.log_prob(before, &ws.iter().map(String::as_str).collect::<Vec<_>>(), after);
        Some((prob(&new) - prob(&old)) as f32)
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
        if let Some(fix) = with_apostrophe(word, prev, next).filter(|_| !self.user_words.contains(&word.to_lowercase())) {
            return Some(fix);
        }
        if let Some(fix) = sound_alike_fix(word, prev, next) {
            return Some(fix);
        }
        // "has went" -> "has gone": a known word, so only here (the map first: most words miss).
        let after_have = |p: &str| ["have", "has", "had", "having"].contains(&p.to_lowercase().as_str()) || p.ends_with("'ve") || p.ends_with("’ve");
        if let Some(part) = self.participles.get(word).filter(|_| prev.is_some_and(after_have)) {
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
        if self.knows(word) {
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
            self.ngrams.log_prob(before, &c.split([' ', '-']).collect::<Vec<_>>(), after) - CHANNEL_WEIGHT * typo_cost(word, c)
        };
        // The likeliest reading of the sentence; the dictionary's order breaks ties.
        let scored = candidates.iter().map(|c| (fits(c), &c.0));
        scored.reduce(|best, c| if c.0 > best.0 { c } else { best }).map(|(_, c)| c.clone())
    }

    /// The dictionary's suggestions for `word` that could be what was meant (`plausible_fix`),
    /// with their distance in edits, in the dictionary's order. Where the commonest of the
    /// closest is too far from the word to be the one meant, Hunspell's n-gram guesses for a
    /// word it cannot place ("izakaya" -> "kayak", "kubectl" -> "Brubeck", "chente" -> "Chen")
    /// are wrong far more often than right: then only common words a few cheap slips away
    /// (`listed_candidates`), and none where Hunspell took the word for a name.
    fn closest_suggestions(&self, word: &str) -> Vec<(String, usize)> {
        let mut suggestions = Vec::new();
        self.dict.suggest(word, &mut suggestions);
        let lower = word.to_lowercase();
        let distance = |s: &String| strsim::damerau_levenshtein(&lower, &s.to_lowercase());
        suggestions.retain(|s| s != word);
        let Some(closest) = suggestions.iter().map(distance).min() else { return self.listed_candidates(word) };
        let rank = |s: &String| self.ngrams.rank(s).unwrap_or(u32::MAX);
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
        let Some(words) = self.common.get(&first) else { return Vec::new() };
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
    fn irregular_form(&self, word: &str, prev: Option<&str>) -> Option<String> {
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
            .find_map(|s| self.verbs.get(s).map(|(past, part)| if participle { part } else { past }))
            .or_else(|| stems(["es", "s"]).iter().find_map(|s| self.nouns.get(s)))?;
        Some(with_capital_of(word, form))
    }

    /// Whether `fix` is the stem of `word` (a known word plus a regular ending) with another
    /// regular ending: "problemes" -> "problems", "rememberd" -> "remembered", "stoped" ->
    /// "stopped"; not the bare stem ("informations" -> "information" is grammar, the model's).
    fn same_stem_other_ending(&self, word: &str, fix: &str) -> bool {
        let (w, f) = (word.to_lowercase(), fix.to_lowercase());
        let mut stems = ["ed", "d", "es", "s"].into_iter().filter_map(|x| w.strip_suffix(x)).filter(|s| s.len() >= 2 && self.dict.check(s));
        f.chars().all(char::is_alphabetic) && stems.any(|s| f.len() > s.len() && f.starts_with(s))
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

/// The speller's words and counts, for the rule on a noun's number (`noun_number.rs`).
impl NounForms for Speller {
    fn plural(&self, singular: &str) -> Option<String> {
        let regular = || {
            if singular.ends_with(['s', 'x', 'z']) || singular.ends_with("ch") || singular.ends_with("sh") {
                format!("{singular}es")
            } else if let Some(stem) = singular.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']) && s.len() > 1) {
                format!("{stem}ies")
            } else {
                format!("{singular}s")
            }
        };
        let plural = self.nouns.get(singular).cloned().unwrap_or_else(regular);
        (self.ngrams.rank(singular).is_some() && self.ngrams.rank(&plural).is_some()).then_some(plural)
    }

    fn singular(&self, plural: &str) -> Option<String> {
        let irregular = self.nouns.iter().filter(|(_, p)| *p == plural).map(|(s, _)| s.clone()).min();
        let regular = [("ies", "y"), ("es", ""), ("s", "")].into_iter().filter_map(|(end, new)| plural.strip_suffix(end).map(|s| format!("{s}{new}")));
        irregular.into_iter().chain(regular).find(|s| self.plural(s).as_deref() == Some(plural))
    }

    fn fit(&self, before: &str, word: &str, after: Option<&str>) -> f64 {
        self.ngrams.log_prob(Neighbour::Word(before), &[word], after.map_or(Neighbour::Unknown, Neighbour::Word))
    }

    fn pair_listed(&self, first: &str, second: &str) -> bool {
        self.ngrams.pair_count(first, second) > 0
    }

    fn very_common(&self, word: &str) -> bool {
        self.ngrams.rank(word).is_some_and(|r| r < 150)
    }
}

/// What the bigram model knows of a word's neighbour: a word, the sentence's edge (the unit's
/// start or end, or a full stop), or nothing it counts (a comma, a number).
fn neighbour(token: Option<&str>) -> Neighbour<'_> {
    match token {
        None | Some("." | "!" | "?") => Neighbour::Edge,
        Some(t) if is_plain_word(t) => Neighbour::Word(t),
        _ => Neighbour::Unknown,
    }
}

/// Letters and apostrophes only: a word the speller and its bigram model deal in (not a
/// number, a code or punctuation).
fn is_plain_word(token: &str) -> bool {
    token.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
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
            assert!(s.compares(word), "{word}");
        }
        for word in ["water", "number", "paper", "interest", "forest", "computer", "after"] {
            assert!(!s.compares(word), "{word}");
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
        assert_eq!(s.closed_compound("every", "one").as_deref(), Some("everyone"));
        assert_eq!(s.closed_compound("Life", "style").as_deref(), Some("Lifestyle"));
        for (a, b) in [("so", "on"), ("a", "go"), ("in", "security"), ("blue", "sky"), ("Every", "One")] {
            assert_eq!(s.closed_compound(a, b), None, "{a} {b}");
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
        assert!(s.knows("numpy") && s.knows("Kubectl"));
        s.set_user_words(Vec::<String>::new());
        assert!(!s.knows("numpy"));
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
