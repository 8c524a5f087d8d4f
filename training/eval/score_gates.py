"""Do the signals the checker has about an edit tell its right edits from its wrong ones? For
each kind of edit the checker offers, what holding back the edits below a threshold of each
signal would do to F0.5 on W&I dev, CoNLL-2013 and FCE dev:

- `margin`: how far the model's token led the source's token it replaced, in logits;
- `bigramGain`: how much likelier the speller's bigram model of clean English finds the
  edit's words than the writer's, between the same neighbours (natural log).

Runs `emend check --all-kinds` once per data set (each suggestion carries both signals), labels
every suggestion alone with ERRANT against the gold M2 (its TP and FP when only it is applied),
then re-counts F0.5 with each kind's edits below each threshold left out. The measurement
behind `min_margin` and `min_bigram_gain` in a model's config.json (training/RUNS.md, sessions
9 and 11). `--gate KIND:SIGNAL=T` (repeatable) also reports all the named gates together.

    python -m training.eval.score_gates [--model DIR] [--copy-bias B] [--gate grammar/replace:bigramGain=-1] --out training/eval/scores/gates.json
"""
import argparse
import bisect
import json
import subprocess
from pathlib import Path

from training.common.detok import detokenize
from training.common.paths import DATA, MODEL_DIR
from training.eval.retokenize import retokenize
from training.eval.score import CONLL_GOLD, ERRANT_GOLD, FCE_GOLD, emend_binary
from training.eval.score_by_kind import apply, kind

SETS = {
    # source, gold, whether the benchmark writes "radio-frequency" as one token (`retokenize`)
    "wi_dev": (DATA / "parallel" / "wi_abcn_dev.src", ERRANT_GOLD, False),
    "conll13": (DATA / "parallel" / "conll13_test.src", CONLL_GOLD, True),
    "fce_dev": (DATA / "parallel" / "fce_dev.src", FCE_GOLD, False),
}
THRESHOLDS = {"margin": [0.25, 0.5, 1.0, 1.5, 2.0], "bigramGain": [-3.0, -2.0, -1.5, -1.0, -0.5, 0.0]}


def gold_edits(m2: Path) -> list[set]:
    """Annotator 0's edits of each sentence, as (start, end, correction)."""
    out = []
    for block in m2.read_text().strip().split("\n\n"):
        edits = set()
        for line in block.split("\n")[1:]:
            span, typ, cor, _, _, annotator = line[2:].split("|||")
            if typ != "noop" and annotator == "0":
                start, end = map(int, span.split())
                edits.add((start, end, cor))
        out.append(edits)
    return out


def labelled(src_tok: list[str], gold: list[set], model: Path, copy_bias: float | None, whole_words: bool) -> list[dict]:
    """Every suggestion with its own TP and FP (it alone applied to its line)."""
    import errant

    lines = [detokenize(l) for l in src_tok]
    cmd = [str(emend_binary()), "check", "--all-kinds", "--model", str(model)]
    if copy_bias is not None:
        cmd.append(f"--copy-bias={copy_bias}")
    out = subprocess.run(cmd, input="\n".join(lines), capture_output=True, text=True, check=True).stdout
    suggestions = json.loads(out)["suggestions"]
    starts, at = [], 0  # each line's first UTF-16 offset in the joined text
    for line in lines:
        starts.append(at)
        at += len(line.encode("utf-16-le")) // 2 + 1
    hyps, where = [], []
    for s in suggestions:
        i = bisect.bisect_right(starts, s["start"]) - 1
        hyps.append(apply(lines[i], [{**s, "start": s["start"] - starts[i], "end": s["end"] - starts[i]}]))
        where.append(i)
    annotator = errant.load("en")
    parsed = {}
    for s, i, hyp in zip(suggestions, where, retokenize([src_tok[i] for i in where], hyps, whole_words)):
        if i not in parsed:
            parsed[i] = annotator.parse(src_tok[i], tokenise=False)
        edits = annotator.annotate(parsed[i], annotator.parse(hyp, tokenise=False))
        s["tp"] = sum((e.o_start, e.o_end, e.c_str) in gold[i] for e in edits)
        s["fp"] = len(edits) - s["tp"]
    return suggestions


def f05(suggestions: list[dict], n_gold: int, skip=lambda s: False) -> float:
    offered = [s for s in suggestions if not s.get("heldBack") and not skip(s)]
    tp, fp = sum(s["tp"] for s in offered), sum(s["fp"] for s in offered)
    p, r = tp / max(1, tp + fp), tp / n_gold
    return 1.25 * p * r / (0.25 * p + r) if tp else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODEL_DIR))
    ap.add_argument("--copy-bias", type=float, help="override the model's copy bias (below 0: an edit bonus)")
    ap.add_argument("--gate", action="append", default=[], metavar="KIND:SIGNAL=T",
                    help="a gate to try with the others named, e.g. spelling/replace:bigramGain=-1")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gates = [(g.split(":", 1)[0], g.split(":", 1)[1].split("=")[0], float(g.split("=")[1])) for g in args.gate]
    results = {}
    for name, (src, m2, whole_words) in SETS.items():
        gold = gold_edits(m2)
        suggestions = labelled(src.read_text().splitlines(), gold, Path(args.model), args.copy_bias, whole_words)
        n_gold = sum(len(g) for g in gold)
        base = f05(suggestions, n_gold)
        offered = [s for s in suggestions if not s.get("heldBack")]
        per_kind = {}
        for k in sorted({kind(s) for s in offered}):
            mine = [s for s in offered if kind(s) == k]
            row = {"edits": len(mine), "tp": sum(s["tp"] for s in mine), "fp": sum(s["fp"] for s in mine)}
            for signal, thresholds in THRESHOLDS.items():
                if not any(signal in s for s in mine):
                    continue
                for t in thresholds:
                    below = lambda s, t=t, signal=signal: kind(s) == k and s.get(signal, float("inf")) < t
                    row[f"{signal} below {t}"] = {
                        "tp": sum(s["tp"] for s in mine if below(s)),
                        "fp": sum(s["fp"] for s in mine if below(s)),
                        "f0.5 change": round(f05(suggestions, n_gold, below) - base, 4),
                    }
            per_kind[k] = row
        results[name] = {"f0.5 (edits labelled alone)": round(base, 4), "gold edits": n_gold, "kinds": per_kind}
        print(name, results[name]["f0.5 (edits labelled alone)"], flush=True)
        for k, row in per_kind.items():
            cells = [f"{key.replace(' below ', '<')}: {v['tp']}/{v['fp']} {v['f0.5 change']:+.4f}" for key, v in row.items() if isinstance(v, dict) and v["tp"] + v["fp"]]
            print(f"  {k:24s} {row['tp']:4d}/{row['fp']:<4d}", "  ".join(cells))
        if gates:
            held = lambda s: any(kind(s) == k and s.get(sig, float("inf")) < t for k, sig, t in gates)
            tp = sum(s["tp"] for s in offered if not held(s))
            fp = sum(s["fp"] for s in offered if not held(s))
            results[name]["gates tried"] = {"gates": args.gate, "tp": tp, "fp": fp, "precision": round(tp / max(1, tp + fp), 4),
                                            "f0.5 change": round(f05(suggestions, n_gold, held) - base, 4)}
            print("  with the gates:", results[name]["gates tried"], flush=True)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
