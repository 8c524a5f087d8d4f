//! Signs that the model lost its way rather than fixed an error: a rewrite of most of a
//! sentence, a long edit, a doubled or stuttered word, a changed name, a word the dictionary
//! does not know. Such edits are dropped, not held back: no level offers them.

use crate::lexicon::Lexicon;
use crate::text::align::{align, word_spans, Edit};

/// A correction that changes more than this share of a sentence's words is a rewrite (or a
/// hallucination), not a fix a user can review word by word: it is not offered.
const MAX_CHANGED_SHARE: f64 = 0.6;

/// An edit touching more words than this is not a fix a user can check at a glance.
const MAX_EDIT_WORDS: usize = 5;

/// Signs of a small model losing its way rather than fixing an error: a long edit, a word
/// written twice in a row, a stuttered run ("PPPP", "lalala") or a changed proper noun.
pub(crate) fn looks_degenerate(unit: &str, e: &Edit) -> bool {
    if e.removed.len() > MAX_EDIT_WORDS || e.added.len() > MAX_EDIT_WORDS {
        return true;
    }
    let original = &unit[e.range.clone()];
    let doubled = |s: &str| doubled_words(s) > 0;
    // Look one word either side: an inserted word may double its neighbour.
    let before = unit[..e.range.start].split_whitespace().last().unwrap_or("");
    let after = unit[e.range.end..].split_whitespace().next().unwrap_or("");
    if doubled(&format!("{before} {} {after}", e.replacement)) && !doubled(&format!("{before} {original} {after}")) {
        return true;
    }
    if has_stutter(&e.replacement) && !has_stutter(original) {
        return true;
    }
    // A capitalised word inside the sentence is most likely a name: only its case may change.
    let mid_sentence_name = e.range.start > 0
        && e.removed.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1 && w != "I");
    mid_sentence_name && original.to_lowercase() != e.replacement.to_lowercase()
}

/// A letter 4 times, a 2-letter chunk 3 times or a 3-letter chunk twice, in a row.
fn has_stutter(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    let run = |n: usize, times: usize| {
        (0..c.len().saturating_sub(n * times - 1)).any(|i| {
            c[i..i + n].iter().all(|x| x.is_alphabetic()) && (1..times).all(|k| c[i..i + n] == c[i + k * n..i + (k + 1) * n])
        })
    };
    run(1, 4) || run(2, 3) || run(3, 2)
}

/// Whether `corrected` changes more than `MAX_CHANGED_SHARE` of the unit's words.
pub(crate) fn is_rewrite(unit: &str, corrected: &str) -> bool {
    changes_too_much(unit, &align(unit, corrected))
}

/// Whether `edits` (the unit's alignment) change more than `MAX_CHANGED_SHARE` of its words.
pub(crate) fn changes_too_much(unit: &str, edits: &[Edit]) -> bool {
    let changed: usize = edits.iter().map(|e| e.removed.len().max(e.added.len())).sum();
    changed > 3 && changed as f64 > MAX_CHANGED_SHARE * word_spans(unit).len() as f64
}

/// A word the edit writes that is neither in the dictionary nor anywhere in the unit: the
/// model garbling a word it should have kept ("Global" -> "Glosh"), never a fix.
pub(crate) fn writes_a_non_word(unit: &str, e: &Edit, lexicon: &dyn Lexicon) -> bool {
    e.added.iter().any(|w| {
        w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            && !lexicon.knows(w)
            && !word_spans(unit).into_iter().any(|r| unit[r].eq_ignore_ascii_case(w))
    })
}

/// How many words in `text` repeat the word before them ("the the"; not ". .").
pub(crate) fn doubled_words(text: &str) -> usize {
    let words: Vec<&str> = word_spans(text).into_iter().map(|r| &text[r]).collect();
    words.windows(2).filter(|w| w[0].chars().any(char::is_alphabetic) && w[0].eq_ignore_ascii_case(w[1])).count()
}

/// Whether `words` stand twice in a row in `unit` ("the the", "!!").
pub(crate) fn doubles(unit: &str, words: &[String]) -> bool {
    let (u, w) = (unit.to_lowercase(), words.join(" ").to_lowercase());
    u.contains(&format!("{w} {w}")) || u.contains(&format!("{w}{w}"))
}
