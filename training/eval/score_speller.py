"""The dictionary speller alone (`emend spell`) on the dev sets: how many of its fixes the
gold shares (ERRANT TP) and how many it does not (FP), and JFLEG dev's GLEU with nothing but
its fixes. A minute instead of `score.py`'s six: for trying speller changes before scoring
the whole chain.

    python -m training.eval.score_speller [--model DIR]
"""

import argparse
import json
import tempfile
from pathlib import Path

from training.common.detok import detokenize
from training.common.paths import DATA, MODEL_DIR
from training.eval.retokenize import retokenize
from training.eval.score import CONLL_GOLD, ERRANT_GOLD, FCE_GOLD, emend_lines, errant_f05, gleu


def spell(lines: list[str], model: Path) -> list[str]:
    return emend_lines("spell", [detokenize(l) for l in lines], model)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODEL_DIR))
    ap.add_argument("--out", help="write the numbers as JSON here")
    args = ap.parse_args()
    model = Path(args.model)
    results = {}
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        for name, src_file, gold, whole_words in [("wi_dev", "wi_abcn_dev.src", ERRANT_GOLD, False), ("fce_dev", "fce_dev.src", FCE_GOLD, False),
                                                  ("conll13", "conll13_test.src", CONLL_GOLD, True)]:
            src = (DATA / "parallel" / src_file).read_text().splitlines()
            r = errant_f05(src, retokenize(src, spell(src, model), whole_words), gold, tmp)
            results[name] = {"right": r["tp"], "wrong": r["fp"]}
            print(name, results[name], flush=True)
        jf = DATA / "jfleg" / "dev"
        src = (jf / "dev.src").read_text().splitlines()
        refs = [list(r) for r in zip(*[(jf / f"dev.ref{k}").read_text().splitlines() for k in range(4)])]
        results["jfleg_dev_gleu"] = round(gleu(src, retokenize(src, spell(src, model), whole_words=True), refs), 2)
        print("JFLEG dev GLEU", results["jfleg_dev_gleu"], flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
