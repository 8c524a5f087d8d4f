//! The checker reads text in Unicode's composed form (NFC) while every offset it returns
//! stays in the user's text. Decomposed text ("re\u{301}sume\u{301}": a letter, then its
//! accent) would otherwise read as the words "re" and "sume", and a fix of "sume" would drop
//! the accent. Text that is already NFC (nearly all of it) is read as it is.

use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

/// A text composed cluster by cluster, with where each cluster starts in both texts.
pub struct Composed {
    /// The text read: each extended grapheme cluster of the user's text, in NFC.
    pub text: String,
    /// (user's byte offset, composed byte offset) at each cluster boundary, both ascending,
    /// from (0, 0) to the two lengths.
    edges: Vec<(usize, usize)>,
}

/// The user's `text` composed, or `None` where it reads the same as it is.
pub fn compose(text: &str) -> Option<Composed> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut composed = String::with_capacity(text.len());
    let mut edges = Vec::new();
    for (at, cluster) in text.grapheme_indices(true) {
        edges.push((at, composed.len()));
        composed.extend(cluster.nfc());
    }
    edges.push((text.len(), composed.len()));
    (composed != text).then_some(Composed { text: composed, edges })
}

impl Composed {
    /// A suggestion on the composed text (`range`, on its character boundaries, and
    /// `replacement`) as one on the user's text: the range grown to the clusters it touches,
    /// the replacement by the composed text of those clusters either side. `None` where it
    /// leaves those clusters as they read (only their form would change).
    pub fn to_user(&self, range: Range<usize>, replacement: &str) -> Option<(Range<usize>, String)> {
        // The last edge at or before the start, the first at or after the end.
        let start = self.edges[self.edges.partition_point(|&(_, c)| c <= range.start) - 1];
        let end = self.edges[self.edges.partition_point(|&(_, c)| c < range.end).min(self.edges.len() - 1)];
        let widened = format!("{}{replacement}{}", &self.text[start.1..range.start], &self.text[range.end..end.1]);
        (widened != self.text[start.1..end.1]).then_some((start.0..end.0, widened))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_text_is_read_as_it_is() {
        assert!(compose("Her résumé was long. 👍🏽 東京").is_none());
        assert!(compose("").is_none());
    }

    #[test]
    fn decomposed_accents_are_composed_and_map_back_to_the_users_clusters() {
        let text = "Her re\u{301}sume\u{301} waz long.";
        let c = compose(text).expect("decomposed");
        assert_eq!(c.text, "Her résumé waz long.");
        // A fix after the accents lands on the same word of the user's text.
        let waz = c.text.find("waz").unwrap();
        let (range, fix) = c.to_user(waz..waz + 3, "was").unwrap();
        assert_eq!((&text[range], fix.as_str()), ("waz", "was"));
        // A fix of the composed word covers the user's decomposed word.
        let word = c.text.find("résumé").unwrap();
        let (range, fix) = c.to_user(word..word + "résumé".len(), "resume").unwrap();
        assert_eq!((&text[range], fix.as_str()), ("re\u{301}sume\u{301}", "resume"));
        // Writing the composed form of what the user wrote changes nothing the reader sees.
        assert_eq!(c.to_user(word..word + "résumé".len(), "résumé"), None);
    }

    #[test]
    fn an_empty_range_maps_to_its_cluster_edge() {
        let text = "a\u{301}b";
        let c = compose(text).unwrap();
        assert_eq!(c.to_user(2..2, "x"), Some((3..3, "x".to_string())));
        assert_eq!(c.to_user(3..3, "!"), Some((4..4, "!".to_string())));
    }
}
