//! Emend: offline grammar correction with a small encoder-decoder model.
//!
//! `Model` loads the ONNX graphs with tract; `decode` turns model predictions into
//! corrections (greedy or aggressive, same output); `Checker` turns text into suggestions
//! with UTF-16 offsets, after `Speller` has fixed the typos a dictionary knows and before
//! `articles` sets "a"/"an" by sound. `wasm`
//! exposes the checker to JavaScript.

pub mod align;
pub mod articles;
pub mod capitals;
pub mod category;
pub mod checker;
pub mod clock;
pub mod codec;
pub mod comparatives;
pub mod compounds;
pub mod cache;
pub mod config;
pub mod contractions;
pub mod corrector;
pub mod decode;
pub mod dialect;
pub mod error;
pub mod floor;
pub mod model;
pub mod language;
pub mod level;
pub mod ngrams;
pub mod normalize;
pub mod noun_number;
pub mod run_on;
pub mod segment;
pub mod sound_alikes;
pub mod spacing;
pub mod spans;
pub mod spelling;
pub mod too;
pub mod typos;
pub mod utf16;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use category::Category;
pub use checker::{CheckResult, CheckStats, Checker, Suggestion};
pub use corrector::{Correction, Corrector};
pub use decode::{DecodeStats, DecoderKind};
pub use dialect::Dialect;
pub use level::Level;
pub use error::{EmendError, Result};
pub use model::{Model, ModelFiles};
pub use spelling::{Speller, SpellerFiles};

/// The model folder shipped in this repository.
pub fn shipped_model_dir() -> std::path::PathBuf {
    match std::env::var_os("EMEND_MODEL") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("model"),
    }
}
