//! Text in, before any model: sentences and protected spans (`segment`), the lines left alone
//! (other languages, code, names: `language`), decomposed text read composed (`normalize`),
//! words and their alignment into edits (`align`), capitals (`capitals`), the last check of
//! every suggestion's range (`spans`) and UTF-16 offsets for JavaScript (`utf16`). Depends on
//! nothing else in the crate.

pub mod align;
pub mod capitals;
pub mod language;
pub mod normalize;
pub mod segment;
pub mod spans;
pub mod utf16;

pub use align::{align, apply, source_range, touches, word_spans, words_around, Edit};
pub use language::{is_left_alone, lines_left_alone};
pub use normalize::compose;
pub use segment::{chunk, is_prose, protected_spans, sentences};
pub use spans::{finish, Fix};
pub use utf16::byte_to_utf16;
