"""Pairs whose sources have the dictionary speller's fixes applied, as the model reads them
inside the checker (the speller runs first): the model then learns to correct spelt text,
including the speller's wrong guesses ("desition" -> "deposition" -> "decision").

    python -m training.data.spell_pairs wi_train.tsv synthetic_v5g_25k.tsv   # -> wi_train.spelt.tsv, ...
"""
import argparse

from training.common.paths import MODEL_DIR, work
from training.eval.score import emend_lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", help="pair files (source TAB target) in the work folder")
    args = ap.parse_args()
    for name in args.files:
        pairs = [l.rstrip("\n").split("\t") for l in work(name).open()]
        pairs = [p for p in pairs if len(p) == 2]
        spelt = emend_lines("spell", [s for s, _ in pairs], MODEL_DIR)
        out = work(name.removesuffix(".tsv") + ".spelt.tsv")
        with out.open("w") as f:
            for s, (_, t) in zip(spelt, pairs):
                f.write(f"{s}\t{t}\n")
        changed = sum(s != p[0] for s, p in zip(spelt, pairs))
        print(f"{name}: {len(pairs)} pairs, {changed} sources changed -> {out.name}", flush=True)


if __name__ == "__main__":
    main()
