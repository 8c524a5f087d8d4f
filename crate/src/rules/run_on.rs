//! Two sentences joined by a comma ("Manchester United, they are brilliant"): the model ends
//! the first with a full stop and capitalises the next word, and the aligner gives those as
//! two edits, each usually wrong alone (a punctuation swap; a capital mid-sentence), so
//! both were held back. Together they are one fix, offered as one edit.

use crate::text::align::Edit;
use crate::text::capitals::capitalised;

/// Whether an edit's words are a comma made a full stop and the next word given its capital:
/// `[",", "they"]` -> `[".", "They"]`.
pub fn is_run_on(removed: &[String], added: &[String]) -> bool {
    match (removed, added) {
        ([comma, word], [stop, capital]) => {
            comma == "," && stop == "." && word.chars().next().is_some_and(char::is_lowercase) && *capital == capitalised(word)
        }
        _ => false,
    }
}

/// `edits` (in order) with each comma-to-full-stop edit and the capital that follows it, only
/// spaces between, made one edit.
pub fn join_run_ons(unit: &str, edits: Vec<Edit>) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        // Only edits with nothing but spaces between them are candidates.
        if let Some(prev) = out.last_mut().filter(|p| p.range.end <= e.range.start) {
            let between = &unit[prev.range.end..e.range.start];
            if between.chars().all(char::is_whitespace) {
                let removed = [prev.removed.as_slice(), &e.removed].concat();
                let added = [prev.added.as_slice(), &e.added].concat();
                if is_run_on(&removed, &added) {
                    prev.replacement = format!("{}{between}{}", prev.replacement, e.replacement);
                    prev.range.end = e.range.end;
                    prev.target.end = e.target.end;
                    prev.removed = removed;
                    prev.added = added;
                    continue;
                }
            }
        }
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::align::align;

    fn joined(src: &str, tgt: &str) -> Vec<(String, String)> {
        join_run_ons(src, align(src, tgt)).into_iter().map(|e| (src[e.range].to_string(), e.replacement)).collect()
    }

    #[test]
    fn a_comma_made_a_stop_and_the_capital_after_it_are_one_edit() {
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert_eq!(joined("I love United, they are brilliant.", "I love United. They are brilliant."), pair(", they", ". They"));
        assert_eq!(joined("Ça va,  él es.", "Ça va.  Él es."), pair(",  él", ".  Él"), "spaces kept, any script");
    }

    #[test]
    fn other_pairs_of_edits_stay_apart() {
        // A stop with no capital, a capital with no stop, a semicolon, a name already capitalised.
        for (src, tgt) in [
            ("I love United, they are brilliant.", "I love United. they are brilliant."),
            ("I love United, they are brilliant.", "I love United, They are brilliant."),
            ("I love United, they are brilliant.", "I love United; They are brilliant."),
            ("I met Anna, Tom came later.", "I met Anna. Tom came later."),
        ] {
            let edits = align(src, tgt);
            assert_eq!(join_run_ons(src, edits.clone()).len(), edits.len(), "{tgt}");
        }
    }
}
