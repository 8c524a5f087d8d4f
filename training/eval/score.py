"""Score a model folder through the Rust CLI (`emend correct`): the exact code and files
the browser runs. One command re-runs every dev benchmark:

    python -m training.eval.score [--model model] [--out training/eval/scores/model.json]

- W&I+LOCNESS dev: ERRANT F0.5 against the ERRANT-3 gold (errant_parallel + errant_compare).
- CoNLL-2013 (revised gold): ERRANT-style span F0.5 against its M2.
- FCE dev: ERRANT F0.5 against its ERRANT-3 gold (learner essays like W&I's, other annotators).
- JFLEG dev: GLEU with its 4 references (the JFLEG script's method: 500 rounds, each
  picking one random reference per sentence, mean reported).

The corpora are tokenised; the product sees raw text. So each source is detokenised,
corrected, and the output tokenised as the benchmark tokenised its source (`retokenize.py`:
unchanged words keep the source's tokens, changed ones get spaCy's, as ERRANT tokenises).

It builds the CLI first; `EMEND_BIN=path` scores a build copied aside instead (to go on
editing the crate while a score runs).
"""
import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from training.common.detok import detokenize
from training.common.paths import DATA, MODEL_DIR, REPO
from training.eval.retokenize import retokenize

ERRANT_GOLD = DATA / "wi_locness" / "errant3" / "ABCN.dev.gold.errant3_auto.m2"
CONLL_GOLD = DATA / "conll13" / "revised" / "official-preprocessed.m2"
FCE_GOLD = DATA / "fce" / "m2" / "fce.dev.errant3.m2"


def emend_binary() -> Path:
    if os.environ.get("EMEND_BIN"):
        return Path(os.environ["EMEND_BIN"])
    # The dev profile builds tract optimised (Cargo.toml) and shares the test build; the
    # numbers do not depend on the profile, only the time does. Same target dir as scripts/.
    env = {**os.environ, "CARGO_TARGET_DIR": os.environ.get("CARGO_TARGET_DIR", str(Path.home() / ".cache/emend/target"))}
    subprocess.run(["cargo", "build", "-q", "-p", "emend", "--bin", "emend"], cwd=REPO, check=True, env=env)
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO,
                                     check=True, capture_output=True, text=True, env=env).stdout)
    return Path(meta["target_directory"]) / "debug" / "emend"


def correct(lines: list[str], model: Path, system: str, copy_bias: float | None = None,
            spelling: bool = True, flags: tuple[str, ...] = ()) -> tuple[list[str], float]:
    """`lines` (tokenised) detokenised and corrected; `flags` go to `emend correct` as given."""
    raw = [detokenize(l) for l in lines]
    if system == "copy":
        return raw, 0.0
    start = time.time()
    bias = [] if copy_bias is None else ["--copy-bias", str(copy_bias)]
    bias += [] if spelling else ["--no-spelling"]
    return emend_lines("correct", raw, model, *bias, *flags), time.time() - start


def emend_lines(command: str, lines: list[str], model: Path, *args: str) -> list[str]:
    """`emend COMMAND --model MODEL ARGS` over `lines`: one output line per input line."""
    out = subprocess.run([str(emend_binary()), command, "--model", str(model), *args], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")[: len(lines)]
    assert len(out) == len(lines), f"emend {command} must write one line per input line"
    return out


def wi_dev(limit: int | None, tmp: Path) -> tuple[list[str], Path]:
    """W&I dev sources and their gold M2, cut to the first `limit` sentences if given."""
    src = (DATA / "parallel" / "wi_abcn_dev.src").read_text().splitlines()
    if not limit:
        return src, ERRANT_GOLD
    gold = tmp / "gold.m2"  # the M2 has one blank-line-separated block per sentence
    gold.write_text("\n\n".join(ERRANT_GOLD.read_text().strip().split("\n\n")[:limit]) + "\n")
    return src[:limit], gold


def errant_f05(src_tok: list[str], hyp_tok: list[str], gold: Path, tmp: Path) -> dict:
    (tmp / "src.txt").write_text("\n".join(src_tok) + "\n")
    (tmp / "hyp.txt").write_text("\n".join(hyp_tok) + "\n")
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "errant_parallel"), "-orig", str(tmp / "src.txt"), "-cor", str(tmp / "hyp.txt"),
                    "-out", str(tmp / "hyp.m2"), "-tok"], check=True, capture_output=True)
    out = subprocess.run([str(bin_dir / "errant_compare"), "-hyp", str(tmp / "hyp.m2"), "-ref", str(gold)],
                         check=True, capture_output=True, text=True).stdout
    nums = re.findall(r"^(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$", out, re.M)
    tp, fp, fn, p, r, f = nums[-1]
    return {"tp": int(tp), "fp": int(fp), "fn": int(fn), "precision": float(p), "recall": float(r), "f0.5": float(f)}


def _ngrams(tokens, n):
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def gleu(sources: list[str], hyps: list[str], refs: list[list[str]], rounds: int = 500, seed: int = 1) -> float:
    """JFLEG's GLEU: n-grams the hypothesis shares with the reference, minus those it keeps
    from the source that the reference changed; brevity penalty; n = 1..4."""
    src_t, hyp_t = [s.split() for s in sources], [h.split() for h in hyps]
    ref_t = [[r.split() for r in rs] for rs in refs]

    def stats(i, j):
        h, s, r = hyp_t[i], src_t[i], ref_t[i][j]
        row = [len(h), len(r)]
        for n in range(1, 5):
            hn, sn, rn = _ngrams(h, n), _ngrams(s, n), _ngrams(r, n)
            s_not_r = Counter({g: k for g, k in sn.items() if g not in rn})  # as JFLEG's get_ngram_diff
            num = max(sum((hn & rn).values()) - sum((hn & s_not_r).values()), 0)
            row += [num, max(len(h) - n + 1, 0)]
        return row

    cache = {}
    rng = random.Random(seed)
    scores = []
    for _ in range(rounds):
        total = [0] * 10
        for i in range(len(hyps)):
            j = rng.randrange(len(ref_t[i]))
            if (i, j) not in cache:
                cache[(i, j)] = stats(i, j)
            total = [a + b for a, b in zip(total, cache[(i, j)])]
        c, r = total[0], total[1]
        if any(x == 0 for x in total[2:]):
            scores.append(0.0)
            continue
        log_prec = sum(math.log(total[k] / total[k + 1]) for k in range(2, 10, 2)) / 4
        scores.append(math.exp(min(0.0, 1 - r / c) + log_prec))
    return 100 * sum(scores) / len(scores)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODEL_DIR))
    ap.add_argument("--system", choices=["emend", "copy"], default="emend", help="copy: score the unchanged source")
    ap.add_argument("--out", help="write the scores as JSON here")
    ap.add_argument("--only", choices=["wi", "jfleg", "conll", "fce"], action="append")
    ap.add_argument("--limit", type=int, help="W&I dev: only the first N sentences (a quick look while training)")
    ap.add_argument("--copy-bias", type=float, help="override the model's copy bias (to tune it; see export.py)")
    ap.add_argument("--no-spelling", action="store_true", help="the model without the dictionary speller")
    ap.add_argument("--dialect", help="the writer's English (emend correct --dialect): en-US, en-GB, en-CA, en-AU")
    ap.add_argument("--level", choices=["fewer", "balanced", "more"], help="how many suggestions (emend correct --level)")
    args = ap.parse_args()
    flags = (("--dialect", args.dialect) if args.dialect else ()) + (("--level", args.level) if args.level else ())
    model = Path(args.model)
    results = {"model": str(model.resolve().relative_to(REPO)) if model.resolve().is_relative_to(REPO) else str(model), "system": args.system}
    if args.copy_bias is not None:
        results["copy_bias"] = args.copy_bias
    if args.no_spelling:
        results["spelling"] = False
    if args.dialect:
        results["dialect"] = args.dialect
    if args.level:
        results["level"] = args.level
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        if not args.only or "wi" in args.only:
            src, gold = wi_dev(args.limit, tmp)
            if args.limit:
                results["wi_dev_limit"] = args.limit
            hyp, secs = correct(src, model, args.system, args.copy_bias, not args.no_spelling, flags)
            results["wi_dev"] = errant_f05(src, retokenize(src, hyp, whole_words=False), gold, tmp)
            results["wi_dev"]["seconds"] = round(secs, 1)
            print("W&I dev", results["wi_dev"], flush=True)
        if not args.only or "conll" in args.only:
            src = (DATA / "parallel" / "conll13_test.src").read_text().splitlines()
            hyp, secs = correct(src, model, args.system, args.copy_bias, not args.no_spelling, flags)
            results["conll13"] = errant_f05(src, retokenize(src, hyp, whole_words=True), CONLL_GOLD, tmp)
            print("CoNLL-2013", results["conll13"], flush=True)
        if not args.only or "fce" in args.only:
            src = (DATA / "parallel" / "fce_dev.src").read_text().splitlines()
            hyp, secs = correct(src, model, args.system, args.copy_bias, not args.no_spelling, flags)
            results["fce_dev"] = errant_f05(src, retokenize(src, hyp, whole_words=False), FCE_GOLD, tmp)
            print("FCE dev", results["fce_dev"], flush=True)
        if not args.only or "jfleg" in args.only:
            jf = DATA / "jfleg" / "dev"
            src = (jf / "dev.src").read_text().splitlines()
            refs = list(zip(*[(jf / f"dev.ref{k}").read_text().splitlines() for k in range(4)]))
            hyp, secs = correct(src, model, args.system, args.copy_bias, not args.no_spelling, flags)
            results["jfleg_dev_gleu"] = round(gleu(src, retokenize(src, hyp, whole_words=True), [list(r) for r in refs]), 2)
            print("JFLEG dev GLEU", results["jfleg_dev_gleu"], flush=True)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
