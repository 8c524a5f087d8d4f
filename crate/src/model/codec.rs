//! Text <-> token ids: the model folder's tokenizer and config, without the graphs.
//! The model uses it; the wasm build also exports it on its own so that another runtime
//! (onnxruntime-web in the benchmark) can feed the same ids to the same ONNX files.

use tokenizers::Tokenizer;

use crate::model::config::ModelConfig;
use crate::error::{EmendError, Result};

pub struct Codec {
    tokenizer: Tokenizer,
    pub config: ModelConfig,
}

impl Codec {
    pub fn from_bytes(tokenizer: &[u8], config: &[u8]) -> Result<Self> {
        let config = ModelConfig::from_bytes(config)?;
        let tokenizer = Tokenizer::from_bytes(tokenizer).map_err(|e| EmendError::BadModel {
            name: "tokenizer.json",
            kind: "Hugging Face tokenizer",
            detail: e.to_string(),
        })?;
        let vocab = tokenizer.get_vocab_size(true);
        if vocab != config.vocab_size {
            return Err(EmendError::Mismatch(format!(
                "tokenizer has {vocab} tokens, config.json says {}",
                config.vocab_size
            )));
        }
        Ok(Codec { tokenizer, config })
    }

    pub fn tokenize(&self, text: &str) -> Result<Vec<u32>> {
        let enc = self.tokenizer.encode(text, false).map_err(|e| EmendError::Tokenizer(e.to_string()))?;
        Ok(enc.get_ids().to_vec())
    }

    pub fn detokenize(&self, ids: &[u32]) -> Result<String> {
        self.tokenizer.decode(ids, true).map_err(|e| EmendError::Tokenizer(e.to_string()))
    }

    /// The bytes of `text` (the decoding of `ids`) that token `k` wrote. A token that ends
    /// inside a character shares the whole character with its neighbours.
    pub fn token_span(&self, ids: &[u32], k: usize, text: &str) -> Result<std::ops::Range<usize>> {
        // The length of the text the first `n` tokens decode to, where it is a prefix of `text`.
        let boundary = |n: usize| -> Result<Option<usize>> {
            let prefix = self.detokenize(&ids[..n])?;
            Ok(text.starts_with(&prefix).then_some(prefix.len()))
        };
        let mut start = 0;
        for n in (0..=k).rev() {
            if let Some(b) = boundary(n)? {
                start = b;
                break;
            }
        }
        let mut end = text.len();
        for n in k + 1..ids.len() {
            if let Some(b) = boundary(n)? {
                end = b;
                break;
            }
        }
        Ok(start..end.max(start))
    }

    /// The encoder input for one unit: its tokens, cut to the encoder's limit, then `</s>`.
    pub fn source_ids(&self, text: &str) -> Result<Vec<u32>> {
        let mut ids = self.tokenize(text)?;
        ids.truncate(self.config.max_source_tokens - 1);
        ids.push(self.config.eos_id);
        Ok(ids)
    }
}
