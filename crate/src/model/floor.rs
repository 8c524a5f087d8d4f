//! How fast tract multiplies matrices here: the benchmark's compute floor. A sentence's
//! multiply-adds (encoder tokens and decoder positions actually computed, counted by the
//! bench from the model's shape) divided by this throughput is the time the arithmetic
//! alone needs; bench/RESULTS.md puts each latency beside it.

use tract_onnx::prelude::*;
use tract_onnx::tract_core::axes::AxesMapping;
use tract_onnx::tract_core::ops::einsum::EinSum;

use crate::model::clock::now_ms;
use crate::error::Result;

/// GFLOP/s (2 per multiply-add) of tract's f32 matmul of `[m, k] x [k, n]` with a constant
/// right-hand side (as a weight), over `reps` runs after one warm-up run.
pub fn matmul_gflops(m: usize, k: usize, n: usize, reps: usize) -> Result<f64> {
    let mut model = TypedModel::default();
    let a = model.add_source("a", f32::fact([m, k]))?;
    let weights: Vec<f32> = (0..k * n).map(|i| ((i * 7919 % 1000) as f32 - 500.0) / 5000.0).collect();
    let b = model.add_const("b", Tensor::from_shape(&[k, n], &weights)?)?;
    let axes: AxesMapping = "mk,kn->mn".parse()?;
    let out = model.wire_node("matmul", EinSum::new(axes, f32::datum_type()), &[a, b])?;
    model.select_output_outlets(&out)?;
    let plan = model.into_optimized()?.into_runnable()?;
    let input: Vec<f32> = (0..m * k).map(|i| (i % 13) as f32 / 13.0).collect();
    let input = Tensor::from_shape(&[m, k], &input)?;
    plan.run(tvec!(input.clone().into()))?;
    let start = now_ms();
    for _ in 0..reps.max(1) {
        plan.run(tvec!(input.clone().into()))?;
    }
    let secs = (now_ms() - start) / 1e3;
    Ok(2.0 * (m * k * n * reps.max(1)) as f64 / secs / 1e9)
}

#[cfg(test)]
mod tests {
    #[test]
    fn measures_a_positive_finite_throughput() {
        let g = super::matmul_gflops(16, 64, 64, 3).unwrap();
        assert!(g.is_finite() && g > 0.0, "{g}");
    }
}
