//! The word knowledge the speller and the rules read (`Lexicon`), loaded from a model folder:
//! the Hunspell dictionary (read by `spellbook`; SCOWL's four Englishes merged, so every
//! dialect's spelling is a word), word and word-pair counts of clean English (`ngrams`),
//! irregular forms (`en.irregular`, from lemminflect), hyphenated compounds, each dialect's
//! spellings (`dialect`) and the user's own words. Loading borrows the files' bytes: in the
//! browser they already sit in wasm memory.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use foldhash::fast::FixedState;
use spellbook::Dictionary;

use crate::error::{EmendError, Result};
use crate::lexicon::dialect::{Dialect, DialectTable, DIALECTS_FILE};
use crate::lexicon::ngrams::{Neighbour, Ngrams, NGRAMS_FILE};
use crate::lexicon::Lexicon;
use crate::model::read_file;
use crate::text::align::{word_spans, words_around};

/// The dictionary's file names in a model folder.
pub const AFF_FILE: &str = "en.aff";
pub const DIC_FILE: &str = "en.dic";
pub const IRREGULAR_FILE: &str = "en.irregular";
pub const COMPOUNDS_FILE: &str = "en.compounds";

/// The bytes of the speller's files in a model folder (what the browser fetches).
pub struct SpellerFiles<'a> {
    pub aff: &'a [u8],
    pub dic: &'a [u8],
    /// Word and word-pair counts (`training/lexicon/make_ngrams.py`).
    pub ngrams: &'a [u8],
    /// `v LEMMA PAST PARTICIPLE` / `n LEMMA PLURAL` lines (`training/lexicon/make_irregular.py`).
    pub irregular: &'a [u8],
    /// `first second` lines: pairs clean English hyphenates (`training/lexicon/make_compounds.py`).
    pub compounds: &'a [u8],
    /// `WORD US GB CA AU` lines: each dialect's spelling (`training/lexicon/make_dialects.py`).
    pub dialects: &'a [u8],
}

/// A speller file's line `n` (from 0) that is not of the `form` its file holds.
fn bad_line(name: &'static str, n: usize, form: &str) -> EmendError {
    EmendError::BadModel { name, kind: "speller file", detail: format!("line {} is not {form}", n + 1) }
}

/// The word knowledge of a model folder (its dictionary, counts, forms, compounds and dialect
/// table) and the user's own words.
pub struct Words {
    /// With a fixed hash seed: Hunspell's n-gram suggestions keep the first of equally
    /// scored words in hash order, so a random seed gave a word different fixes from one
    /// run (or page load) to the next ("apokalyspe" -> "apocalypse" or nothing).
    pub(crate) dict: Dictionary<FixedState>,
    /// Which of a word's closest suggestions fits between its neighbours.
    pub(crate) ngrams: Ngrams,
    /// Irregular verbs: lemma -> (past, participle); nouns: lemma -> plural.
    pub(crate) verbs: HashMap<String, (String, String)>,
    pub(crate) nouns: HashMap<String, String>,
    /// An irregular verb's past -> its participle, where they differ ("went" -> "gone"): for
    /// the past after "have" ("has went").
    pub(crate) participles: HashMap<String, String>,
    /// Lower-cased word pairs written with a hyphen ("so called" -> "so-called").
    pub(crate) compounds: HashSet<(String, String)>,
    /// The user's own words (lower-cased): known, never replaced.
    pub(crate) user_words: HashSet<String>,
    /// Each dialect's spelling of the words the dialects spell differently.
    pub(crate) dialects: DialectTable,
    /// The bigram list's words the dictionary knows, by first letter: candidates Hunspell's
    /// suggestions miss ("seperatley" -> "separately").
    pub(crate) common: HashMap<char, Vec<String>>,
}

impl Words {
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
        Ok(Words {
            dict,
            ngrams,
            verbs,
            nouns,
            participles,
            compounds,
            common,
            user_words: HashSet::new(),
            dialects,
        })
    }

    /// The word knowledge of a model folder; `None` if the folder has none of its files (spelling off).
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

    /// The user's own words (a personal dictionary), replacing any given before: the speller
    /// leaves them as written, so the model reads them too. Whether the set changed.
    pub fn set_user_words<S: AsRef<str>>(&mut self, words: impl IntoIterator<Item = S>) -> bool {
        let words: HashSet<String> =
            words.into_iter().map(|w| w.as_ref().trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
        let changed = words != self.user_words;
        self.user_words = words;
        changed
    }
}

impl Lexicon for Words {
    /// Whether the dictionary or the user's own words accept `word`.
    fn knows(&self, word: &str) -> bool {
        self.dict.check(word) || self.user_words.contains(&word.to_lowercase())
    }

    /// How `dialect` spells `word`, where it spells it otherwise and the user has not made the
    /// word their own ("colour" for American English: "color").
    fn dialect_spelling(&self, word: &str, dialect: Dialect) -> Option<String> {
        self.dialects.spelling(word, dialect).filter(|_| !self.user_words.contains(&word.to_lowercase()))
    }


    /// Whether `word`, ending in "-er" or "-est", is an adjective's comparative or superlative:
    /// its stem is a word ("old"; "big" for "bigger", "easy" for "easier", "nice" for "nicer")
    /// and clean English uses it so: "than" after a comparative (not "water", "number"), "the"
    /// before a superlative and never "a" ("the biggest"; not "interest", "forest").
    fn compares(&self, word: &str) -> bool {
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
    fn hyphenates(&self, first: &str, second: &str) -> bool {
        self.compounds.contains(&(first.to_lowercase(), second.to_lowercase()))
    }

    /// `first second` written as one word, if that is a word clean English uses ("every one" ->
    /// "everyone", "life style" -> "lifestyle"): both parts in lower case after the first
    /// letter, the whole known to the dictionary and listed among the bigram model's words.
    fn closed_compound(&self, first: &str, second: &str) -> Option<String> {
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
    fn opens_sentences(&self, word: &str) -> bool {
        self.ngrams.opening_share(word) >= 1.0 / 3000.0
    }

    /// How much likelier (natural log) the bigram model finds `replacement` than the words of
    /// `unit[range]` it replaces, between the same neighbours: below 0, clean English prefers
    /// what the writer wrote. Only words count (not punctuation or numbers); `None` where
    /// neither side has one.
    fn bigram_gain(&self, unit: &str, range: Range<usize>, replacement: &str) -> Option<f32> {
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
pub(crate) fn neighbour(token: Option<&str>) -> Neighbour<'_> {
    match token {
        None | Some("." | "!" | "?") => Neighbour::Edge,
        Some(t) if is_plain_word(t) => Neighbour::Word(t),
        _ => Neighbour::Unknown,
    }
}

/// Letters and apostrophes only: a word the speller and its bigram model deal in (not a
/// number, a code or punctuation).
pub(crate) fn is_plain_word(token: &str) -> bool {
    token.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}
