//! `emend` command line: correct lines, check a text, compare the two decoders.

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{Parser, Subcommand};
use emend::{shipped_model_dir, Checker, DecoderKind, Dialect, Level, Model, Speller};

#[derive(Parser)]
#[command(name = "emend", version, about = "Offline grammar correction")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read one text per line on stdin, write exactly one corrected line per input line.
    Correct {
        /// Model folder (default: the shipped model, or $EMEND_MODEL)
        #[arg(long)]
        model: Option<PathBuf>,
        #[arg(long, default_value = "aggressive")]
        decoder: DecoderKind,
        /// Lines read before correcting them together
        #[arg(long, default_value_t = 64)]
        batch: usize,
        /// Sentences verified together in one decoder call
        #[arg(long, default_value_t = emend::checker::DEFAULT_BATCH)]
        decode_batch: usize,
        /// Override the model's copy bias (logit bonus for keeping the source token; below 0:
        /// an edit bonus), e.g. to tune it
        #[arg(long, allow_negative_numbers = true)]
        copy_bias: Option<f32>,
        /// The model alone, without the dictionary's spelling fixes
        #[arg(long)]
        no_spelling: bool,
        /// The writer's English: en-US, en-GB, en-CA, en-AU, or any (every spelling right)
        #[arg(long, default_value = "any", value_parser = dialect)]
        dialect: Dialect,
        /// How many suggestions: fewer, balanced or more (emend::level)
        #[arg(long, default_value = "balanced", value_parser = level)]
        level: Level,
    },
    /// Read a whole text on stdin, print its suggestions as JSON (UTF-16 offsets).
    Check {
        #[arg(long)]
        model: Option<PathBuf>,
        #[arg(long, default_value = "aggressive")]
        decoder: DecoderKind,
        /// Also the kinds of edit the checker holds back as usually wrong (to measure them),
        /// with the model's margin for each edit
        #[arg(long)]
        all_kinds: bool,
        /// Override the model's copy bias (below 0: an edit bonus), e.g. to tune it
        #[arg(long, allow_negative_numbers = true)]
        copy_bias: Option<f32>,
        /// The writer's English: en-US, en-GB, en-CA, en-AU, or any (every spelling right)
        #[arg(long, default_value = "any", value_parser = dialect)]
        dialect: Dialect,
        /// How many suggestions: fewer, balanced or more (emend::level)
        #[arg(long, default_value = "balanced", value_parser = level)]
        level: Level,
    },
    /// Correct every stdin line with the model alone and both decoders; report time, passes and
    /// mismatches as JSON.
    Compare {
        #[arg(long)]
        model: Option<PathBuf>,
        /// Write the per-sentence timings (ms, greedy and aggressive) to this file as JSON
        #[arg(long)]
        timings: Option<PathBuf>,
    },
    /// Read one text per line, write it with the dictionary speller's fixes alone: what the
    /// model reads inside the checker (training/data/spell_pairs.py trains on the same).
    Spell {
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Where aggressive decoding spends its time, one stdin line at a time: encoder, decoder
    /// passes (and the positions they cover), everything else. JSON totals.
    Profile {
        #[arg(long)]
        model: Option<PathBuf>,
    },
}

/// The system allocator, counting live and peak heap bytes (for `emend profile`).
struct CountingAlloc;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

const MB: f64 = 1024.0 * 1024.0;

/// Times every decoder call (the positions it computed are counted by its cache).
struct TimedScorer<'a> {
    inner: emend::model::corrector::ModelScorer<'a>,
    secs: f64,
}

impl emend::model::decode::Scorer for TimedScorer<'_> {
    fn predict(&mut self, requests: &[emend::model::decode::Request], copy_bias: f32) -> emend::Result<Vec<Vec<emend::model::decode::Choice>>> {
        let t = Instant::now();
        let out = self.inner.predict(requests, copy_bias);
        self.secs += t.elapsed().as_secs_f64();
        out
    }
}

fn profile(model: &Model, lines: &[String]) -> emend::Result<serde_json::Value> {
    let params = emend::model::decode::DecodeParams::for_model(&model.codec.config);
    let (mut total, mut encoder, mut decoder) = (0.0, 0.0, 0.0);
    let (mut tokens, mut positions, mut passes) = (0, 0, 0);
    for line in lines {
        let start = Instant::now();
        let ids = model.codec.source_ids(line)?;
        let t = Instant::now();
        let enc = model.encode(std::slice::from_ref(&ids))?;
        encoder += t.elapsed().as_secs_f64();
        let mut scorer = TimedScorer { inner: emend::model::corrector::ModelScorer::new(model, &enc), secs: 0.0 };
        let (out, stats) = emend::model::decode::aggressive(&mut scorer, std::slice::from_ref(&ids), &params)?;
        model.codec.detokenize(&out[0].tokens)?;
        total += start.elapsed().as_secs_f64();
        decoder += scorer.secs;
        positions += scorer.inner.cache.positions;
        passes += stats.passes;
        tokens += ids.len();
    }
    let n = lines.len().max(1) as f64;
    Ok(serde_json::json!({
        "sentences": lines.len(),
        "mean_source_tokens": tokens as f64 / n,
        "mean_ms": total * 1e3 / n,
        "encoder_share": encoder / total,
        "decoder_share": decoder / total,
        "other_share": (total - encoder - decoder) / total,
        "mean_passes": passes as f64 / n,
        "mean_decoder_positions": positions as f64 / n,
        "encoder_us_per_token": encoder * 1e6 / tokens.max(1) as f64,
        "decoder_us_per_position": decoder * 1e6 / positions.max(1) as f64,
    }))
}

/// A `--dialect` value.
fn dialect(tag: &str) -> Result<Dialect, String> {
    Dialect::from_tag(tag).ok_or_else(|| format!("{tag:?} is not an English dialect (en-US, en-GB, en-CA, en-AU or any)"))
}

/// A `--level` value.
fn level(name: &str) -> Result<Level, String> {
    Level::from_name(name).ok_or_else(|| format!("{name:?} is not a level (fewer, balanced or more)"))
}

fn load(model: Option<PathBuf>) -> Result<Checker, String> {
    load_with(model, None, true)
}

/// The checker for a model folder: its model (with the copy bias overridden if asked) and,
/// if `spelling` and the folder has a dictionary, its speller.
fn load_with(model: Option<PathBuf>, copy_bias: Option<f32>, spelling: bool) -> Result<Checker, String> {
    let dir = model.unwrap_or_else(shipped_model_dir);
    let cannot = |e: emend::EmendError| format!("cannot load model from {}: {e}", dir.display());
    let mut model = Model::from_dir(&dir).map_err(cannot)?;
    if let Some(bias) = copy_bias {
        if !emend::model::config::COPY_BIAS_RANGE.contains(&bias) {
            return Err(format!("--copy-bias {bias} is not in {:?}", emend::model::config::COPY_BIAS_RANGE));
        }
        model.codec.config.copy_bias = bias;
    }
    let speller = if spelling { Speller::from_dir(&dir).map_err(cannot)? } else { None };
    let mut checker = Checker::new(model);
    checker.set_speller(speller);
    Ok(checker)
}

fn run(cli: Cli) -> Result<(), String> {
    let err = |e: emend::EmendError| e.to_string();
    match cli.command {
        Command::Correct { model, decoder, batch, decode_batch, copy_bias, no_spelling, dialect, level } => {
            let mut checker = load_with(model, copy_bias, !no_spelling)?;
            checker.set_dialect(dialect);
            checker.set_level(level);
            checker.decoder = decoder;
            checker.batch = decode_batch;
            let stdin = io::stdin();
            let mut out = io::BufWriter::new(io::stdout().lock());
            let lines: Vec<String> = stdin.lock().lines().collect::<Result<_, _>>().map_err(|e| e.to_string())?;
            for group in lines.chunks(batch.max(1)) {
                // Check the group as one text so its sentences share decoder batches.
                let joined = group.join("\n");
                let corrected = checker.correct_text(&joined).map_err(err)?;
                let fixed: Vec<&str> = corrected.split('\n').collect();
                if fixed.len() != group.len() {
                    return Err("internal error: a correction changed the number of lines".into());
                }
                for line in fixed {
                    writeln!(out, "{line}").map_err(|e| e.to_string())?;
                }
            }
            out.flush().map_err(|e| e.to_string())
        }
        Command::Check { model, decoder, all_kinds, copy_bias, dialect, level } => {
            let mut checker = load_with(model, copy_bias, true)?;
            checker.set_dialect(dialect);
            checker.set_level(level);
            checker.decoder = decoder;
            checker.set_offer_unreliable(all_kinds);
            let mut text = String::new();
            io::stdin().read_to_string(&mut text).map_err(|e| e.to_string())?;
            let result = checker.check(&text).map_err(err)?;
            println!("{}", serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?);
            Ok(())
        }
        Command::Compare { model, timings } => {
            let mut checker = load(model)?;
            let lines: Vec<String> = io::stdin().lock().lines().collect::<Result<_, _>>().map_err(|e| e.to_string())?;
            let mut report = serde_json::Map::new();
            let mut outputs = Vec::new();
            let mut per_sentence = serde_json::Map::new();
            for kind in [DecoderKind::Greedy, DecoderKind::Aggressive] {
                checker.decoder = kind;
                let mut ms = Vec::with_capacity(lines.len());
                let mut total_stats = emend::DecodeStats::default();
                let mut texts = Vec::with_capacity(lines.len());
                let start = Instant::now();
                for line in &lines {
                    let t = Instant::now();
                    let (out, stats) = checker.model_units(&[line.as_str()]).map_err(err)?;
                    ms.push(t.elapsed().as_secs_f64() * 1e3);
                    total_stats += stats;
                    texts.push(out.into_iter().next().unwrap_or_default());
                }
                let total = start.elapsed().as_secs_f64();
                let name = if kind == DecoderKind::Greedy { "greedy" } else { "aggressive" };
                let mut sorted = ms.clone();
                sorted.sort_by(f64::total_cmp);
                let pct = |p: f64| sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
                report.insert(
                    name.into(),
                    serde_json::json!({
                        "total_s": total,
                        "p50_ms": pct(0.5), "p95_ms": pct(0.95), "max_ms": pct(1.0),
                        "mean_passes": total_stats.passes as f64 / lines.len().max(1) as f64,
                        "mean_positions": total_stats.positions as f64 / lines.len().max(1) as f64,
                        "over_budget": total_stats.over_budget,
                        "decoder_s": total_stats.decoder_ms / 1e3,
                        "encoder_s": total_stats.encoder_ms / 1e3,
                    }),
                );
                per_sentence.insert(name.into(), serde_json::json!(ms));
                outputs.push(texts);
            }
            let mismatches = outputs[0].iter().zip(&outputs[1]).filter(|(a, b)| a != b).count();
            let speedup = report["greedy"]["total_s"].as_f64().unwrap_or(0.0)
                / report["aggressive"]["total_s"].as_f64().unwrap_or(1.0).max(1e-9);
            report.insert("sentences".into(), lines.len().into());
            report.insert("mismatches".into(), mismatches.into());
            report.insert("speedup".into(), speedup.into());
            let decoder_s = |name: &str| report[name]["decoder_s"].as_f64().unwrap_or(0.0);
            report.insert("decoder_speedup".into(), (decoder_s("greedy") / decoder_s("aggressive").max(1e-9)).into());
            if let Some(path) = timings {
                std::fs::write(&path, serde_json::Value::Object(per_sentence).to_string()).map_err(|e| e.to_string())?;
            }
            println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
            Ok(())
        }
        Command::Spell { model } => {
            let dir = model.unwrap_or_else(shipped_model_dir);
            let cannot = |e: emend::EmendError| format!("cannot load the speller from {}: {e}", dir.display());
            let speller = Speller::from_dir(&dir).map_err(cannot)?.ok_or_else(|| format!("{} has no dictionary", dir.display()))?;
            let mut out = io::BufWriter::new(io::stdout().lock());
            for line in io::stdin().lock().lines() {
                let line = line.map_err(|e| e.to_string())?;
                writeln!(out, "{}", speller.fix(&line)).map_err(|e| e.to_string())?;
            }
            out.flush().map_err(|e| e.to_string())
        }
        Command::Profile { model } => {
            let dir = model.unwrap_or_else(shipped_model_dir);
            let lines: Vec<String> = io::stdin().lock().lines().collect::<Result<_, _>>().map_err(|e| e.to_string())?;
            let start = LIVE.load(Ordering::Relaxed);
            // Each loading stage: its time, the heap it leaves live and its peak above the start.
            let mut stages = Vec::new();
            let mut stage = |name: &str, t: Instant, before: usize| {
                let (live, peak) = (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
                stages.push(serde_json::json!({
                    "stage": name, "ms": t.elapsed().as_secs_f64() * 1e3,
                    "live_mb": (live as f64 - before as f64) / MB, "peak_above_start_mb": (peak - start) as f64 / MB,
                }));
                PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
            };
            PEAK.store(start, Ordering::Relaxed);
            let t = Instant::now();
            let model = Model::from_dir(&dir).map_err(err)?;
            stage("model (4 files read, both graphs, tokenizer)", t, start);
            let (loaded, t) = (LIVE.load(Ordering::Relaxed), Instant::now());
            let speller = Speller::from_dir(&dir).map_err(err)?;
            stage("speller (dictionary, n-grams, forms, compounds)", t, loaded);
            drop(speller);
            let mut report = profile(&model, &lines).map_err(err)?;
            let mem = serde_json::json!({
                "heap_mb_loaded": (loaded - start) as f64 / MB,
                "heap_mb_peak_while_checking": (PEAK.load(Ordering::Relaxed) - start) as f64 / MB,
                "model_load_ms": model.load_ms.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
                "load_stages": stages,
            });
            report.as_object_mut().expect("object").extend(mem.as_object().expect("object").clone());
            println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("emend: {e}");
            ExitCode::FAILURE
        }
    }
}
