//! Split text into the units the model corrects: sentences, with long ones chunked,
//! and non-prose (code, URLs, tables of numbers) left alone.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the sentences in `text`, trimmed of surrounding whitespace. Unicode's
/// sentence bounds end a sentence at any full stop before a capital, so a title, an
/// abbreviation or an initial ("Dear Mr. Smith", "J. R. R. Tolkien") is joined to what follows:
/// cut there, a name reads as the first word of a sentence and the speller "fixes" it
/// ("Mr. Sachin" -> "Mr. Saccharin" on W&I dev).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (start, s) in text.split_sentence_bound_indices() {
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let range = start + lead..start + lead + trimmed.len();
        match out.last_mut() {
            Some(last) if ends_with_abbreviation(&text[last.clone()]) && !text[last.end..range.start].contains(['\n', '\r']) => {
                last.end = range.end
            }
            _ => out.push(range),
        }
    }
    out
}

/// Titles and abbreviations that rarely end a sentence but often stand before a capital
/// ("etc.", "Inc.", "no." end sentences as often as not: not listed).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "messrs", "rev", "gen", "col", "capt", "lt", "sgt", "gov", "sen", "rep",
    "hon", "fr", "vs", "e.g", "i.e", "fig", "figs", "approx", "dept",
];

/// Whether a sentence ends with a title, a known abbreviation or a single initial ("J.").
pub fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(stem) = sentence.strip_suffix('.') else { return false };
    let last = stem.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// Split `range` of `text` at whitespace until every piece satisfies `fits` (or is one word).
pub fn chunk(text: &str, range: Range<usize>, fits: &mut dyn FnMut(&str) -> bool) -> Vec<Range<usize>> {
    let piece = &text[range.clone()];
    if fits(piece) {
        return vec![range];
    }
    // Cut at the whitespace nearest the middle, preferring one after punctuation.
    let mid = piece.len() / 2;
    let cuts: Vec<usize> = piece.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i).collect();
    let best = cuts.iter().copied().min_by_key(|&i| {
        let after_punct = piece[..i].ends_with([',', ';', ':', ')']);
        (i.abs_diff(mid) as f64 * if after_punct { 0.5 } else { 1.0 }) as usize
    });
    let Some(cut) = best else { return vec![range] };
    let left = piece[..cut].trim_end().len();
    let right_start = cut + (piece[cut..].len() - piece[cut..].trim_start().len());
    if left == 0 || right_start >= piece.len() {
        return vec![range];
    }
    let mut out = chunk(text, range.start..range.start + left, fits);
    out.extend(chunk(text, range.start + right_start..range.end, fits));
    out
}

/// A word that must not be "corrected": links, addresses, identifiers, code.
pub fn is_protected_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.contains('@') && lower.contains('.') {
        return true;
    }
    if w.contains(['_', '{', '}', '<', '>', '=', '\\', '|', '`', '#', '$', '%', '^', '~', '*']) {
        return true;
    }
    let inner = w.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
    // file.ext, a.b.c, foo(), camelCase
    if inner.contains("()") || inner.contains('/') && !inner.contains(' ') && inner.len() > 3 {
        return true;
    }
    if let Some(dot) = inner.find('.') {
        if dot > 0 && dot + 1 < inner.len() && inner[dot + 1..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
            return true;
        }
    }
    let mut prev_lower = false;
    for c in inner.chars() {
        if c.is_uppercase() && prev_lower {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// Byte ranges (relative to `sentence`) of protected words.
pub fn protected_spans(sentence: &str) -> Vec<Range<usize>> {
    sentence
        .split_whitespace()
        .filter(|w| is_protected_word(w))
        .map(|w| {
            let start = w.as_ptr() as usize - sentence.as_ptr() as usize;
            start..start + w.len()
        })
        .collect()
}

/// Is this sentence prose worth sending to the model?
pub fn is_prose(sentence: &str) -> bool {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let wordy = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).count();
    let protected = words.iter().filter(|w| is_protected_word(w)).count();
    let has_lower = sentence.chars().any(|c| c.is_lowercase());
    wordy >= 2 && has_lower && protected * 2 < words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_trimmed_byte_ranges() {
        let text = "  Hello there. How are you?\nFine 😀 thanks.  ";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Hello there.", "How are you?", "Fine 😀 thanks."]);
    }

    #[test]
    fn titles_abbreviations_and_initials_do_not_end_a_sentence() {
        let text = "Dear Mr. Smith, I met Dr. Jones and J. R. R. Tolkien. Apples, pears etc. Then we left.\nMr.\nLee";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Dear Mr. Smith, I met Dr. Jones and J. R. R. Tolkien.", "Apples, pears etc.", "Then we left.", "Mr.", "Lee"]);
    }

    #[test]
    fn chunking_splits_at_whitespace_and_covers_everything() {
        let text = "word ".repeat(100);
        let text = text.trim_end();
        let pieces = chunk(text, 0..text.len(), &mut |p: &str| p.len() <= 50);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|r| r.len() <= 50));
        let rejoined: Vec<&str> = pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(rejoined.join(" "), text);
    }

    #[test]
    fn code_and_links_are_not_prose() {
        assert!(is_prose("She go to school every day."));
        assert!(!is_prose("https://example.com/x?a=b"));
        assert!(!is_prose("let total_count = items.len();"));
        assert!(!is_prose("42 17 9"));
        let s = "See https://example.com/a_b for details.";
        let spans: Vec<&str> = protected_spans(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(spans, ["https://example.com/a_b"]);
    }
}
