# Shared settings for the scripts: sourced, not run.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
# Outside the clone, so CI and later runs on the same machine reuse tract's slow build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/emend/target}"
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/crate/Cargo.toml")"
