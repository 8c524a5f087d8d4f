//! Emend: offline grammar correction with a small encoder-decoder model.
//!
//! The folders follow the data, one way: `text` cuts the text into units (sentences, the
//! lines left alone) and aligns; `speller` fixes the typos a dictionary knows before the model
//! reads a unit; `model` runs the ONNX graphs with tract and decodes (greedy or aggressive,
//! same output) behind the `Corrector` seam; `rules` add what the model seldom fixes (one
//! rule per file, the sentence rules behind `rules::Rule`); `policy` decides which edits are
//! offered; `checker` orchestrates it and turns edits into suggestions with UTF-16 offsets.
//! `lexicon` is the word knowledge the speller and the rules read (`lexicon::Lexicon`).
//! `wasm` exposes the checker to JavaScript.

pub mod checker;
pub mod error;
pub mod lexicon;
pub mod model;
pub mod policy;
pub mod rules;
pub mod speller;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use checker::{CheckResult, CheckStats, Checker, Suggestion};
pub use error::{EmendError, Result};
pub use lexicon::dialect::Dialect;
pub use model::corrector::{Correction, Corrector};
pub use model::decode::{DecodeStats, DecoderKind};
pub use model::{Model, ModelFiles};
pub use policy::category::Category;
pub use policy::level::Level;
pub use speller::{Speller, SpellerFiles};

/// The model folder shipped in this repository.
pub fn shipped_model_dir() -> std::path::PathBuf {
    match std::env::var_os("EMEND_MODEL") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("model"),
    }
}
