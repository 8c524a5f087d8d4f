//! Property: for any deterministic causal scorer, aggressive decoding returns exactly the
//! greedy output, in no more decoder passes.

use emend::decode::{aggressive, greedy, DecodeParams, Scorer};
use emend::Result;
use proptest::prelude::*;

const BOS: u32 = 1;
const EOS: u32 = 2;

/// A toy "corrector": mostly copies its source, sometimes inserts, skips or substitutes,
/// decided by a hash of everything generated so far (so it depends on the whole prefix).
struct Toy {
    sources: Vec<Vec<u32>>,
    salt: u64,
}

impl Toy {
    fn next(&self, src: &[u32], out: &[u32]) -> u32 {
        let mut h = self.salt;
        for &t in out {
            h = (h ^ t as u64).wrapping_mul(0x100000001b3);
        }
        let consumed = out.iter().filter(|&&t| t < 1000).count();
        let body = &src[..src.len() - 1]; // without EOS
        if h % 9 == 0 {
            return 1000 + (h % 3) as u32; // insertion
        }
        match body.get(consumed) {
            None => EOS,
            Some(_) if h % 13 == 0 => body.get(consumed + 1).copied().unwrap_or(EOS).max(3), // skip one
            Some(&t) if h % 17 == 0 => t + 100, // substitution (still < 1000: consumes)
            Some(&t) => t,
        }
    }
}

impl Scorer for Toy {
    fn predict(&mut self, requests: &[(usize, &[u32])]) -> Result<Vec<Vec<u32>>> {
        Ok(requests
            .iter()
            .map(|(i, input)| {
                assert_eq!(input[0], BOS);
                (0..input.len()).map(|k| self.next(&self.sources[*i], &input[1..=k])).collect()
            })
            .collect())
    }
}

fn params(max_len: usize) -> DecodeParams {
    DecodeParams { bos: BOS, eos: EOS, max_decoder_len: max_len, max_ngram: 3 }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn aggressive_matches_greedy(
        bodies in prop::collection::vec(prop::collection::vec(3u32..12, 0..40), 1..6),
        salt in any::<u64>(),
        max_len in 8usize..120,
    ) {
        let sources: Vec<Vec<u32>> = bodies.into_iter().map(|mut b| { b.push(EOS); b }).collect();
        let mut toy = Toy { sources: sources.clone(), salt };
        let (g, gs) = greedy(&mut toy, &sources, &params(max_len)).unwrap();
        let (a, as_) = aggressive(&mut toy, &sources, &params(max_len)).unwrap();
        prop_assert_eq!(&g, &a);
        prop_assert!(as_.passes <= gs.passes, "aggressive {} passes > greedy {}", as_.passes, gs.passes);
    }
}

#[test]
fn copying_scorer_needs_one_pass() {
    // A scorer that copies its input verbatim: the whole draft is accepted at once.
    struct Copy(Vec<Vec<u32>>);
    impl Scorer for Copy {
        fn predict(&mut self, requests: &[(usize, &[u32])]) -> Result<Vec<Vec<u32>>> {
            Ok(requests.iter().map(|(i, input)| (1..=input.len()).map(|k| self.0[*i].get(k - 1).copied().unwrap_or(EOS)).collect()).collect())
        }
    }
    let sources = vec![vec![5, 6, 7, 8, 9, EOS], vec![4, 4, 4, EOS]];
    let (out, stats) = aggressive(&mut Copy(sources.clone()), &sources, &params(64)).unwrap();
    assert_eq!(out, vec![vec![5, 6, 7, 8, 9], vec![4, 4, 4]]);
    assert_eq!(stats.passes, 1);
    let (g, gstats) = greedy(&mut Copy(sources.clone()), &sources, &params(64)).unwrap();
    assert_eq!(g, out);
    assert_eq!(gstats.passes, 6);
}
