//! The model: the ONNX graphs run by tract (`graphs`), their config and tokenizer (`config`,
//! `codec`), the decoder's keys and values carried between passes (`cache`), greedy and
//! aggressive decoding over a `Scorer` (`decode`), and the `Corrector` seam the checker calls
//! (`corrector`), so that the pipeline is tested without tract. `clock` times stages natively
//! and in the browser; `floor` measures tract's matmul rate for the bench's compute floor.

pub mod cache;
pub mod clock;
pub mod codec;
pub mod config;
pub mod corrector;
pub mod decode;
pub mod floor;
pub mod graphs;

pub(crate) use graphs::read_file;
pub use graphs::{Encoded, Model, ModelFiles};
pub use config::EditGates;
pub use corrector::{Correction, Corrector};
pub use decode::{DecodeStats, DecoderKind};
