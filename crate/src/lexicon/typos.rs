//! How likely a writer who meant one word typed another: the speller's channel model. Each
//! letter edit costs -ln of how often learners make that kind of slip, counted on the
//! misspellings of the W&I+LOCNESS and FCE train sets (`training/lexicon/typo_costs.py`; 7,296 pairs)
//! and shared among the letters it could have been. Learners drop a vowel ("tast" for
//! "taste") or a doubled letter ("adiction") far more readily than they swap one consonant
//! for another ("great" for "creat"), so those readings cost less.

/// Letters written for another vowel, dropped or added as vowels.
const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];

/// Letters that sound alike in the places learners confuse them ("juise", "sience").
const SOUND_ALIKE: &[(char, char)] = &[('c', 's'), ('c', 'k'), ('s', 'z'), ('g', 'j'), ('i', 'y')];

/// A letter of the meant word left out: one of a double, a vowel, an "h", another letter
/// (per letter of that kind in the meant word).
const DROPPED_DOUBLE: f64 = 1.53;
const DROPPED_VOWEL: f64 = 2.77;
const DROPPED_H: f64 = 1.84;
const DROPPED_OTHER: f64 = 3.19;
/// A letter typed that the meant word lacks (per gap, and per letter it could have been):
/// doubling a neighbour, a vowel, another letter.
const ADDED_DOUBLE: f64 = 4.61;
const ADDED_VOWEL: f64 = 5.80;
const ADDED_OTHER: f64 = 7.23;
/// One letter for another (per letter, and per letter it could have become): vowel for
/// vowel, sound-alikes, anything else.
const SWAPPED_VOWEL: f64 = 4.33;
const SWAPPED_SOUND: f64 = 5.30;
const SWAPPED_OTHER: f64 = 6.01;
/// Two neighbours in the wrong order ("recieve"), per pair of letters.
const TRANSPOSED: f64 = 4.68;
/// A space or hyphen the writer left out ("alot"); not in the counted pairs, so the flat
/// price of an edit the speller used before.
const SPACE: f64 = 4.0;

/// The cost, in natural-log units, of the cheapest way `typed` came from `meant`: a weighted
/// optimal-string-alignment distance over lower-cased letters.
pub fn typo_cost(typed: &str, meant: &str) -> f64 {
    let a: Vec<char> = typed.to_lowercase().chars().collect();
    let b: Vec<char> = meant.to_lowercase().chars().collect();
    let (n, m) = (a.len(), b.len());
    let doubled = |s: &[char], i: usize| (i > 0 && s[i - 1] == s[i]) || s.get(i + 1) == Some(&s[i]);
    let added = |i: usize| match a[i] {
        _ if doubled(&a, i) => ADDED_DOUBLE,
        c if VOWELS.contains(&c) => ADDED_VOWEL,
        _ => ADDED_OTHER,
    };
    let dropped = |j: usize| match b[j] {
        ' ' | '-' => SPACE,
        _ if doubled(&b, j) => DROPPED_DOUBLE,
        c if VOWELS.contains(&c) => DROPPED_VOWEL,
        'h' => DROPPED_H,
        _ => DROPPED_OTHER,
    };
    let swapped = |x: char, y: char| match (x, y) {
        _ if x == y => 0.0,
        _ if VOWELS.contains(&x) && VOWELS.contains(&y) => SWAPPED_VOWEL,
        _ if SOUND_ALIKE.contains(&(x, y)) || SOUND_ALIKE.contains(&(y, x)) => SWAPPED_SOUND,
        _ => SWAPPED_OTHER,
    };
    let mut d = vec![vec![0.0; m + 1]; n + 1];
    for i in 1..=n {
        d[i][0] = d[i - 1][0] + added(i - 1);
    }
    for j in 1..=m {
        d[0][j] = d[0][j - 1] + dropped(j - 1);
    }
    for i in 1..=n {
        for j in 1..=m {
            let mut best = (d[i - 1][j] + added(i - 1))
                .min(d[i][j - 1] + dropped(j - 1))
                .min(d[i - 1][j - 1] + swapped(a[i - 1], b[j - 1]));
            if i > 1
                && j > 1
                && a[i - 1] == b[j - 2]
                && a[i - 2] == b[j - 1]
                && a[i - 1] != a[i - 2]
            {
                best = best.min(d[i - 2][j - 2] + TRANSPOSED);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slips_learners_make_cost_less() {
        let cheaper = |typed: &str, likely: &str, unlikely: &str| {
            assert!(
                typo_cost(typed, likely) < typo_cost(typed, unlikely),
                "{typed:?}: {likely:?} before {unlikely:?}"
            );
        };
        cheaper("creat", "create", "great");
        cheaper("tast", "taste", "last");
        cheaper("totaly", "totally", "total");
        cheaper("thay", "they", "that");
        cheaper("adiction", "addiction", "diction");
        cheaper("recieve", "receive", "relieve");
    }

    #[test]
    fn a_word_costs_nothing_against_itself_and_case_is_free() {
        assert_eq!(typo_cost("Word", "word"), 0.0);
        assert_eq!(typo_cost("", ""), 0.0);
        assert_eq!(typo_cost("alot", "a lot"), SPACE);
        assert!((typo_cost("naïve", "naive") - SWAPPED_OTHER).abs() < 1e-9);
        assert!((typo_cost("recieve", "receive") - TRANSPOSED).abs() < 1e-9);
    }
}
