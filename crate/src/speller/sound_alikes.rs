//! Words written for others that sound the same, where the words around allow only one
//! ("could of done" -> "could have done", "their are" -> "there are", "there own" -> "their
//! own", "whose going" -> "who's going", "a big affect on" -> "a big effect on", "your not",
//! "am suppose to", "to breath", "and than", "if u want"): classic
//! slips a rule catches and the model leaves. The speller makes these fixes, so that the model
//! reads the sentence as meant (read as written, "could of been" came out "could of be"); the
//! checker offers them, though it holds back most swaps of one word for another.

use crate::text::capitals::with_capital_of;
use crate::speller::contractions::one_of;

/// Modals whose "'ve" is heard and written as "of".
const MODALS: &[&str] = &["could", "should", "would", "must", "might", "may"];

/// Words after "could of" that make "of" a preposition ("the best he could of the three").
const OF_GOES_ON: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "them", "it", "us", "him", "me", "all", "each", "any", "some", "course",
];

/// Forms of "be" after which "their" can only be "there" ("their are many").
const BE: &[&str] = &["is", "are", "was", "were", "'s", "’s"];

/// Words after which "whose" can only be "who's" ("whose going to come?").
const WHO_IS_BEFORE: &[&str] = &["going", "gonna", "been", "coming", "not"];

/// Words before "affect" that make it a noun, "effect" ("a big affect on", "side affects").
const EFFECT_AFTER: &[&str] = &[
    "a",
    "an",
    "the",
    "no",
    "any",
    "big",
    "great",
    "huge",
    "major",
    "significant",
    "positive",
    "negative",
    "adverse",
    "side",
    "bad",
    "good",
    "strong",
    "little",
];

/// Words after which "your" can only be "you're" ("your not", "your a genius"). Not "very"
/// ("your very own"), nor a verb's "-ing" ("your going away party", "your doing").
const YOU_ARE_BEFORE: &[&str] = &[
    "not", "gonna", "a", "an", "the", "so", "too", "really", "always", "never", "just", "also",
];

/// Forms of "be" before "suppose to" / "use to", which are "supposed to" / "used to" (and
/// "I'm", "we're"; not "'s", which may be a possessive: "the tool's use to doctors").
const BE_ANY: &[&str] = &["am", "is", "are", "was", "were", "be", "been", "being"];

/// Words before "breath" that make it the verb, "breathe" ("to breath", "can't breath").
const BREATHE_AFTER: &[&str] = &[
    "to", "can", "could", "cannot", "can't", "couldn't", "will", "would", "should", "must", "not",
    "don't", "didn't",
];

/// Words after which "than" can only be "then" ("and than we left", "since than").
const THEN_AFTER: &[&str] = &["and", "since", "until", "till", "back"];

/// The word meant by `word` between `prev` and `next`, where it sounds like another that
/// the words around require, with the writer's capital.
pub fn sound_alike_fix(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<String> {
    let be = |w: Option<&str>| {
        one_of(w, BE_ANY)
            || w.is_some_and(|w| ["'m", "'re", "’m", "’re"].iter().any(|c| w.ends_with(c)))
    };
    let verb_next =
        next.is_some_and(|w| w.chars().all(char::is_alphabetic)) && !one_of(next, OF_GOES_ON);
    let words = |w: Option<&str>| w.is_some_and(|w| w.chars().all(char::is_alphabetic));
    let on_or_of = one_of(next, &["on", "of"]) || next.is_none();
    let fix = match word.to_lowercase().as_str() {
        "of" if one_of(prev, MODALS) && verb_next => "have",
        "their" | "thier" if one_of(next, BE) => "there",
        "there" if one_of(next, &["own"]) => "their",
        "whose" if one_of(next, WHO_IS_BEFORE) => "who's",
        "your" if one_of(next, YOU_ARE_BEFORE) => "you're",
        "suppose" if be(prev) && one_of(next, &["to"]) => "supposed",
        "use" if be(prev) && one_of(next, &["to"]) => "used",
        "breath" if one_of(prev, BREATHE_AFTER) => "breathe",
        "than" if one_of(prev, THEN_AFTER) => "then",
        // Chat's "u" between words ("thank u", "if u want"); not "U", nor a variable ("u = 2").
        "u" if word == "u" && words(prev) && (next.is_none() || words(next)) => "you",
        "affect" if one_of(prev, EFFECT_AFTER) && on_or_of => "effect",
        "affects"
            if one_of(prev, &["side"])
                || one_of(prev, EFFECT_AFTER) && on_or_of && !one_of(prev, &["a", "an"]) =>
        {
            "effects"
        }
        _ => return None,
    };
    Some(with_capital_of(word, fix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_the_neighbours_require() {
        let cases = [
            (Some("could"), "of", Some("done"), Some("have")),
            (Some("Should"), "of", Some("known"), Some("have")),
            (None, "Their", Some("are"), Some("There")),
            (Some("on"), "there", Some("own"), Some("their")),
            (None, "Whose", Some("going"), Some("Who's")),
            (Some("big"), "affect", Some("on"), Some("effect")),
            (Some("side"), "affects", Some("like"), Some("effects")),
            (None, "Your", Some("not"), Some("You're")),
            (Some("am"), "suppose", Some("to"), Some("supposed")),
            (Some("was"), "use", Some("to"), Some("used")),
            (Some("I'm"), "suppose", Some("to"), Some("supposed")),
            (Some("to"), "breath", Some("fresh"), Some("breathe")),
            (Some("and"), "than", Some("we"), Some("then")),
            (Some("if"), "u", Some("want"), Some("you")),
            (Some("thank"), "u", None, Some("you")),
            // Other readings stay.
            (Some("let"), "u", Some("="), None),
            (None, "u", Some("turn"), None),
            (Some("the"), "U", Some("boat"), None),
            (Some("on"), "your", Some("very"), None), // your very own
            (Some("for"), "your", Some("going"), None), // your going away party
            (Some("I"), "suppose", Some("to"), None),
            (Some("of"), "breath", None, None),
            (Some("more"), "than", Some("we"), None),
            (Some("could"), "of", Some("the"), None), // the best he could of the three
            (Some("some"), "of", Some("them"), None),
            (Some("would"), "of", None, None),
            (None, "their", Some("house"), None),
            (Some("is"), "there", Some("now"), None),
            (None, "whose", Some("car"), None),
            (Some("will"), "affect", Some("the"), None), // a verb
            (Some("it"), "affects", Some("us"), None),
        ];
        for (prev, word, next, want) in cases {
            assert_eq!(
                sound_alike_fix(word, prev, next).as_deref(),
                want,
                "{prev:?} {word} {next:?}"
            );
        }
    }
}
