"""The precision dial's levels (crate/src/policy/level.rs): how they were chosen and what they score.

1. `--choose`: every suggestion of `emend check --all-kinds` on W&I dev and FCE dev, labelled
   alone with ERRANT (`score_gates.labelled`), pooled. "Fewer" is built greedily: start from
   nothing and add, one step at a time, the (kind, source, threshold) whose newly offered
   edits are right most often (the model's edits by their margin, the speller's and rules'
   by their bigram gain; 12 edits or more a step), while the pooled precision stays at
   `--target` (0.78) or above. Labelled alone, edits score about 0.02 higher than in the
   whole chain (0.786 against 0.766 on W&I dev), hence a target above 0.75. Prints the thresholds `level.rs` copies, and for "more" what
   each held-back kind adds when offered too.
2. Without `--choose`: each level through the whole chain (`score.py --level`): W&I dev
   P/R/F0.5, FCE dev, CoNLL-2013 and JFLEG dev GLEU, as model/MODEL_CARD.md reports them.

    python -m training.eval.score_levels --choose [--target 0.78]
    python -m training.eval.score_levels --out training/eval/scores/levels.json
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from training.common.paths import MODEL_DIR, REPO
from training.eval.score_by_kind import kind
from training.eval.score_gates import SETS, gold_edits, labelled

MARGINS = [0, 1, 2, 3, 4, 5, 6]
GAINS = [float("-inf"), 0, 1, 3, 5, 7, 10]
LEAST_STEP = 12  # edits a step adds, so that no threshold is fitted to a handful


def source_kind(s: dict) -> str:
    """The kind, and whether the model's margin is in it ("m") or not (the speller's, a rule's)."""
    return kind(s) + ("|model" if "margin" in s else "|rules")


def passes(thresholds: dict, s: dict) -> bool:
    t = thresholds.get(source_kind(s))
    if t is None:
        return False
    return s["margin"] >= t if "margin" in s else s.get("bigramGain", float("inf")) >= t


def counts(suggestions: list[dict], keep) -> tuple[int, int, int]:
    kept = [s for s in suggestions if keep(s)]
    return sum(s["tp"] for s in kept), sum(s["fp"] for s in kept), len(kept)


def prf(tp: int, fp: int, n_gold: int) -> dict:
    p, r = tp / max(1, tp + fp), tp / max(1, n_gold)
    return {"tp": tp, "fp": fp, "precision": round(p, 4), "recall": round(r, 4),
            "f0.5": round(1.25 * p * r / (0.25 * p + r), 4) if tp else 0.0}


def choose(target: float) -> None:
    sets = {}
    for name in ("wi_dev", "fce_dev"):
        src, m2, whole_words = SETS[name]
        gold = gold_edits(m2)
        sets[name] = (labelled(src.read_text().splitlines(), gold, MODEL_DIR, None, whole_words), sum(map(len, gold)))
    offered = [s for suggestions, _ in sets.values() for s in suggestions if not s.get("heldBack")]
    kinds = sorted({source_kind(s) for s in offered})
    chosen: dict[str, float] = {}
    while True:
        tp0, fp0, n0 = counts(offered, lambda s: passes(chosen, s))
        best = None
        for k in kinds:
            for t in MARGINS if k.endswith("|model") else GAINS:
                if k in chosen and t >= chosen[k]:
                    continue
                trial = {**chosen, k: t}
                tp, fp, n = counts(offered, lambda s: passes(trial, s))
                if n - n0 < LEAST_STEP or tp / max(1, tp + fp) < target:
                    continue
                gained = (tp - tp0) / max(1, tp - tp0 + fp - fp0)
                if best is None or gained > best[0]:
                    best = (gained, k, t)
        if best is None:
            break
        chosen[best[1]] = best[2]
        print(f"  + {best[1]} >= {best[2]} (new edits right {best[0]:.2f})")
    print("fewer:", json.dumps(chosen))
    for name, (suggestions, n_gold) in sets.items():
        print(f"  {name}: fewer {prf(*counts(suggestions, lambda s: not s.get('heldBack') and passes(chosen, s))[:2], n_gold)}")
        print(f"  {name}: balanced {prf(*counts(suggestions, lambda s: not s.get('heldBack'))[:2], n_gold)}")
        for held in sorted({s["heldBack"] for s in suggestions if s.get("heldBack")}):
            more = counts(suggestions, lambda s: not s.get("heldBack") or s["heldBack"] == held)
            print(f"  {name}: balanced + '{held}' {prf(*more[:2], n_gold)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--choose", action="store_true", help="choose the levels from labelled suggestions")
    ap.add_argument("--target", type=float, default=0.78, help="the least pooled precision of 'fewer'")
    ap.add_argument("--out", help="write each level's whole-chain scores here as JSON")
    args = ap.parse_args()
    if args.choose:
        choose(args.target)
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for level in ("fewer", "balanced", "more"):
            out = Path(tmp) / f"{level}.json"
            subprocess.run([sys.executable, "-m", "training.eval.score", "--level", level, "--out", str(out)], cwd=REPO, check=True)
            results[level] = json.loads(out.read_text())
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    for level, r in results.items():
        print(level, {k: r[k] for k in ("wi_dev", "fce_dev", "conll13", "jfleg_dev_gleu")})


if __name__ == "__main__":
    main()
