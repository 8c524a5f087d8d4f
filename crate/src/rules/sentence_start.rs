//! A sentence written in lower case gets its capital (on the whole text, after every other
//! edit: which word starts a sentence is the text's, not a unit's). Where an edit already
//! replaces the first word (a typo fixed), its replacement takes the capital; where none
//! touches it, a word the dictionary knows gets an edit of its own.

use std::ops::Range;

use crate::lexicon::Lexicon;
use crate::policy::category::Category;
use crate::policy::SentenceEdit;
use crate::text::align::touches;
use crate::text::capitals::{capitalised, lowercase_starts};

/// Sentences written in lower case get their capital (`capitals`): where an edit already
/// replaces the first word (a typo fixed), its replacement starts with the capital; where
/// none touches it, a word the speller knows gets an edit of its own.
pub(crate) fn capitalise_starts(text: &str, sentences: &[Range<usize>], out: &mut Vec<(Range<usize>, SentenceEdit)>, lexicon: Option<&dyn Lexicon>) {
    let mut added = false;
    for word in sentences.iter().flat_map(|s| lowercase_starts(text, s.clone())) {
        let mut touching = out.iter_mut().filter(|(r, _)| touches(r, &word));
        match (touching.next(), touching.next()) {
            (Some((r, e)), None) if r.start == word.start && e.replacement.starts_with(|c: char| c.is_lowercase()) => {
                e.replacement = capitalised(&e.replacement);
            }
            (None, _) if lexicon.is_none_or(|lx| lx.knows(&text[word.clone()])) => {
                let edit = SentenceEdit {
                    range: word.clone(),
                    replacement: capitalised(&text[word.clone()]),
                    category: Category::Capitalization,
                    message: "Capitalization: a sentence starts with a capital letter.".to_string(),
                    held_back: None,
                    margin: None,
                    bigram_gain: None,
                };
                out.push((word, edit));
                added = true;
            }
            _ => {}
        }
    }
    if added {
        out.sort_by_key(|(r, _)| r.start);
    }
}
