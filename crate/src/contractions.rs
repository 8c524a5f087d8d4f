//! Contractions typed without their apostrophe ("thats", "im", "arent", "we cant"): the
//! commonest slip of quick writing in web forms. Hunspell's guesses for them are other words
//! ("arent" -> "parent", "ive" -> "five"), and "thats" reads to the speller as "that" with a
//! plural ending (grammar, left to the model, which leaves it). So a table: the apostrophe
//! goes back where the word is no English word by itself, and, for "cant" and "wont" (words
//! of their own), after a subject.

use crate::capitals::capitalised;

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

/// `word` with its apostrophe, keeping a leading capital ("Thats" -> "That's"; "im" -> "I'm"),
/// where it is a contraction typed without one; `prev` is the word before, if any.
pub fn with_apostrophe(word: &str, prev: Option<&str>) -> Option<String> {
    let lower = word.to_lowercase();
    let after_subject = || prev.is_some_and(|p| SUBJECTS.contains(&p.to_lowercase().as_str()));
    let fix = MISSING_APOSTROPHE
        .iter()
        .find(|(typed, _)| *typed == lower)
        .or_else(|| {
            AFTER_A_SUBJECT
                .iter()
                .find(|(typed, _)| *typed == lower)
                .filter(|_| after_subject())
        })
        .map(|(_, fix)| *fix)?;
    // Capitals after the first letter make an acronym ("IM", an instant message).
    if word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    Some(if word.starts_with(char::is_uppercase) {
        capitalised(fix)
    } else {
        fix.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contraction_gets_its_apostrophe_back() {
        assert_eq!(
            with_apostrophe("thats", Some("and")).as_deref(),
            Some("that's")
        );
        assert_eq!(with_apostrophe("Thats", None).as_deref(), Some("That's"));
        assert_eq!(with_apostrophe("im", Some("but")).as_deref(), Some("I'm"));
        assert_eq!(with_apostrophe("Im", None).as_deref(), Some("I'm"));
        assert_eq!(
            with_apostrophe("arent", Some("they")).as_deref(),
            Some("aren't")
        );
        assert_eq!(
            with_apostrophe("cant", Some("We")).as_deref(),
            Some("can't")
        );
        assert_eq!(
            with_apostrophe("wont", Some("it")).as_deref(),
            Some("won't")
        );
    }

    #[test]
    fn words_and_acronyms_stay() {
        assert_eq!(
            with_apostrophe("cant", Some("the")),
            None,
            "the cant of politics"
        );
        assert_eq!(with_apostrophe("wont", None), None);
        assert_eq!(with_apostrophe("IM", None), None, "an instant message");
        assert_eq!(with_apostrophe("that", None), None);
        assert_eq!(with_apostrophe("", None), None);
    }
}
