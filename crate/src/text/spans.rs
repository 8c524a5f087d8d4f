//! The last step every suggestion passes before the checker returns it: its byte range lies
//! within the text on character boundaries and never splits what a reader sees as one
//! character (an extended grapheme cluster: "👍🏽", "e" and its accent), it changes something,
//! and the suggestions come sorted without overlapping, so that applying all of them is
//! well defined.

use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

/// What `finish` needs to know of a suggestion besides its range.
pub trait Fix {
    /// The text written in place of the range.
    fn replacement_mut(&mut self) -> &mut String;
    /// Whether the suggestion may overlap others (the held-back kinds shown only to measure
    /// them); such suggestions neither drop others nor are dropped for overlapping.
    fn may_overlap(&self) -> bool {
        false
    }
}

/// The suggestions on `text`, checked and widened (see the module doc): a range outside the
/// text or off a character boundary is dropped (a bug upstream: debug builds stop there);
/// one that splits a grapheme cluster grows to the cluster's edges, its replacement by the
/// same text each side, so applying it gives the same result; one whose replacement equals
/// its original is dropped, and so is one that would write U+FFFD where the text had none
/// (a token the model wrote that decodes to no character: "…" -> " 180\u{FFFD}" was offered on a
/// code comment); of overlapping ones the first (by position, then by the order given) is kept.
pub fn finish<T: Fix>(text: &str, mut fixes: Vec<(Range<usize>, T)>) -> Vec<(Range<usize>, T)> {
    fixes.retain(|(r, _)| {
        let valid = r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
        debug_assert!(valid, "a suggestion's range {r:?} does not fit {text:?}");
        valid
    });
    for (range, fix) in &mut fixes {
        let widened = cluster_edges(text, range.clone());
        if widened != *range {
            let replacement = fix.replacement_mut();
            *replacement = format!("{}{replacement}{}", &text[widened.start..range.start], &text[range.end..widened.end]);
            *range = widened;
        }
    }
    fixes.retain_mut(|(r, fix)| {
        let (original, replacement) = (&text[r.clone()], fix.replacement_mut());
        original != *replacement && (original.contains('\u{FFFD}') || !replacement.contains('\u{FFFD}'))
    });
    fixes.sort_by_key(|(r, _)| r.start); // stable: the first given stays first
    let mut at = 0;
    fixes.retain(|(r, fix)| {
        if fix.may_overlap() {
            return true;
        }
        let free = r.start >= at;
        if free {
            at = r.end;
        }
        free
    });
    fixes
}

/// `range` grown to the nearest grapheme cluster boundaries of `text` outside it.
pub fn cluster_edges(text: &str, range: Range<usize>) -> Range<usize> {
    let edge = |at: usize, forward: bool| {
        let mut cursor = GraphemeCursor::new(at, text.len(), true);
        match cursor.is_boundary(text, 0) {
            Ok(true) => at,
            _ if forward => cursor.next_boundary(text, 0).ok().flatten().unwrap_or(text.len()),
            _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
        }
    };
    let start = edge(range.start, false);
    start..edge(range.end, true).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::align::apply;

    impl Fix for String {
        fn replacement_mut(&mut self) -> &mut String {
            self
        }
    }

    fn fixes(list: &[(Range<usize>, &str)]) -> Vec<(Range<usize>, String)> {
        list.iter().map(|(r, s)| (r.clone(), s.to_string())).collect()
    }

    #[test]
    fn ordinary_suggestions_pass_unchanged() {
        let text = "I has a apple 😀 here.";
        let given = fixes(&[(2..5, "have"), (6..7, "an")]);
        assert_eq!(finish(text, given.clone()), given);
    }

    #[test]
    fn a_range_inside_a_cluster_grows_to_its_edges_and_applies_the_same() {
        // "👍🏽" is a thumb and a skin tone: replacing the thumb alone would leave the tone.
        let text = "ok 👍🏽 cafe\u{301} go";
        let thumb = text.find('👍').unwrap();
        let e = text.find("e\u{301}").unwrap();
        let given = fixes(&[(thumb..thumb + 4, "👎"), (e - 3..e + 1, "kafe")]);
        let done = finish(text, given.clone());
        assert_eq!(done, fixes(&[(thumb..thumb + 8, "👎🏽"), (e - 3..e + 3, "kafe\u{301}")]));
        assert_eq!(apply(text, &done), apply(text, &given));
    }

    #[test]
    fn no_op_overlapping_and_out_of_order_suggestions_are_sorted_out() {
        let text = "one two three four";
        let given = fixes(&[(8..13, "3"), (0..3, "one"), (4..13, "2 3"), (4..7, "2"), (14..18, "4")]);
        assert_eq!(finish(text, given), fixes(&[(4..13, "2 3"), (14..18, "4")]));
    }

    #[test]
    fn a_replacement_that_writes_an_undecodable_character_is_dropped() {
        let text = "wait… then � stays";
        let dots = text.find('…').unwrap();
        let bad = text.find('�').unwrap();
        let given = fixes(&[(dots..dots + 3, " 180\u{FFFD}"), (bad..bad + 3, "\u{FFFD}!")]);
        assert_eq!(finish(text, given), fixes(&[(bad..bad + 3, "\u{FFFD}!")]), "only where the text had one");
    }

    #[cfg(not(debug_assertions))]
    #[test]
    fn a_range_off_the_text_is_dropped() {
        let text = "é";
        assert!(finish(text, fixes(&[(1..2, "x"), (0..9, "x"), (2..1, "x")])).is_empty());
    }
}
