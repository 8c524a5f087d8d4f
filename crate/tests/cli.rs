//! The `emend` binary with the shipped model: line discipline, JSON output, clear errors.
// Native only: proptest, the CLI binary and the model folder on disk are not there in wasm.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_emend"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("emend runs");
    // A command that fails on its arguments may exit before reading stdin: a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn correct_writes_one_line_per_input_line() {
    let input = "I have a apple.\n\nThis sentence is fine.\n😀 東京 https://example.com/x_y\n";
    let (ok, out, err) = run(&["correct"], input);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out:?}");
    assert_eq!(lines[1], "");
    assert_eq!(lines[3], "😀 東京 https://example.com/x_y", "non-prose comes back unchanged");
}

#[test]
fn greedy_and_aggressive_cli_agree() {
    let input = "She go to school yesterday.\nI has two brother and they lives in London.\n";
    let (_, aggressive, _) = run(&["correct", "--decoder", "aggressive"], input);
    let (_, greedy, _) = run(&["correct", "--decoder", "greedy"], input);
    assert_eq!(aggressive, greedy);
}

#[test]
fn check_prints_json_suggestions() {
    let (ok, out, err) = run(&["check"], "I have a apple. She go to school.");
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(v["suggestions"].is_array());
    assert!(v["stats"]["sentences"].as_u64() == Some(2), "{v}");
}

#[test]
fn spell_applies_the_speller_alone_line_by_line() {
    let (ok, out, err) = run(&["spell"], "I recieve it.\n\nShe go to school.\n");
    assert!(ok, "{err}");
    // The typo is fixed; grammar is the model's, so "go" stays; blank lines stay.
    assert_eq!(out, "I receive it.\n\nShe go to school.\n");
    let (ok, _, err) = run(&["spell", "--model", "/nonexistent/model"], "text\n");
    assert!(!ok && err.contains("/nonexistent/model"), "{err}");
}

#[test]
fn missing_model_is_a_clear_error() {
    let (ok, _, err) = run(&["correct", "--model", "/nonexistent/model"], "text\n");
    assert!(!ok);
    assert!(err.contains("encoder.onnx") && err.contains("/nonexistent/model"), "{err}");
}

#[test]
fn unknown_decoder_is_rejected() {
    let (ok, _, err) = run(&["correct", "--decoder", "beam"], "text\n");
    assert!(!ok);
    assert!(err.contains("beam"), "{err}");
}

#[test]
fn profile_splits_the_time_between_encoder_and_decoder() {
    let (ok, out, err) = run(&["profile"], "She go to school yesterday.\nIn addition to that, i like reading books.\n");
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["sentences"], 2);
    let shares: f64 = ["encoder_share", "decoder_share", "other_share"].iter().map(|k| v[k].as_f64().unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-6, "{v}");
    assert!(v["mean_passes"].as_f64().unwrap() >= 1.0);
    // Every pass covers at least `<s>`, so positions >= passes.
    assert!(v["mean_decoder_positions"].as_f64().unwrap() >= v["mean_passes"].as_f64().unwrap());
}
