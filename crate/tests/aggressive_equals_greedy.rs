//! Property: for any deterministic causal scorer and any copy bias, aggressive decoding
//! returns exactly the greedy output (tokens and margins), in no more decoder passes.
// Native only: proptest, the CLI binary and the model folder on disk are not there in wasm.
#![cfg(not(target_arch = "wasm32"))]

use emend::model::decode::{aggressive, greedy, Choice, DecodeParams, Decoded, Request, Scorer};
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

impl Toy {
    /// `next`, unless the source's suggestion is within `copy_bias` of it: the toy's score
    /// gap between the two (0 to 3.9) is another hash of the prefix.
    /// The margin of an edit is that gap; where nothing is preferred, another hash.
    fn choose(&self, src: &[u32], out: &[u32], preferred: Option<u32>, copy_bias: f32) -> Choice {
        let best = self.next(src, out);
        let h = out.iter().fold(self.salt ^ 0x9e37, |h, &x| (h ^ x as u64).wrapping_mul(0x100000001b3));
        match preferred {
            Some(t) if t != best => {
                let gap = ((h ^ t as u64) % 40) as f32 / 10.0;
                if copy_bias > gap { Choice::copy(t) } else { Choice { token: best, margin: gap } }
            }
            Some(t) => Choice::copy(t),
            None => Choice { token: best, margin: (h % 50) as f32 / 10.0 },
        }
    }
}

impl Scorer for Toy {
    fn predict(&mut self, requests: &[Request], copy_bias: f32) -> Result<Vec<Vec<Choice>>> {
        Ok(requests
            .iter()
            .map(|r| {
                assert_eq!(r.input[0], BOS);
                let src = &self.sources[r.sentence];
                (r.from..r.input.len()).map(|k| self.choose(src, &r.input[1..=k], r.preferred(k), copy_bias)).collect()
            })
            .collect())
    }
}

fn tokens(out: &[Decoded]) -> Vec<Vec<u32>> {
    out.iter().map(|d| d.tokens.clone()).collect()
}

fn params(max_len: usize) -> DecodeParams {
    DecodeParams { bos: BOS, eos: EOS, max_decoder_len: max_len, max_ngram: 3, copy_bias: 0.0, max_draft: 8 }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn aggressive_matches_greedy(
        bodies in prop::collection::vec(prop::collection::vec(3u32..12, 0..40), 1..6),
        salt in any::<u64>(),
        max_len in 8usize..120,
        copy_bias in prop_oneof![Just(0.0f32), 0.0f32..4.5],
        max_draft in prop_oneof![1usize..12, Just(usize::MAX)],
    ) {
        let sources: Vec<Vec<u32>> = bodies.into_iter().map(|mut b| { b.push(EOS); b }).collect();
        let mut toy = Toy { sources: sources.clone(), salt };
        let p = DecodeParams { copy_bias, max_draft, ..params(max_len) };
        let (g, gs) = greedy(&mut toy, &sources, &p).unwrap();
        let (a, as_) = aggressive(&mut toy, &sources, &p).unwrap();
        prop_assert_eq!(&g, &a);
        prop_assert!(as_.passes <= gs.passes, "aggressive {} passes > greedy {}", as_.passes, gs.passes);
    }
}

#[test]
fn copying_scorer_needs_one_pass() {
    // A scorer that copies its input verbatim: the whole draft is accepted at once.
    struct Copy(Vec<Vec<u32>>);
    impl Scorer for Copy {
        fn predict(&mut self, requests: &[Request], _: f32) -> Result<Vec<Vec<Choice>>> {
            Ok(requests.iter().map(|r| (r.from + 1..=r.input.len()).map(|k| Choice::copy(self.0[r.sentence].get(k - 1).copied().unwrap_or(EOS))).collect()).collect())
        }
    }
    let sources = vec![vec![5, 6, 7, 8, 9, EOS], vec![4, 4, 4, EOS]];
    let (out, stats) = aggressive(&mut Copy(sources.clone()), &sources, &params(64)).unwrap();
    assert_eq!(tokens(&out), vec![vec![5, 6, 7, 8, 9], vec![4, 4, 4]]);
    assert!(out.iter().all(|d| d.margins.iter().all(|m| m.is_infinite())), "a copy decides nothing");
    assert_eq!(stats.passes, 1);
    let (g, gstats) = greedy(&mut Copy(sources.clone()), &sources, &params(64)).unwrap();
    assert_eq!(g, out);
    assert_eq!(gstats.passes, 6);
}

#[test]
fn a_bias_above_every_gap_copies_the_source() {
    // The toy's gaps are below 4: with a bias of 5 the source's token always wins, even
    // where the toy alone would insert, skip or substitute.
    let sources = vec![vec![5, 6, 7, 8, 9, 10, 11, EOS], vec![4, 3, 4, 3, 4, EOS]];
    let mut edited_without_bias = 0;
    for salt in 0..50u64 {
        let mut toy = Toy { sources: sources.clone(), salt };
        let plain = greedy(&mut toy, &sources, &params(64)).unwrap().0;
        let p = DecodeParams { copy_bias: 5.0, ..params(64) };
        let (g, _) = greedy(&mut toy, &sources, &p).unwrap();
        let (a, stats) = aggressive(&mut toy, &sources, &p).unwrap();
        assert_eq!(tokens(&g), vec![sources[0][..7].to_vec(), sources[1][..5].to_vec()], "salt {salt}");
        assert_eq!(a, g);
        assert_eq!(stats.passes, 1, "the whole draft is accepted at once");
        edited_without_bias += usize::from(plain != g);
    }
    assert!(edited_without_bias > 10, "without the bias the toy edits most of these ({edited_without_bias}/50)");
}

#[test]
fn an_output_that_never_ends_is_over_budget_in_both_decoders() {
    // A scorer that repeats its last token forever: no `</s>` before the output cap.
    struct Stutter;
    impl Scorer for Stutter {
        fn predict(&mut self, requests: &[Request], _: f32) -> Result<Vec<Vec<Choice>>> {
            Ok(requests.iter().map(|r| (r.from..r.input.len()).map(|_| Choice { token: 7, margin: 1.0 }).collect()).collect())
        }
    }
    let sources = vec![vec![5, 6, EOS], vec![7, 7, 7, 7, EOS]];
    let p = params(64);
    let (g, gs) = greedy(&mut Stutter, &sources, &p).unwrap();
    let (a, as_) = aggressive(&mut Stutter, &sources, &p).unwrap();
    assert_eq!(g, a);
    assert!(g.iter().all(|d| d.over_budget), "{g:?}");
    assert_eq!((gs.over_budget, as_.over_budget), (2, 2));
    assert_eq!(g[0].tokens.len(), p.output_cap(3), "stopped at the cap");
}
