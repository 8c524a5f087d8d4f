//! The hostile seed corpus (`seeds.txt`) and the properties every check must keep, shared by
//! the fuzz harness (`crate/tests/fuzz_checker.rs`, native) and the pipeline test (native
//! and wasm). Rust strings hold no lone surrogates, so those (which JS strings can hold) are
//! not among the inputs: the JS side never passes one to the core as such.

use emend::{Checker, Suggestion};
use unicode_segmentation::GraphemeCursor;

/// Known errors the tests' rule correctors fix by plain substitution, in this order.
pub const KNOWN_FIXES: &[(&str, &str)] =
    &[("a apple", "an apple"), ("She go ", "She goes "), ("buyed", "bought"), ("We was", "We were"), ("teh", "the")];

/// `text` with each (from, to) of `known` then of `more` substituted, in order.
pub fn substitute(text: &str, more: &[(&str, &str)]) -> String {
    KNOWN_FIXES.iter().chain(more).fold(text.to_string(), |s, (from, to)| s.replace(from, to))
}

/// The seed cases, escapes decoded (see the head of `seeds.txt`).
pub fn seeds() -> Vec<String> {
    include_str!("seeds.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(unescape).collect()
}

/// `\n`, `\r`, `\t`, `\\`, `\z` (nothing) and `\u{HEX}` decoded; anything else as written.
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let esc = &rest[at + 1..];
        let (decoded, used) = match esc.chars().next() {
            Some('n') => ("\n".to_string(), 1),
            Some('r') => ("\r".to_string(), 1),
            Some('t') => ("\t".to_string(), 1),
            Some('\\') => ("\\".to_string(), 1),
            Some('z') => (String::new(), 1),
            Some('u') if esc[1..].starts_with('{') && esc.contains('}') => {
                let close = esc.find('}').unwrap();
                let c = u32::from_str_radix(&esc[2..close], 16).ok().and_then(char::from_u32);
                (c.expect("a \\u{...} escape names a scalar value").to_string(), close + 1)
            }
            _ => ("\\".to_string(), 0),
        };
        out.push_str(&decoded);
        rest = &esc[used..];
    }
    out.push_str(rest);
    out
}

/// Whether `byte` of `text` is an extended grapheme cluster boundary.
fn cluster_boundary(text: &str, byte: usize) -> bool {
    GraphemeCursor::new(byte, text.len(), true).is_boundary(text, 0).unwrap_or(false)
}

/// Every suggestion lies within `text` in UTF-16 code units, on the edges of what a reader
/// sees as one character, and slices out its `original` exactly; they are sorted and do not
/// overlap. The first broken property, described, as the error.
pub fn sound(text: &str, suggestions: &[Suggestion]) -> Result<(), String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    // UTF-16 offset -> byte offset, where it is a character boundary.
    let mut bytes = vec![None; units.len() + 1];
    let mut u = 0;
    for (i, c) in text.char_indices() {
        bytes[u] = Some(i);
        u += c.len_utf16();
    }
    bytes[units.len()] = Some(text.len());
    let mut at = 0;
    for s in suggestions {
        let fail = |why: &str| Err(format!("{why}: {s:?} in {text:?}"));
        if !(s.start <= s.end && s.end <= units.len()) {
            return fail("outside the text");
        }
        let (Some(start), Some(end)) = (bytes[s.start], bytes[s.end]) else { return fail("splits a surrogate pair") };
        if !cluster_boundary(text, start) || !cluster_boundary(text, end) {
            return fail("splits a grapheme cluster");
        }
        if text[start..end] != s.original {
            return fail("the offsets do not slice the original");
        }
        if s.start < at {
            return fail("out of order or overlapping");
        }
        if s.replacement == s.original {
            return fail("changes nothing");
        }
        at = s.end;
    }
    Ok(())
}

/// `sound`, and a second check by `cached` (which has read `text` once already) gives what
/// `fresh` (its cache cleared first) gives.
pub fn sound_and_stable(text: &str, cached: &mut Checker, fresh: &mut Checker) -> Result<(), String> {
    let first = cached.check(text).map_err(|e| format!("{e} on {text:?}"))?.suggestions;
    sound(text, &first)?;
    let again = cached.check(text).map_err(|e| format!("{e} on {text:?}"))?.suggestions;
    fresh.clear_cache();
    let new = fresh.check(text).map_err(|e| format!("{e} on {text:?}"))?.suggestions;
    if again != new || first != new {
        return Err(format!("cached {again:?} (first {first:?}) but uncached {new:?} for {text:?}"));
    }
    Ok(())
}
