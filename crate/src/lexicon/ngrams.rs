//! A word bigram model of clean English (`en.ngrams`, from `training/lexicon/make_ngrams.py`): how
//! likely a word is between its neighbours. The speller asks it which of a misspelt word's
//! closest suggestions the sentence means ("I always simle to people": "smile", not the
//! commoner "simple"); the model reads the sentence only after the speller.

use std::collections::HashMap;

use crate::error::{EmendError, Result};

/// The file's name in a model folder.
pub const NGRAMS_FILE: &str = "en.ngrams";

/// The start and end of a sentence, as the file names them.
const START: &str = "<s>";
const END: &str = "</s>";

/// How much of p(word | previous word) comes from the pair's own count; the rest is the word's
/// overall frequency, so a pair too rare to be listed still scores by how common its word is.
const PAIR_WEIGHT: f64 = 0.9;

/// A neighbour of the word being scored, as the text around it gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Neighbour<'a> {
    /// The sentence starts (before) or ends (after) there.
    Edge,
    /// This word, right next to it.
    Word(&'a str),
    /// Something the model does not count (a comma, a number, a bracket): no evidence.
    Unknown,
}

pub struct Ngrams {
    /// Lower-cased word -> (id, count); ids follow the file's order, commonest first.
    words: HashMap<String, (u32, u32)>,
    /// (id, id) -> how often the second word followed the first.
    pairs: HashMap<(u32, u32), u32>,
    /// Sum of the word counts: the denominator of a word's overall frequency.
    total: f64,
}

impl Ngrams {
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |line: usize, detail: &str| EmendError::BadModel {
            name: NGRAMS_FILE,
            kind: "word statistics",
            detail: format!("line {line}: {detail}"),
        };
        let rows: Vec<(&str, &str, &str)> = text
            .lines()
            .enumerate()
            .map(|(n, line)| {
                let mut f = line.splitn(3, '\t');
                match (f.next(), f.next(), f.next()) {
                    (Some(w), Some(c), rest) if !w.is_empty() => Ok((w, c, rest.unwrap_or(""))),
                    _ => Err(bad(n + 1, "not `word<TAB>count<TAB>pairs`")),
                }
            })
            .collect::<Result<_>>()?;
        let mut words = HashMap::with_capacity(rows.len() + 1);
        for (id, (n, &(w, c, _))) in rows.iter().enumerate().enumerate() {
            let count = c.parse::<u32>().map_err(|_| bad(n + 1, "the count is not a number"))?;
            words.insert(w.to_owned(), (id as u32, count));
        }
        let end_id = rows.len() as u32;
        words.entry(END.to_owned()).or_insert((end_id, 0));
        let mut pairs = HashMap::new();
        for (n, &(w, _, rest)) in rows.iter().enumerate() {
            let first = words[w].0;
            let mut f = rest.split(' ').filter(|s| !s.is_empty());
            while let Some(next) = f.next() {
                let count = f.next().and_then(|c| c.parse::<u32>().ok()).ok_or_else(|| bad(n + 1, "a pair without a count"))?;
                let second = words.get(next).ok_or_else(|| bad(n + 1, &format!("{next:?} follows but has no line")))?.0;
                pairs.insert((first, second), count);
            }
        }
        let total = words.iter().filter(|(w, _)| *w != START).map(|(_, &(_, c))| c as f64).sum::<f64>().max(1.0);
        Ok(Ngrams { words, pairs, total })
    }

    /// Frequency rank of a word (0: commonest), if the file lists it.
    pub fn rank(&self, word: &str) -> Option<u32> {
        self.words.get(&key(word)).map(|&(id, _)| id)
    }

    /// The listed words, commonest first (lower case; without the sentence markers).
    pub fn words_by_rank(&self) -> Vec<&str> {
        let mut words: Vec<(&str, u32)> = self.words.iter().filter(|(w, _)| *w != START && *w != END).map(|(w, &(id, _))| (w.as_str(), id)).collect();
        words.sort_unstable_by_key(|&(_, id)| id);
        words.into_iter().map(|(w, _)| w).collect()
    }

    /// How often clean English writes `second` right after `first` (0 if the pair is unlisted).
    pub fn pair_count(&self, first: &str, second: &str) -> u32 {
        let (Some(&(a, _)), Some(&(b, _))) = (self.words.get(&key(first)), self.words.get(&key(second))) else { return 0 };
        self.pairs.get(&(a, b)).copied().unwrap_or(0)
    }

    /// The share of sentences that start with `word` (its pair count after `<s>`).
    pub fn opening_share(&self, word: &str) -> f64 {
        let (Some(&(start, starts)), Some(&(id, _))) = (self.words.get(START), self.words.get(&key(word))) else { return 0.0 };
        self.pairs.get(&(start, id)).map_or(0.0, |&n| n as f64 / starts.max(1) as f64)
    }

    /// log p(`words` between `before` and `after`): each word given the one before it. Compare
    /// only readings of the same gap: a reading with more words pays for each.
    pub fn log_prob(&self, before: Neighbour, words: &[&str], after: Neighbour) -> f64 {
        let lower: Vec<String> = words.iter().map(|w| key(w)).collect();
        let mut prev = match before {
            Neighbour::Edge => Some(START.to_owned()),
            Neighbour::Word(w) => Some(key(w)),
            Neighbour::Unknown => None,
        };
        let mut sum = 0.0;
        for w in &lower {
            sum += self.step(prev.as_deref(), w);
            prev = Some(w.clone());
        }
        match after {
            Neighbour::Edge => sum + self.step(prev.as_deref(), END),
            Neighbour::Word(w) => sum + self.step(prev.as_deref(), &key(w)),
            Neighbour::Unknown => sum,
        }
    }

    /// log p(word | prev): the pair's share of prev's count, mixed with the word's frequency.
    fn step(&self, prev: Option<&str>, word: &str) -> f64 {
        let (id, count) = self.words.get(word).copied().map_or((None, 0), |(id, c)| (Some(id), c));
        let unigram = (count as f64 + 0.5) / self.total;
        let context = prev.and_then(|p| self.words.get(p)).filter(|&&(_, c)| c > 0);
        match (context, id) {
            (Some(&(p, pc)), Some(id)) => {
                let pair = self.pairs.get(&(p, id)).copied().unwrap_or(0) as f64;
                (PAIR_WEIGHT * pair / pc as f64 + (1.0 - PAIR_WEIGHT) * unigram).ln()
            }
            (Some(_), None) => ((1.0 - PAIR_WEIGHT) * unigram).ln(),
            (None, _) => unigram.ln(),
        }
    }
}

/// How the file spells a word: lower case, straight apostrophes.
fn key(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Ngrams {
        let lines = ["<s>\t10\ti 6 the 4", "the\t20\tsimple 3", "simple\t9\tthing 3", "i\t8\talways 3", "always\t5\tsmile 2", "thing\t4\t", "smile\t2\t</s> 1"];
        Ngrams::parse(&lines.join("\n")).unwrap()
    }

    #[test]
    fn the_neighbours_decide_between_words() {
        let ng = small();
        let after_always = |w| ng.log_prob(Neighbour::Word("always"), &[w], Neighbour::Word("to"));
        assert!(after_always("smile") > after_always("simple"), "a pair seen together wins over a commoner word");
        let after_the = |w| ng.log_prob(Neighbour::Word("the"), &[w], Neighbour::Unknown);
        assert!(after_the("simple") > after_the("smile"));
    }

    #[test]
    fn without_neighbours_the_commoner_word_wins() {
        let ng = small();
        let alone = |w| ng.log_prob(Neighbour::Unknown, &[w], Neighbour::Unknown);
        assert!(alone("simple") > alone("smile"));
        assert!(alone("smile") > alone("unlisted"));
        assert_eq!(ng.rank("The"), Some(1));
        assert_eq!(ng.rank("unlisted"), None);
    }

    #[test]
    fn case_and_curly_apostrophes_do_not_matter() {
        let ng = Ngrams::parse("<s>\t1\tdon't 1\ndon't\t3\t\n").unwrap();
        let p = |w| ng.log_prob(Neighbour::Edge, &[w], Neighbour::Unknown);
        assert_eq!(p("Don’t"), p("don't"));
    }

    #[test]
    fn a_bad_file_is_an_error_naming_the_line() {
        for (text, line) in [("<s>\t1\t\nword\tmany\t\n", "line 2"), ("<s>\t1\tnowhere 3\n", "line 1"), ("a\t1\tb\n", "line 1")] {
            let err = Ngrams::parse(text).err().expect(text).to_string();
            assert!(err.contains(NGRAMS_FILE) && err.contains(line), "{err}");
        }
    }
}
