"""ERRANT precision of each kind of edit the checker makes, on W&I dev and CoNLL-2013.

Runs `emend check --all-kinds` once per data set (so the kinds the checker holds back as
usually wrong are in the output too, named by `heldBack`), then scores each kind on its own:
only that kind's edits applied, ERRANT against the gold M2. This is the measurement behind
`held_back` in crate/src/checker.rs (training/RUNS.md, "Which edits the checker offers").

    python -m training.eval.score_by_kind [--model DIR] [--only wi|conll] [--min 20] --out training/eval/scores/by_kind.json
"""
import argparse
import json
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from training.common.detok import detokenize
from training.common.paths import DATA, MODEL_DIR
from training.eval.retokenize import retokenize
from training.eval.score import CONLL_GOLD, emend_binary, errant_f05, wi_dev


def kind(s: dict) -> str:
    """The held-back kind, else category and operation ("determiner/insert")."""
    if s.get("heldBack"):
        return f'held: {s["heldBack"]}'
    op = {"Missing": "insert", "Unnecessary": "delete"}.get(s["message"].split(" ")[0], "replace")
    return f'{s["category"]}/{op}'


def apply(text: str, suggestions: list[dict]) -> str:
    """`text` with `suggestions` applied (their offsets are UTF-16 code units). Of two that
    overlap (`--all-kinds` gives a held-back rewrite and the speller's fix inside it), the one
    that starts later, or at the same start the longer, is applied."""
    units = bytearray(text.encode("utf-16-le"))
    before = len(units) // 2
    for s in sorted(suggestions, key=lambda s: (-s["start"], -s["end"])):
        if s["end"] > before:
            continue
        units[2 * s["start"] : 2 * s["end"]] = s["replacement"].encode("utf-16-le")
        before = s["start"]
    return units.decode("utf-16-le")


def by_kind(src_tok: list[str], gold: Path, model: Path, min_count: int, whole_words: bool) -> dict:
    text = "\n".join(detokenize(l) for l in src_tok)
    out = subprocess.run([str(emend_binary()), "check", "--all-kinds", "--model", str(model)], input=text,
                         capture_output=True, text=True, check=True).stdout
    suggestions = json.loads(out)["suggestions"]
    counts = Counter(kind(s) for s in suggestions)
    groups = {"all offered": [s for s in suggestions if not s.get("heldBack")], "all": suggestions}
    groups |= {k: [s for s in suggestions if kind(s) == k] for k, n in counts.most_common() if n >= min_count}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, group in groups.items():
            hyp = apply(text, group).split("\n")
            assert len(hyp) == len(src_tok)
            results[name] = {"n": len(group), **errant_f05(src_tok, retokenize(src_tok, hyp, whole_words), gold, Path(tmp))}
            print(name, results[name], flush=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODEL_DIR))
    ap.add_argument("--only", choices=["wi", "conll"], action="append")
    ap.add_argument("--min", type=int, default=20, help="score kinds with at least this many edits")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.only or "wi" in args.only:
            src, gold = wi_dev(None, Path(tmp))
            results["wi_dev"] = by_kind(src, gold, Path(args.model), args.min, whole_words=False)
    if not args.only or "conll" in args.only:
        src = (DATA / "parallel" / "conll13_test.src").read_text().splitlines()
        results["conll13"] = by_kind(src, CONLL_GOLD, Path(args.model), args.min, whole_words=True)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
