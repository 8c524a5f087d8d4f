//! JavaScript bindings, shared by the extension and the www demo (both run it in a worker).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::checker::Checker;
use crate::model::codec::Codec;
use crate::model::decode::{DecodeParams, DecoderKind};
use crate::lexicon::dialect::Dialect;
use crate::policy::level::Level;
use crate::model::Model;
use crate::speller::{Speller, SpellerFiles};

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

/// A loaded model and its sentence cache.
#[wasm_bindgen]
pub struct Emend {
    checker: Checker,
}

#[wasm_bindgen]
impl Emend {
    /// Load from the bytes of `encoder.onnx`, `decoder.onnx`, `tokenizer.json`, `config.json`.
    /// Throws an Error naming the file that is missing, truncated or mismatched.
    #[wasm_bindgen(constructor)]
    pub fn new(encoder: js_sys::Uint8Array, decoder: js_sys::Uint8Array, tokenizer: &[u8], config: &[u8]) -> Result<Emend, JsError> {
        // Each graph's bytes are copied into wasm memory only when it is parsed (Model::load).
        let model = Model::load(tokenizer, config, || Ok(encoder.to_vec()), || Ok(decoder.to_vec())).map_err(js_err)?;
        Ok(Emend { checker: Checker::new(model) })
    }

    /// Fix dictionary typos before the model reads a sentence: the bytes of the model
    /// folder's `en.aff`, `en.dic`, `en.ngrams`, `en.irregular`, `en.compounds` and
    /// `en.dialects`. Throws an Error naming a bad file.
    #[wasm_bindgen(js_name = setSpelling)]
    pub fn set_spelling(
        &mut self,
        aff: &[u8],
        dic: &[u8],
        ngrams: &[u8],
        irregular: &[u8],
        compounds: &[u8],
        dialects: &[u8],
    ) -> Result<(), JsError> {
        let speller = Speller::from_bytes(SpellerFiles { aff, dic, ngrams, irregular, compounds, dialects }).map_err(js_err)?;
        self.checker.set_speller(Some(speller));
        Ok(())
    }

    /// The user's personal dictionary: the speller leaves these words as written. Replaces
    /// the words given before; a no-op without `setSpelling`.
    #[wasm_bindgen(js_name = setUserWords)]
    pub fn set_user_words(&mut self, words: Vec<String>) {
        self.checker.set_user_words(&words);
    }

    /// The writer's English, as a language tag: "en-US", "en-GB", "en-CA", "en-AU" (and the
    /// regions that spell as those do), or "any" (every dialect's spelling is right). Throws
    /// for a tag that is not English.
    #[wasm_bindgen(js_name = setDialect)]
    pub fn set_dialect(&mut self, tag: &str) -> Result<(), JsError> {
        let dialect = Dialect::from_tag(tag).ok_or_else(|| JsError::new(&format!("not an English dialect: {tag:?}")))?;
        self.checker.set_dialect(dialect);
        Ok(())
    }

    /// How many suggestions: "fewer", "balanced" or "more" (measured precision of each in
    /// model/MODEL_CARD.md). Throws for another name.
    #[wasm_bindgen(js_name = setLevel)]
    pub fn set_level(&mut self, name: &str) -> Result<(), JsError> {
        let level = Level::from_name(name).ok_or_else(|| JsError::new(&format!("not a level: {name:?}")))?;
        self.checker.set_level(level);
        Ok(())
    }

    /// `{suggestions: [{start, end, original, replacement, category, message}], stats}`;
    /// offsets are UTF-16 code units, as JavaScript strings count them.
    pub fn check(&mut self, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.checker.check(text).map_err(js_err)?)
    }

    /// The text with every suggestion applied.
    pub fn correct(&mut self, text: &str) -> Result<String, JsError> {
        self.checker.correct_text(text).map_err(js_err)
    }

    /// "aggressive" (default) or "greedy": same output, different speed.
    #[wasm_bindgen(js_name = setDecoder)]
    pub fn set_decoder(&mut self, kind: &str) -> Result<(), JsError> {
        self.checker.decoder = kind.parse::<DecoderKind>().map_err(js_err)?;
        Ok(())
    }

    /// Sentences per decoder call when a check has several to (re)run; at least 1.
    #[wasm_bindgen(js_name = setBatch)]
    pub fn set_batch(&mut self, batch: usize) {
        self.checker.batch = batch.max(1);
    }

    /// Panic inside the checker, as a bug would: the recovery tests use it to prove that
    /// checking comes back after a panic leaves this object unusable.
    #[wasm_bindgen(js_name = panicForTests)]
    pub fn panic_for_tests(&mut self) {
        self.checker.clear_cache();
        panic!("panic requested by a recovery test");
    }

    #[wasm_bindgen(js_name = clearCache)]
    pub fn clear_cache(&mut self) {
        self.checker.clear_cache();
    }

    /// Correct single units with the model alone (no speller or rules), bypassing the cache:
    /// `{outputs, passes, positions, overBudget, sourceTokens, encoderMs, decoderMs}`, what the benchmark
    /// times and compares across runtimes.
    #[wasm_bindgen(js_name = correctUnits)]
    pub fn correct_units(&self, units: Vec<String>) -> Result<JsValue, JsError> {
        let refs: Vec<&str> = units.iter().map(String::as_str).collect();
        let (outputs, stats) = self.checker.model_units(&refs).map_err(js_err)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Out {
            outputs: Vec<String>,
            passes: usize,
            positions: usize,
            over_budget: usize,
            source_tokens: usize,
            encoder_ms: f64,
            decoder_ms: f64,
        }
        to_js(&Out {
            outputs,
            passes: stats.passes,
            positions: stats.positions,
            over_budget: stats.over_budget,
            source_tokens: stats.source_tokens,
            encoder_ms: stats.encoder_ms,
            decoder_ms: stats.decoder_ms,
        })
    }
}

/// The tokenizer alone (no graphs): lets another ONNX runtime run the same model files
/// on exactly the ids Emend would use. The benchmark drives onnxruntime-web with it.
#[wasm_bindgen(js_name = EmendCodec)]
pub struct EmendCodec {
    codec: Codec,
}

#[wasm_bindgen(js_class = EmendCodec)]
impl EmendCodec {
    #[wasm_bindgen(constructor)]
    pub fn new(tokenizer: &[u8], config: &[u8]) -> Result<EmendCodec, JsError> {
        Ok(EmendCodec { codec: Codec::from_bytes(tokenizer, config).map_err(js_err)? })
    }

    /// Encoder input ids for one sentence (cut to the model's limit, ending in `</s>`).
    #[wasm_bindgen(js_name = sourceIds)]
    pub fn source_ids(&self, text: &str) -> Result<Vec<u32>, JsError> {
        self.codec.source_ids(text).map_err(js_err)
    }

    /// Text of output ids (without `<s>`/`</s>`).
    pub fn detokenize(&self, ids: &[u32]) -> Result<String, JsError> {
        self.codec.detokenize(ids).map_err(js_err)
    }

    #[wasm_bindgen(getter, js_name = bosId)]
    pub fn bos_id(&self) -> u32 {
        self.codec.config.bos_id
    }

    #[wasm_bindgen(getter, js_name = eosId)]
    pub fn eos_id(&self) -> u32 {
        self.codec.config.eos_id
    }

    /// Longest n-gram the aggressive decoder re-synchronises on (it tries n, n-1, ..., 1).
    #[wasm_bindgen(getter, js_name = maxNgram)]
    pub fn max_ngram(&self) -> usize {
        DecodeParams::for_model(&self.codec.config).max_ngram
    }

    /// Longest draft aggressive decoding verifies in one pass.
    #[wasm_bindgen(getter, js_name = maxDraft)]
    pub fn max_draft(&self) -> usize {
        DecodeParams::for_model(&self.codec.config).max_draft
    }

    /// Logit bonus for the token the aligned source suggests (this model's tuned setting).
    #[wasm_bindgen(getter, js_name = copyBias)]
    pub fn copy_bias(&self) -> f32 {
        self.codec.config.copy_bias
    }

    /// Most output tokens the decoder may produce for a source of `src_len` ids.
    #[wasm_bindgen(js_name = outputCap)]
    pub fn output_cap(&self, src_len: usize) -> usize {
        DecodeParams::for_model(&self.codec.config).output_cap(src_len)
    }
}

/// GFLOP/s of tract's f32 matmul `[m, k] x [k, n]` in this browser (`floor::matmul_gflops`):
/// what the benchmark divides a sentence's multiply-adds by for its compute floor.
#[wasm_bindgen(js_name = matmulGflops)]
pub fn matmul_gflops(m: usize, k: usize, n: usize, reps: usize) -> Result<f64, JsError> {
    crate::model::floor::matmul_gflops(m, k, n, reps).map_err(js_err)
}
