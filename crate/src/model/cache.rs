//! The decoder's memory of each sentence between passes: the self-attention keys and values
//! of the tokens it has already read, so that a pass computes only positions it has not seen.
//!
//! Before (session 20's bench) every pass re-read the whole prefix: 127 decoder positions
//! for a 25-token sentence, each paying the 8,000 x 256 output projection. With the cache a
//! pass reads the new tokens only (greedy: one; aggressive: the model's last token and the
//! draft). Aggressive decoding feeds drafts that may be rejected, so the cache keeps what
//! was fed and a request reuses only the longest prefix it shares with what the cache
//! holds: a rejected position is computed again, never reused.

/// One sentence's tokens read so far and their keys and values.
#[derive(Default)]
struct Prefix {
    tokens: Vec<u32>,
    /// Per head: `[tokens.len(), head_dim]`, row-major.
    key: Vec<Vec<f32>>,
    value: Vec<Vec<f32>>,
}

pub struct DecoderCache {
    heads: usize,
    head_dim: usize,
    prefixes: Vec<Prefix>,
    /// Decoder positions computed so far (tokens fed), summed over sentences.
    pub positions: usize,
}

impl DecoderCache {
    pub fn new(sentences: usize, heads: usize, head_dim: usize) -> Self {
        let prefix = || Prefix { tokens: Vec::new(), key: vec![Vec::new(); heads], value: vec![Vec::new(); heads] };
        DecoderCache { heads, head_dim, prefixes: (0..sentences).map(|_| prefix()).collect(), positions: 0 }
    }

    pub fn sentences(&self) -> usize {
        self.prefixes.len()
    }

    /// How many leading tokens of `input` the cache holds for `sentence` (at most `limit`);
    /// everything after them is dropped.
    pub fn reuse(&mut self, sentence: usize, input: &[u32], limit: usize) -> usize {
        let p = &mut self.prefixes[sentence];
        let n = p.tokens.iter().zip(input).take_while(|(a, b)| a == b).count().min(limit);
        p.tokens.truncate(n);
        for head in p.key.iter_mut().chain(p.value.iter_mut()) {
            head.truncate(n * self.head_dim);
        }
        n
    }

    /// Copies `sentence`'s keys and values into one batch row laid out `[heads, slots, head_dim]`
    /// (its first `len` slots; the others are left as they are).
    pub fn write_row(&self, sentence: usize, key: &mut [f32], value: &mut [f32], slots: usize) {
        let p = &self.prefixes[sentence];
        for h in 0..self.heads {
            let at = h * slots * self.head_dim;
            key[at..at + p.key[h].len()].copy_from_slice(&p.key[h]);
            value[at..at + p.value[h].len()].copy_from_slice(&p.value[h]);
        }
    }

    /// Appends `tokens` to `sentence`, with their keys and values read from one batch row laid
    /// out `[heads, slots, head_dim]`, starting at slot `at`.
    pub fn append(&mut self, sentence: usize, tokens: &[u32], key: &[f32], value: &[f32], slots: usize, at: usize) {
        let (dh, n) = (self.head_dim, tokens.len());
        let p = &mut self.prefixes[sentence];
        for h in 0..self.heads {
            let from = (h * slots + at) * dh;
            p.key[h].extend_from_slice(&key[from..from + n * dh]);
            p.value[h].extend_from_slice(&value[from..from + n * dh]);
        }
        p.tokens.extend_from_slice(tokens);
        self.positions += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_the_shared_prefix_and_forgets_a_rejected_draft() {
        let mut c = DecoderCache::new(1, 2, 1);
        // Row of 2 heads x 4 slots x 1: head 0 = [10, 11, 12, 13], head 1 = [20, 21, 22, 23].
        let row: Vec<f32> = vec![10., 11., 12., 13., 20., 21., 22., 23.];
        c.append(0, &[1, 5, 6], &row, &row, 4, 1);
        assert_eq!(c.positions, 3);
        assert_eq!(c.reuse(0, &[1, 5, 9, 9], 10), 2, "the draft token 6 was rejected");
        let (mut k, mut v) = (vec![0.0; 6], vec![0.0; 6]);
        c.write_row(0, &mut k, &mut v, 3);
        assert_eq!(k, vec![11., 12., 0., 21., 22., 0.]);
        assert_eq!(c.reuse(0, &[1, 5], 1), 1, "the limit leaves the last token to compute");
    }
}
