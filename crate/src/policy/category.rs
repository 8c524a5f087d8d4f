//! Name each edit in words a writer understands, with a one-line reason.

use serde::Serialize;

use crate::rules::run_on::is_run_on;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Spelling,
    Grammar,
    VerbForm,
    Agreement,
    Determiner,
    Preposition,
    Punctuation,
    Capitalization,
    WordChoice,
    MissingWord,
    UnnecessaryWord,
    WordOrder,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Spelling => "spelling",
            Category::Grammar => "grammar",
            Category::VerbForm => "verb-form",
            Category::Agreement => "agreement",
            Category::Determiner => "determiner",
            Category::Preposition => "preposition",
            Category::Punctuation => "punctuation",
            Category::Capitalization => "capitalization",
            Category::WordChoice => "word-choice",
            Category::MissingWord => "missing-word",
            Category::UnnecessaryWord => "unnecessary-word",
            Category::WordOrder => "word-order",
        }
    }

    pub const ALL: [Category; 12] = [
        Category::Spelling,
        Category::Grammar,
        Category::VerbForm,
        Category::Agreement,
        Category::Determiner,
        Category::Preposition,
        Category::Punctuation,
        Category::Capitalization,
        Category::WordChoice,
        Category::MissingWord,
        Category::UnnecessaryWord,
        Category::WordOrder,
    ];
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their", "some",
    "any", "no", "every", "each", "much", "many", "few", "little", "another", "such",
];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "to", "for", "of", "with", "by", "from", "about", "into", "onto", "over", "under", "between",
    "among", "through", "during", "without", "within", "towards", "toward", "upon", "across", "along", "around",
    "behind", "beside", "since", "until", "till", "like", "as", "after", "before", "against", "near",
];
/// Closed-class words besides determiners and prepositions: pronouns, auxiliaries,
/// conjunctions and a few adverbs. What is not one of these carries the sentence's content.
const OTHER_FUNCTION_WORDS: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "is", "are", "was", "were", "be",
    "been", "being", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "shall",
    "should", "may", "might", "must", "and", "or", "but", "so", "because", "if", "when", "while", "than", "then",
    "there", "here", "not", "what", "which", "who", "whom", "whose", "where", "how", "why", "also", "very", "too",
    "just",
];
/// Verb pairs that differ by agreement with the subject.
const AGREEMENT: &[(&str, &str)] = &[
    ("is", "are"), ("was", "were"), ("has", "have"), ("does", "do"), ("doesn't", "don't"), ("isn't", "aren't"),
    ("wasn't", "weren't"), ("hasn't", "haven't"), ("am", "is"), ("am", "are"),
];
/// Common irregular verbs: base, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"), ("begin", "began", "begun"), ("break", "broke", "broken"), ("bring", "brought", "brought"),
    ("build", "built", "built"), ("buy", "bought", "bought"), ("catch", "caught", "caught"), ("choose", "chose", "chosen"),
    ("come", "came", "come"), ("cost", "cost", "cost"), ("cut", "cut", "cut"), ("do", "did", "done"),
    ("draw", "drew", "drawn"), ("drink", "drank", "drunk"), ("drive", "drove", "driven"), ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"), ("feel", "felt", "felt"), ("fight", "fought", "fought"), ("find", "found", "found"),
    ("fly", "flew", "flown"), ("forget", "forgot", "forgotten"), ("get", "got", "gotten"), ("give", "gave", "given"),
    ("go", "went", "gone"), ("grow", "grew", "grown"), ("have", "had", "had"), ("hear", "heard", "heard"),
    ("hold", "held", "held"), ("keep", "kept", "kept"), ("know", "knew", "known"), ("lead", "led", "led"),
    ("leave", "left", "left"), ("lend", "lent", "lent"), ("lose", "lost", "lost"), ("make", "made", "made"),
    ("mean", "meant", "meant"), ("meet", "met", "met"), ("pay", "paid", "paid"), ("put", "put", "put"),
    ("read", "read", "read"), ("ride", "rode", "ridden"), ("ring", "rang", "rung"), ("rise", "rose", "risen"),
    ("run", "ran", "run"), ("say", "said", "said"), ("see", "saw", "seen"), ("sell", "sold", "sold"),
    ("send", "sent", "sent"), ("sing", "sang", "sung"), ("sit", "sat", "sat"), ("sleep", "slept", "slept"),
    ("speak", "spoke", "spoken"), ("spend", "spent", "spent"), ("stand", "stood", "stood"), ("steal", "stole", "stolen"),
    ("swim", "swam", "swum"), ("take", "took", "taken"), ("teach", "taught", "taught"), ("tell", "told", "told"),
    ("think", "thought", "thought"), ("throw", "threw", "thrown"), ("understand", "understood", "understood"),
    ("wake", "woke", "woken"), ("wear", "wore", "worn"), ("win", "won", "won"), ("write", "wrote", "written"),
];

fn is_punct(w: &str) -> bool {
    w.chars().all(|c| !c.is_alphanumeric())
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w.to_lowercase().as_str())
}

fn lemma_of_irregular(w: &str) -> Option<&'static str> {
    let w = w.to_lowercase();
    IRREGULAR.iter().find(|(b, p, pp)| *b == w || *p == w || *pp == w).map(|(b, _, _)| *b)
}

/// Strips regular inflection: "walked" -> "walk", "buyed" -> "buy", "goes" -> "go".
fn regular_stem(w: &str) -> String {
    let w = w.to_lowercase();
    for suffix in ["ing", "ied", "ies", "ed", "es", "s", "d"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() >= 2 {
                return stem.to_string();
            }
        }
    }
    w
}

fn same_verb(a: &str, b: &str) -> bool {
    let (la, lb) = (lemma_of_irregular(a), lemma_of_irregular(b));
    let (sa, sb) = (regular_stem(a), regular_stem(b));
    match (la, lb) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) => sb == x || b.to_lowercase().starts_with(x),
        (None, Some(y)) => sa == y || a.to_lowercase().starts_with(y),
        (None, None) => sa == sb && sa.len() >= 3,
    }
}

/// Whether `typed` is close enough to `word` (lower-cased both) to be a slip of the keys
/// rather than another word: at most 2 edits, or 60% of the letters in place.
pub(crate) fn is_typo_of(typed: &str, word: &str) -> bool {
    strsim::damerau_levenshtein(typed, word) <= 2 || strsim::normalized_damerau_levenshtein(typed, word) >= 0.6
}

/// A word that carries content: 3 letters or more and not a closed-class word.
pub(crate) fn is_content_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && ![DETERMINERS, PREPOSITIONS, OTHER_FUNCTION_WORDS].iter().any(|list| in_list(list, w))
}

/// Whether two words (lower-cased) could be forms or spellings of one word: a typo apart,
/// one verb ("went"/"gone"), the same first 4 letters ("travelling"/"travel"), or one inside the other ("videogames"/"games").
pub(crate) fn related_words(a: &str, b: &str) -> bool {
    let prefix = |s: &str| s.chars().take(4).collect::<String>();
    let long = a.chars().count() >= 4 && b.chars().count() >= 4;
    is_typo_of(a, b) || same_verb(a, b) || long && (prefix(a) == prefix(b) || a.contains(b) || b.contains(a))
}

/// Whether two words (lower-cased) are the American and British spellings of one word:
/// "favorite"/"favourite", "center"/"centre", "organize"/"organise", "analyze"/"analyse",
/// "catalog"/"catalogue", "traveling"/"travelling". Only a pattern: the caller checks that
/// both are words ("forteen" -> "fourteen" is a typo fixed).
pub(crate) fn is_spelling_variant(a: &str, b: &str) -> bool {
    const PAIRS: &[(&str, &str)] = &[("or", "our"), ("er", "re"), ("iz", "is"), ("yz", "ys"), ("og", "ogue"), ("el", "ell"), ("al", "all")];
    // Short words are too easily other words ("for"/"four", "fil"/"fill").
    a.len().min(b.len()) >= 5 && PAIRS.iter().any(|&(us, uk)| one_swap(a, b, us, uk) || one_swap(b, a, us, uk))
}

/// Whether `b` is `a` with one occurrence of `from` written `to` (not at the start).
fn one_swap(a: &str, b: &str, from: &str, to: &str) -> bool {
    b.len() + from.len() == a.len() + to.len()
        && a.match_indices(from).any(|(i, _)| i > 0 && b.starts_with(&a[..i]) && b[i..].starts_with(to) && b[i + to.len()..] == a[i + from.len()..])
}

/// Whether one indefinite article replaces the other (lower-cased words): "a" <-> "an".
pub(crate) fn is_a_an_swap(o: &str, c: &str) -> bool {
    matches!((o, c), ("a", "an") | ("an", "a"))
}

fn quote(words: &[String]) -> String {
    format!("“{}”", words.join(" "))
}

fn all_punct(ws: &[String]) -> bool {
    !ws.is_empty() && ws.iter().all(|w| is_punct(w))
}

/// What kind of words were added or removed on their own: `fallback` if nothing more specific.
fn lone_words(ws: &[String], fallback: Category) -> (Category, &'static str) {
    if all_punct(ws) {
        (Category::Punctuation, "punctuation")
    } else if ws.len() == 1 && in_list(DETERMINERS, &ws[0]) {
        (Category::Determiner, "article or determiner")
    } else if ws.len() == 1 && in_list(PREPOSITIONS, &ws[0]) {
        (Category::Preposition, "preposition")
    } else {
        (fallback, "word")
    }
}

/// Categorise the changed words and explain the change in one line.
pub fn classify(removed: &[String], added: &[String]) -> (Category, String) {
    if removed.is_empty() {
        let (cat, what) = lone_words(added, Category::MissingWord);
        return (cat, format!("Missing {what}: add {}.", quote(added)));
    }
    if added.is_empty() {
        let (cat, what) = lone_words(removed, Category::UnnecessaryWord);
        return (cat, format!("Unnecessary {what}: remove {}.", quote(removed)));
    }
    let (r, a) = (removed.join(" "), added.join(" "));
    if is_run_on(removed, added) {
        return (Category::Punctuation, format!("Run-on sentence: end it with “.” and start the next with “{}”.", added[1]));
    }
    if all_punct(removed) && all_punct(added) {
        return (Category::Punctuation, format!("Punctuation: use {} here.", quote(added)));
    }
    if r.to_lowercase() == a.to_lowercase() {
        return (Category::Capitalization, format!("Capitalization: write {}.", quote(added)));
    }
    let sorted = |ws: &[String]| {
        let mut v: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
        v.sort();
        v
    };
    if removed.len() > 1 && sorted(removed) == sorted(added) {
        return (Category::WordOrder, format!("Word order: write {}.", quote(added)));
    }
    if removed.len() == 1 && added.len() == 1 {
        let (o, c) = (removed[0].to_lowercase(), added[0].to_lowercase());
        if in_list(DETERMINERS, &o) && in_list(DETERMINERS, &c) {
            let why = if is_a_an_swap(&o, &c) {
                format!("Use {} before a word that starts with a {} sound.", quote(added), if c == "an" { "vowel" } else { "consonant" })
            } else {
                format!("Use the determiner {} here.", quote(added))
            };
            return (Category::Determiner, why);
        }
        if in_list(PREPOSITIONS, &o) && in_list(PREPOSITIONS, &c) {
            return (Category::Preposition, format!("Preposition: {} fits here, not {}.", quote(added), quote(removed)));
        }
        let pair_match = AGREEMENT.iter().any(|(x, y)| (o == *x && c == *y) || (o == *y && c == *x));
        let s_variant = c == format!("{o}s") || c == format!("{o}es") || o == format!("{c}s") || o == format!("{c}es");
        if pair_match || s_variant {
            return (Category::Agreement, format!("Agreement: the singular/plural form {} fits here.", quote(added)));
        }
        if same_verb(&o, &c) {
            return (Category::VerbForm, format!("Verb form: use {} instead of {}.", quote(added), quote(removed)));
        }
        if is_typo_of(&o, &c) {
            return (Category::Spelling, format!("Possible spelling mistake: did you mean {}?", quote(added)));
        }
        return (Category::WordChoice, format!("Word choice: {} fits better here.", quote(added)));
    }
    (Category::Grammar, format!("Rewrite as {}.", quote(added)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(removed: &[&str], added: &[&str]) -> Category {
        let v = |ws: &[&str]| ws.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        classify(&v(removed), &v(added)).0
    }

    #[test]
    fn american_and_british_spellings_are_variants() {
        for (a, b) in [("favorite", "favourite"), ("centre", "center"), ("organize", "organise"), ("analyzed", "analysed"),
                       ("catalog", "catalogue"), ("traveling", "travelling")] {
            assert!(is_spelling_variant(a, b), "{a} / {b}");
        }
        for (a, b) in [("advise", "advice"), ("form", "from"), ("later", "latter"), ("four", "for"), ("filed", "filled"), ("cat", "cats")] {
            assert!(!is_spelling_variant(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn categories_a_writer_recognises() {
        assert_eq!(cat(&["a"], &["an"]), Category::Determiner);
        assert_eq!(cat(&[], &["the"]), Category::Determiner);
        assert_eq!(cat(&["in"], &["on"]), Category::Preposition);
        assert_eq!(cat(&["go"], &["goes"]), Category::Agreement);
        assert_eq!(cat(&["was"], &["were"]), Category::Agreement);
        assert_eq!(cat(&["buyed"], &["bought"]), Category::VerbForm);
        assert_eq!(cat(&["go"], &["went"]), Category::VerbForm);
        assert_eq!(cat(&["walk"], &["walked"]), Category::VerbForm);
        assert_eq!(cat(&["recieve"], &["receive"]), Category::Spelling);
        assert_eq!(cat(&["i"], &["I"]), Category::Capitalization);
        assert_eq!(cat(&[], &[","]), Category::Punctuation);
        assert_eq!(cat(&["very"], &[]), Category::UnnecessaryWord);
        assert_eq!(cat(&[], &["is"]), Category::MissingWord);
        assert_eq!(cat(&["always", "is"], &["is", "always"]), Category::WordOrder);
        assert_eq!(cat(&["big"], &["large"]), Category::WordChoice);
    }
}
