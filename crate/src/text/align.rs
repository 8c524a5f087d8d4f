//! Word-level alignment of a sentence with its correction, as replace-edits on the source.
//!
//! Insertions and deletions are anchored on a neighbouring word so that every edit covers
//! visible text ("go school" -> "go to school" becomes "school" -> "to school") and applying
//! it never leaves doubled or missing spaces. Whitespace outside an edit is never touched.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Words (letters/digits with inner apostrophes) and single non-space symbols, as byte ranges.
pub fn word_spans(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(i..i + c.len_utf8());
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            let inner_apostrophe = (d == '\'' || d == '’')
                && s[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
            if d.is_alphanumeric() || inner_apostrophe {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        out.push(i..end);
    }
    out
}

/// One change: replace `source[range]` by `replacement`; the words are what was compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
    /// Where the replacement stands in the target.
    pub target: Range<usize>,
    /// Changed words only (the anchor word of an insertion/deletion is not included).
    pub removed: Vec<String>,
    pub added: Vec<String>,
}

struct Group {
    src: Range<usize>,
    tgt: Range<usize>,
    core_src: Range<usize>,
    core_tgt: Range<usize>,
}

pub fn align(source: &str, target: &str) -> Vec<Edit> {
    let a = word_spans(source);
    let b = word_spans(target);
    if a.is_empty() || b.is_empty() {
        return Vec::new(); // never suggest deleting a whole sentence
    }
    let aw: Vec<&str> = a.iter().map(|r| &source[r.clone()]).collect();
    let bw: Vec<&str> = b.iter().map(|r| &target[r.clone()]).collect();
    let mut groups: Vec<Group> = Vec::new();
    // Each op's place is counted from the lengths of the ops before it: similar's Myers
    // gives some deletions a wrong `new_index` (mitsuhiko/similar#78), which made ranges
    // run backwards once merged.
    let (mut i, mut j) = (0, 0);
    for op in capture_diff_slices(Algorithm::Myers, &aw, &bw) {
        let (src, tgt) = (i..i + op.old_range().len(), j..j + op.new_range().len());
        (i, j) = (src.end, tgt.end);
        if let DiffOp::Equal { .. } = op {
            continue;
        }
        // Consecutive changes with nothing equal between them are one edit.
        if let Some(last) = groups.last_mut() {
            if last.src.end == src.start && last.tgt.end == tgt.start {
                last.src.end = src.end;
                last.tgt.end = tgt.end;
                last.core_src.end = src.end;
                last.core_tgt.end = tgt.end;
                continue;
            }
        }
        groups.push(Group { core_src: src.clone(), core_tgt: tgt.clone(), src, tgt });
    }
    // Neighbouring word swaps ("buyed a" -> "bought an") are separate fixes, each with its own
    // reason and its own click; a reordering of the same words ("you are" -> "are you") is one.
    let mut groups: Vec<Group> = groups
        .into_iter()
        .flat_map(|g| {
            let n = g.src.len();
            let mut sorted_src: Vec<&str> = aw[g.src.clone()].to_vec();
            let mut sorted_tgt: Vec<&str> = bw[g.tgt.clone()].to_vec();
            sorted_src.sort_unstable();
            sorted_tgt.sort_unstable();
            // Not where a word reads as one at another place ("such situaction" -> "situation
            // ,": a word left out, not two swaps).
            let similarity = |x: &str, y: &str| strsim::normalized_levenshtein(&x.to_lowercase(), &y.to_lowercase());
            let shifted = || {
                (0..n).any(|k| {
                    let word = aw[g.src.start + k];
                    let own = similarity(word, bw[g.tgt.start + k]);
                    (0..n).any(|j| j != k && similarity(word, bw[g.tgt.start + j]) > own.max(0.5))
                })
            };
            if n > 1 && n == g.tgt.len() && sorted_src != sorted_tgt && !shifted() {
                (0..n)
                    .filter(|&k| aw[g.src.start + k] != bw[g.tgt.start + k])
                    .map(|k| {
                        let (s, t) = (g.src.start + k..g.src.start + k + 1, g.tgt.start + k..g.tgt.start + k + 1);
                        Group { core_src: s.clone(), core_tgt: t.clone(), src: s, tgt: t }
                    })
                    .collect()
            } else {
                vec![g]
            }
        })
        .collect();
    for g in &mut groups {
        if !g.src.is_empty() && !g.tgt.is_empty() {
            continue;
        }
        let left_ok = g.src.start > 0 && g.tgt.start > 0;
        let right_ok = g.src.end < a.len() && g.tgt.end < b.len();
        let prefer_left = if g.src.is_empty() {
            // Inserted punctuation written against the previous word anchors on that word.
            left_ok && (!right_ok || b[g.tgt.start - 1].end == b[g.tgt.start].start)
        } else {
            left_ok
        };
        if prefer_left {
            g.src.start -= 1;
            g.tgt.start -= 1;
        } else if right_ok {
            g.src.end += 1;
            g.tgt.end += 1;
        }
    }
    // Anchoring can make neighbours overlap: merge them.
    let mut merged: Vec<Group> = Vec::new();
    for g in groups {
        match merged.last_mut() {
            Some(last) if g.src.start < last.src.end || g.tgt.start < last.tgt.end => {
                // Each range covers both: an anchor can reach back past the last one's core.
                last.src = cover(&last.src, &g.src);
                last.tgt = cover(&last.tgt, &g.tgt);
                last.core_src = cover(&last.core_src, &g.core_src);
                last.core_tgt = cover(&last.core_tgt, &g.core_tgt);
            }
            _ => merged.push(g),
        }
    }
    merged
        .into_iter()
        .filter(|g| !g.src.is_empty() && !g.tgt.is_empty())
        .map(|g| {
            // An edit that starts (ends) at a token written against its neighbour (", olde")
            // but whose replacement stands apart from it ("older") brings the target's space
            // along, or the two words would run together ("although, olde" -> "althougholder").
            let glued = |s: &[Range<usize>], i: usize| s[i - 1].end == s[i].start;
            let mut target_range = b[g.tgt.start].start..b[g.tgt.end - 1].end;
            if g.src.start > 0 && g.tgt.start > 0 && glued(&a, g.src.start) && !glued(&b, g.tgt.start) {
                target_range.start = b[g.tgt.start - 1].end;
            }
            if g.src.end < a.len() && g.tgt.end < b.len() && glued(&a, g.src.end) && !glued(&b, g.tgt.end) {
                target_range.end = b[g.tgt.end].start;
            }
            Edit {
                range: a[g.src.start].start..a[g.src.end - 1].end,
                replacement: target[target_range.clone()].to_string(),
                target: target_range,
                removed: aw[g.core_src].iter().map(|s| s.to_string()).collect(),
                added: bw[g.core_tgt].iter().map(|s| s.to_string()).collect(),
            }
        })
        .filter(|e| source[e.range.clone()] != e.replacement)
        .collect()
}

/// The smallest range holding both (an empty one still counts by its position).
fn cover(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

/// The words (`word_spans`) right before and right after `range` in `text`, if any.
pub fn words_around(text: &str, range: Range<usize>) -> (Option<&str>, Option<&str>) {
    let before = word_spans(&text[..range.start]).pop().map(|r| &text[r]);
    let rest = &text[range.end..];
    let after = word_spans(rest).first().map(|r| &rest[r.clone()]);
    (before, after)
}

/// Whether two ranges overlap or meet (an empty range at either end counts).
pub fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Apply non-overlapping edits (sorted by position) to `source`.
pub fn apply<S: AsRef<str>>(source: &str, edits: &[(Range<usize>, S)]) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue; // overlapping: keep the first
        }
        out.push_str(&source[at..range.start]);
        out.push_str(replacement.as_ref());
        at = range.end;
    }
    out.push_str(&source[at..]);
    out
}

/// Where `range` of `apply(source, edits)` lies in `source`; `None` where it overlaps or
/// touches text an edit wrote (there the two texts do not correspond).
pub fn source_range<S: AsRef<str>>(edits: &[(Range<usize>, S)], range: &Range<usize>) -> Option<Range<usize>> {
    let mut shift = 0isize; // output offset minus source offset, before the next edit
    for (r, replacement) in edits {
        let len = replacement.as_ref().len();
        let written = r.start.checked_add_signed(shift)?..(r.start.checked_add_signed(shift)? + len);
        if range.end < written.start {
            break;
        }
        if touches(range, &written) {
            return None;
        }
        shift += len as isize - r.len() as isize;
    }
    Some(range.start.checked_add_signed(-shift)?..range.end.checked_add_signed(-shift)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(src: &str, tgt: &str) -> Vec<(String, String)> {
        align(src, tgt).into_iter().map(|e| (src[e.range].to_string(), e.replacement)).collect()
    }

    fn roundtrip(src: &str, tgt: &str) -> String {
        let edits = align(src, tgt);
        apply(src, &edits.iter().map(|e| (e.range.clone(), e.replacement.as_str())).collect::<Vec<_>>())
    }

    #[test]
    fn replacements_insertions_deletions() {
        assert_eq!(fix("She go to school.", "She goes to school."), [("go".into(), "goes".into())]);
        assert_eq!(fix("I go school.", "I go to school."), [("school".into(), "to school".into())]);
        assert_eq!(fix("for three three years", "for three years"), [("three three".into(), "three".into())]);
        assert_eq!(fix("However I agree", "However, I agree"), [("However".into(), "However,".into())]);
        assert_eq!(fix("I like it", "I like it."), [("it".into(), "it.".into())]);
    }

    #[test]
    fn neighbouring_word_fixes_are_separate_but_a_reordering_is_one() {
        let pairs = |v: Vec<(String, String)>| v.into_iter().map(|(a, b)| format!("{a}>{b}")).collect::<Vec<_>>();
        assert_eq!(
            pairs(fix("She go to school yesterday and buyed a apple.", "She went to school yesterday and bought an apple.")),
            ["go>went", "buyed>bought", "a>an"]
        );
        assert_eq!(pairs(fix("Why you are here?", "Why are you here?")), ["you are>are you"]);
        // A word left out and one put in beside it is one edit, not two swaps ("such" ->
        // "situation" would be no fix at all).
        assert_eq!(pairs(fix("In a such situaction there is", "In a situation, there is")), ["such situaction>situation,"]);
    }

    #[test]
    fn applying_all_edits_gives_the_target_and_keeps_odd_whitespace() {
        for (src, tgt) in [
            ("She go to school yesterday and buyed a apple.", "She went to school yesterday and bought an apple."),
            ("I like apple", "I like an apple."),
            ("the the cat", "The cat"),
            ("a b c d", "d c b a"),
            // A token glued to its neighbour replaced by one that stands apart.
            ("experience although, olde have it.", "experience, although older have it."),
            ("He said:hello there", "He said hello there"),
            ("It is good ,olde man", "It is good older man"),
        ] {
            assert_eq!(roundtrip(src, tgt), tgt, "{src} -> {tgt}");
        }
        // Whitespace the model did not touch stays as the user typed it.
        assert_eq!(roundtrip("She  go\u{a0}to\tschool .", "She goes to school ."), "She  goes\u{a0}to\tschool .");
    }

    #[test]
    fn identical_or_empty_gives_nothing() {
        assert!(align("Fine text.", "Fine text.").is_empty());
        assert!(align("Fine  text.", "Fine text.").is_empty());
        assert!(align("Some text.", "").is_empty());
    }

    #[test]
    fn words_keep_inner_apostrophes_and_split_symbols() {
        let s = "don't stop—it’s 5.5 😀";
        let words: Vec<&str> = word_spans(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(words, ["don't", "stop", "—", "it’s", "5", ".", "5", "😀"]);
    }

    #[test]
    fn a_range_of_the_fixed_text_maps_back_unless_it_touches_a_fix() {
        let source = "I has a apple 🍎 and teh pear.";
        let fixes = [(2..5, "have"), (6..7, "an")];
        let fixed = apply(source, &fixes);
        assert_eq!(fixed, "I have an apple 🍎 and teh pear.");
        let teh = fixed.find("teh").unwrap()..fixed.find("teh").unwrap() + 3;
        assert_eq!(source_range(&fixes, &teh).map(|r| &source[r]), Some("teh"));
        assert_eq!(source_range(&fixes, &(0..1)).map(|r| &source[r]), Some("I"), "before every fix");
        let apple = fixed.find("apple").unwrap();
        assert_eq!(source_range(&fixes, &(apple..apple + 5)).map(|r| &source[r]), Some("apple"));
        assert_eq!(source_range(&fixes, &(3..5)), None, "inside a fix");
        assert_eq!(source_range(&fixes, &(apple - 1..apple)), None, "touching a fix");
        assert_eq!(source_range(&fixes, &(6..6)), None, "an insertion where a fix ends");
    }

    #[test]
    fn deletions_beside_kept_words_keep_every_range_ordered() {
        // Deletions side by side with kept words: the diff placed one deletion in the
        // target wrongly, and merged with its neighbour its words ran backwards ("slice
        // index starts at 4 but ends at 3"; on word salad, at 31 but ends at 30).
        assert_eq!(roundtrip("a . a . b .", ". . . ."), ". . . .");
        // The same misplaced deletion took the target's next word as its replacement.
        assert_eq!(roundtrip("the a . the the", "the . cat . cat"), "the . cat . cat");
    }
}

/// Random word sequences from a small vocabulary: adjacent swaps, insertions and deletions.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    const VOCAB: &[&str] = &["the", "a", "cat", "sat", "on", "mat", ",", ".", "it", "is", "don't", "is"];

    fn words() -> impl Strategy<Value = Vec<&'static str>> {
        prop::collection::vec(prop::sample::select(VOCAB), 0..45)
    }

    /// A source and a target that shares most of it: the target is the source with random
    /// words replaced, dropped, inserted and swapped.
    fn pair() -> impl Strategy<Value = (Vec<&'static str>, Vec<&'static str>)> {
        (words(), prop::collection::vec((0usize..5, prop::sample::select(VOCAB)), 0..45)).prop_map(|(src, ops)| {
            let mut tgt = Vec::new();
            for (k, w) in src.iter().enumerate() {
                match ops.get(k).map(|(op, v)| (*op, *v)) {
                    Some((0, v)) => tgt.push(v),
                    Some((1, _)) => {}
                    Some((2, v)) => tgt.extend([v, *w]),
                    Some((3, _)) if !tgt.is_empty() => {
                        let last = tgt.pop().unwrap();
                        tgt.extend([*w, last]);
                    }
                    _ => tgt.push(*w),
                }
            }
            (src, tgt)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn edits_are_valid_ranges_and_give_the_target_words((src, tgt) in pair(), glue in any::<bool>()) {
            // Words apart or, for punctuation, written against the word before.
            let join = |w: &[&str]| w.iter().enumerate().fold(String::new(), |mut s, (i, x)| {
                if i > 0 && !(glue && matches!(*x, "," | ".")) {
                    s.push(' ');
                }
                s.push_str(x);
                s
            });
            let (source, target) = (join(&src), join(&tgt));
            let edits = align(&source, &target);
            let mut at = 0;
            for e in &edits {
                prop_assert!(at <= e.range.start && e.range.start < e.range.end && e.range.end <= source.len(), "{edits:?}");
                prop_assert!(source.is_char_boundary(e.range.start) && source.is_char_boundary(e.range.end));
                prop_assert!(e.target.start <= e.target.end && e.target.end <= target.len());
                prop_assert_eq!(&target[e.target.clone()], e.replacement.as_str());
                prop_assert!(e.removed.len() + e.added.len() > 0);
                at = e.range.end;
            }
            let fixes: Vec<_> = edits.iter().map(|e| (e.range.clone(), e.replacement.as_str())).collect();
            let fixed = apply(&source, &fixes);
            let words = |s: &str| word_spans(s).into_iter().map(|r| s[r].to_string()).collect::<Vec<_>>();
            // Only an empty side gives nothing (the whole sentence is never deleted).
            if !src.is_empty() && !tgt.is_empty() {
                prop_assert_eq!(words(&fixed), words(&target), "{:?}", edits);
            }
        }
    }
}
