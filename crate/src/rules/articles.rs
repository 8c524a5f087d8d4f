//! "a" or "an" by the sound of the next word, applied to the model's output: a rule, not a
//! guess, and one the small model still misses ("a apple"). The sound comes from the
//! `in_definite` crate's rules and exception lists ("an hour", "a university", "an MBA").

use in_definite::{is_an, Is};

use crate::text::align::word_spans;

/// `text` with each "a"/"an" that does not suit the next word's sound swapped.
pub fn fix_articles(text: &str) -> String {
    let spans = word_spans(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for (i, pair) in spans.windows(2).enumerate() {
        let (article, next) = (&text[pair[0].clone()], &text[pair[1].clone()]);
        // Lower case anywhere, capitalised only as a sentence's first word ("Plan A is" is a name).
        let replacement = match (article, i == 0) {
            ("a", _) => "an",
            ("an", _) => "a",
            ("A", true) => "An",
            ("An", true) => "A",
            _ => continue,
        };
        // The next word follows after plain spaces and starts with a letter (not "a 5", "a (big)").
        let gap = &text[pair[0].end..pair[1].start];
        if gap.is_empty() || !gap.chars().all(|c| c == ' ') || !next.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        let wants_an = is_an(next) == Is::An;
        if wants_an == article.eq_ignore_ascii_case("an") {
            continue;
        }
        out.push_str(&text[last..pair[0].start]);
        out.push_str(replacement);
        last = pair[0].end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::fix_articles;

    #[test]
    fn swaps_by_sound_with_exceptions() {
        assert_eq!(fix_articles("She bought a apple and an pear."), "She bought an apple and a pear.");
        assert_eq!(fix_articles("A hour later, a university and a MBA."), "An hour later, a university and an MBA.");
        assert_eq!(fix_articles("An car."), "A car.");
    }

    #[test]
    fn leaves_names_numbers_and_correct_text_alone() {
        for text in ["Plan A is an option.", "It takes a 8 hours.", "a (apple)", "an apple, a pear", "Vitamin A or a B", ""] {
            assert_eq!(fix_articles(text), text);
        }
    }
}
