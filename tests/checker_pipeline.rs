//! The text pipeline (sentences, chunking, non-prose, cache, alignment, UTF-16 offsets) with
//! a deterministic rule-based corrector in place of the model, natively and in browsers.

use std::cell::Cell;
use std::rc::Rc;

use emend::{Checker, Correction, Corrector, DecodeStats, DecoderKind, Result, Suggestion};

#[path = "fuzz/hostile.rs"]
mod hostile;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Fixes a few known errors by plain substitution and counts the units it was asked about.
struct Rules {
    calls: Rc<Cell<usize>>,
}

/// Fixed after `hostile::KNOWN_FIXES`.
const RULES: &[(&str, &str)] = &[
    // Only where an accent written apart splits "résumé" into "re", "sume": as the speller did.
    ("sume", "some"),
];

impl Corrector for Rules {
    fn correct_units(&self, units: &[&str], _: DecoderKind, _: usize) -> Result<(Vec<Correction>, DecodeStats)> {
        self.calls.set(self.calls.get() + units.len());
        let out = units
            .iter()
            .map(|u| Correction::plain(hostile::substitute(u, RULES)))
            .collect();
        Ok((out, DecodeStats::default()))
    }
    fn fits(&self, unit: &str) -> bool {
        unit.split_whitespace().count() <= 40
    }
}

fn checker() -> (Checker, Rc<Cell<usize>>) {
    let calls = Rc::new(Cell::new(0));
    (Checker::new(Rules { calls: calls.clone() }), calls)
}

fn js_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("offsets fall on character boundaries")
}

/// Each suggestion's original and replacement, once its UTF-16 offsets are checked to pick
/// out that original in `text`.
fn fixes_at_their_offsets(text: &str, suggestions: &[Suggestion]) -> Vec<(String, String)> {
    for s in suggestions {
        assert_eq!(js_slice(text, s.start, s.end), s.original, "{s:?}");
    }
    suggestions.iter().map(|s| (s.original.clone(), s.replacement.clone())).collect()
}

#[test]
fn offsets_are_utf16_with_emoji_cjk_and_rtl() {
    let (mut c, _) = checker();
    let text = "😀👍🏽 東京は大きい. I have a apple 🍎. שלום, She go to school. مرحبا We was here.";
    let r = c.check(text).unwrap();
    let got = fixes_at_their_offsets(text, &r.suggestions);
    assert_eq!(
        got,
        [("a".into(), "an".into()), ("go".into(), "goes".into()), ("was".into(), "were".into())],
        "{:?}",
        r.suggestions
    );
    assert_eq!(r.suggestions[0].category, emend::Category::Determiner);
}

#[test]
fn correct_text_applies_fixes_and_keeps_everything_else() {
    let (mut c, _) = checker();
    let text = "  She go to school.\n\n\tI have a apple  😀 and buyed teh pear!  ";
    assert_eq!(c.correct_text(text).unwrap(), "  She goes to school.\n\n\tI have an apple  😀 and bought the pear!  ");
}

#[test]
fn empty_whitespace_and_non_prose_are_not_sent_to_the_model() {
    let (mut c, calls) = checker();
    for text in ["", "   \n\t ", "https://example.com/a_b?c=d", "let x_y = foo(bar);", "12 34 56"] {
        let r = c.check(text).unwrap();
        assert!(r.suggestions.is_empty(), "{text:?}");
    }
    assert_eq!(calls.get(), 0);
}

#[test]
fn protected_words_are_never_edited() {
    let (mut c, _) = checker();
    // The rules would change "teh" inside the URL; the checker must not offer that.
    let text = "Read https://example.com/teh_docs and teh notes.";
    let r = c.check(text).unwrap();
    assert_eq!(r.suggestions.len(), 1, "{:?}", r.suggestions);
    assert_eq!(js_slice(text, r.suggestions[0].start, r.suggestions[0].end), "teh");
    assert!(r.suggestions[0].start > text.find("notes").unwrap() - 5);
}

#[test]
fn huge_input_is_chunked_not_dropped() {
    let (mut c, _) = checker();
    let text = "and she go to teh school ".repeat(600); // 3,600 words, no full stop
    let r = c.check(&text).unwrap();
    assert!(r.stats.sentences > 50, "{:?}", r.stats);
    assert_eq!(r.suggestions.len(), 600, "every chunk is checked");
    for s in &r.suggestions {
        assert_eq!(js_slice(&text, s.start, s.end), "teh");
    }
}

#[test]
fn cache_rechecks_only_the_changed_sentence() {
    let (mut c, calls) = checker();
    c.check("I like tea. She go to school. We was happy.").unwrap();
    assert_eq!(calls.get(), 3);
    let r = c.check("I like coffee. She go to school. We was happy.").unwrap();
    assert_eq!((r.stats.sentences, r.stats.cached), (3, 2));
    assert_eq!(calls.get(), 4, "only the edited sentence went to the model");
    assert_eq!(r.suggestions.len(), 2);
}

#[test]
fn wholesale_rewrites_are_not_offered() {
    struct Rewriter;
    impl Corrector for Rewriter {
        fn correct_units(&self, units: &[&str], _: DecoderKind, _: usize) -> Result<(Vec<Correction>, DecodeStats)> {
            Ok((units.iter().map(|_| Correction::plain(", , , , , , , ,")).collect(), DecodeStats::default()))
        }
        fn fits(&self, _: &str) -> bool {
            true
        }
    }
    let mut c = Checker::new(Rewriter);
    assert!(c.check("She goes to school every day with her friends.").unwrap().suggestions.is_empty());
}

/// Fixes only the first of its rules that applies: a model that sees one error at a time;
/// asks for a second look if its flag is set.
struct OneAtATime(bool);

impl Corrector for OneAtATime {
    fn correct_units(&self, units: &[&str], _: DecoderKind, _: usize) -> Result<(Vec<Correction>, DecodeStats)> {
        const STEPS: &[(&str, &str)] = &[("She go ", "She goes "), ("goes to", "went to"), ("buyed", "bought"), ("teh", "the")];
        let fix = |u: &&str| match STEPS.iter().find(|(from, _)| u.contains(from)) {
            Some((from, to)) => u.replacen(from, to, 1),
            None => u.to_string(),
        };
        Ok((units.iter().map(|u| Correction::plain(fix(u))).collect(), DecodeStats::default()))
    }
    fn fits(&self, _: &str) -> bool {
        true
    }
    fn second_look(&self) -> bool {
        self.0
    }
}

#[test]
fn a_second_look_finds_the_error_the_first_fix_uncovered() {
    let text = "😀 She go and buyed teh pear. 東京 She go to school.";
    let one_look = Checker::new(OneAtATime(false)).check(text).unwrap().suggestions;
    assert_eq!(one_look.len(), 2, "{one_look:?}");
    let mut c = Checker::new(OneAtATime(true));
    let r = c.check(text).unwrap();
    let got = fixes_at_their_offsets(text, &r.suggestions);
    // First sentence: "go" then "buyed"; one more look would find "teh" (two looks, not a loop).
    // Second: the second look rewrites what the first wrote ("goes" -> "went"): dropped, not merged.
    assert_eq!(got, [("go".into(), "goes".into()), ("buyed".into(), "bought".into()), ("go".into(), "goes".into())], "{:?}", r.suggestions);
    assert_eq!(c.correct_text(text).unwrap(), "😀 She goes and bought teh pear. 東京 She goes to school.");
}

#[test]
fn a_sentence_in_lower_case_gets_its_capital() {
    let (mut c, _) = checker();
    let text = "😀 I went home. actually it was fine!\nteh cat sat. and then we left.\nsee you\nok. x-ray it.";
    let r = c.check(text).unwrap();
    let got = fixes_at_their_offsets(text, &r.suggestions);
    // A fix of the first word starts with the capital; "and" after a full stop starts a
    // sentence too; a line that ends without a stop ("see you") and a word of code ("x-ray") stay.
    let want = [("actually".into(), "Actually".into()), ("teh".into(), "The".into()), ("and".into(), "And".into())];
    assert_eq!(got, want, "{:?}", r.suggestions);
    let wrapped = "I went to the shop\nactually at noon.";
    assert!(c.check(wrapped).unwrap().suggestions.is_empty(), "a line wrapped mid-sentence");
    assert_eq!(c.correct_text("teh end. actually, no.").unwrap(), "The end. Actually, no.");
}

#[test]
fn decomposed_accents_are_read_as_letters_of_their_word() {
    let (mut c, _) = checker();
    // "re\u{301}sume\u{301}": "résumé" written as letters and combining accents (NFD).
    let text = "Her re\u{301}sume\u{301} was long.";
    assert!(c.check(text).unwrap().suggestions.is_empty(), "{:?}", c.check(text).unwrap().suggestions);
    assert_eq!(c.correct_text(text).unwrap(), text);
    // A fix after the decomposed word still slices the user's text exactly.
    let text = "😀 Her re\u{301}sume\u{301} and cafe\u{301} had teh a apple.";
    let r = c.check(text).unwrap();
    let got = fixes_at_their_offsets(text, &r.suggestions);
    assert_eq!(got, [("teh".into(), "the".into()), ("a".into(), "an".into())], "{:?}", r.suggestions);
    assert_eq!(c.correct_text(text).unwrap(), "😀 Her re\u{301}sume\u{301} and cafe\u{301} had the an apple.");
}

#[test]
fn hostile_text_gets_sound_suggestions_cached_or_not() {
    let (mut cached, _) = checker();
    let (mut fresh, _) = checker();
    let seeds = hostile::seeds();
    assert!(seeds.len() > 40 && seeds.contains(&String::new()));
    for text in &seeds {
        hostile::sound_and_stable(text, &mut cached, &mut fresh).unwrap();
    }
}

/// Writes the same text for every unit: a model that has lost its way.
struct Fixed(&'static str);

impl Corrector for Fixed {
    fn correct_units(&self, units: &[&str], _: DecoderKind, _: usize) -> Result<(Vec<Correction>, DecodeStats)> {
        Ok((units.iter().map(|_| Correction::plain(self.0)).collect(), DecodeStats::default()))
    }
    fn fits(&self, _: &str) -> bool {
        true
    }
}

#[test]
fn a_deletion_the_diff_misplaces_does_not_panic() {
    // The diff placed the deletion of the first "xx" after the target's first "." (similar
    // #78); merged with its neighbour, the aligner's word range ran backwards and panicked.
    let mut c = Checker::new(Fixed(". . . ."));
    let text = "xx . xx . yy .";
    let r = c.check(text).unwrap();
    // The rewrite is not offered; the sentence's capital is.
    assert!(r.suggestions.iter().all(|s| s.category == emend::Category::Capitalization), "{:?}", r.suggestions);
    assert_eq!(r.stats.sentences, 1, "one unit, aligned");
}
