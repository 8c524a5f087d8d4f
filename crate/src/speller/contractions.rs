//! Contractions typed without their apostrophe ("thats", "im", "arent", "we cant"): the
//! commonest slip of quick writing in web forms. Hunspell's guesses for them are other words
//! ("arent" -> "parent", "ive" -> "five"), and "thats" reads to the speller as "that" with a
//! plural ending (grammar, left to the model, which leaves it). So a table: the apostrophe
//! goes back where the word is no English word by itself, and, for words of their own, where
//! the words around allow only the contraction: "cant" and "wont" after a subject, "its"
//! before "not" or "a", "lets" opening a sentence before a verb.

use crate::text::capitals::with_capital_of;

/// Forms that are no English word without their apostrophe.
const MISSING_APOSTROPHE: &[(&str, &str)] = &[
    ("im", "I'm"),
    ("ive", "I've"),
    ("youre", "you're"),
    ("youve", "you've"),
    ("youll", "you'll"),
    ("theyre", "they're"),
    ("theyve", "they've"),
    ("theyll", "they'll"),
    ("weve", "we've"),
    ("thats", "that's"),
    ("theres", "there's"),
    ("whats", "what's"),
    ("whos", "who's"),
    ("shes", "she's"),
    ("hes", "he's"),
    ("dont", "don't"),
    ("doesnt", "doesn't"),
    ("didnt", "didn't"),
    ("isnt", "isn't"),
    ("arent", "aren't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("hasnt", "hasn't"),
    ("havent", "haven't"),
    ("hadnt", "hadn't"),
    ("couldnt", "couldn't"),
    ("shouldnt", "shouldn't"),
    ("wouldnt", "wouldn't"),
    ("mustnt", "mustn't"),
    ("couldve", "could've"),
    ("shouldve", "should've"),
    ("wouldve", "would've"),
];

/// Words that are also contractions without their apostrophe ("the cant of politics", "as is
/// his wont"), and what they are after a subject ("I cant", "it wont").
const AFTER_A_SUBJECT: &[(&str, &str)] = &[("cant", "can't"), ("wont", "won't")];

/// Subjects before which "cant" and "wont" can only be "can't" and "won't".
const SUBJECTS: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "it", "this", "that", "there", "who", "people",
];

/// Words after which "its" can only be "it's": no noun follows a possessive so ("its not",
/// "its been", "its a", "its so funny"). Not "very" ("its very own") nor adjectives ("its
/// good points").
const IT_IS_BEFORE: &[&str] = &[
    "a", "an", "the", "not", "been", "so", "too", "really", "just", "also", "always", "never",
    "going", "gonna", "about", "because",
];

/// Verbs after which a sentence's opening "lets" is "let's" ("lets go"; "he lets go" stays).
const LET_US: &[&str] = &[
    "go", "do", "see", "get", "make", "talk", "start", "try", "be", "have", "say", "play", "eat",
    "take", "meet", "hope", "not",
];

/// `word` with its apostrophe, keeping a leading capital ("Thats" -> "That's"; "im" -> "I'm"),
/// where it is a contraction typed without one; `prev` and `next` are the words around it.
pub fn with_apostrophe(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<String> {
    let lower = word.to_lowercase();
    let fix = match lower.as_str() {
        "cant" | "wont" if !one_of(prev, SUBJECTS) => return None,
        "its" if one_of(next, IT_IS_BEFORE) => "it's",
        "lets" if prev.is_none() && one_of(next, LET_US) => "let's",
        _ => MISSING_APOSTROPHE
            .iter()
            .chain(AFTER_A_SUBJECT)
            .find(|(typed, _)| *typed == lower)
            .map(|(_, fix)| *fix)?,
    };
    // Capitals after the first letter make an acronym ("IM", an instant message).
    if word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    Some(with_capital_of(word, fix))
}

/// Whether `word` is one of `list` (lower-case words), whatever its case.
pub(crate) fn one_of(word: Option<&str>, list: &[&str]) -> bool {
    word.is_some_and(|w| list.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contraction_gets_its_apostrophe_back_where_the_words_around_allow() {
        let cases = [
            (Some("and"), "thats", None, Some("that's")),
            (None, "Thats", None, Some("That's")),
            (Some("but"), "im", None, Some("I'm")),
            (None, "Im", Some("sure"), Some("I'm")),
            (Some("they"), "arent", None, Some("aren't")),
            (Some("We"), "cant", Some("stay"), Some("can't")),
            (Some("it"), "wont", None, Some("won't")),
            (Some("but"), "its", Some("not"), Some("it's")),
            (None, "Lets", Some("go"), Some("Let's")),
            // Words and acronyms stay.
            (Some("the"), "cant", None, None), // the cant of politics
            (None, "wont", None, None),
            (Some("on"), "its", Some("own"), None),
            (Some("lost"), "its", Some("very"), None), // its very own
            (Some("he"), "lets", Some("go"), None),
            (None, "IM", None, None), // an instant message
            (None, "that", None, None),
            (None, "", None, None),
        ];
        for (prev, word, next, want) in cases {
            assert_eq!(
                with_apostrophe(word, prev, next).as_deref(),
                want,
                "{prev:?} {word} {next:?}"
            );
        }
    }
}
