//! One error type for everything a caller can get wrong or the model files can break.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum EmendError {
    #[error("model file `{name}` not found at {path}")]
    MissingFile { name: &'static str, path: String },
    #[error("model file `{name}` could not be read: {detail}")]
    Unreadable { name: &'static str, detail: String },
    #[error("model file `{name}` is not a valid {kind}: {detail}")]
    BadModel { name: &'static str, kind: &'static str, detail: String },
    #[error("model files do not belong together: {0}")]
    Mismatch(String),
    #[error("inference failed: {0}")]
    Inference(String),
    #[error("tokenizer failed: {0}")]
    Tokenizer(String),
    #[error("{0}")]
    InvalidArgument(String),
}

pub type Result<T> = std::result::Result<T, EmendError>;

impl From<tract_onnx::prelude::TractError> for EmendError {
    fn from(e: tract_onnx::prelude::TractError) -> Self {
        EmendError::Inference(format!("{e:#}"))
    }
}
