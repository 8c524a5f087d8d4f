"""The speller's hyphenated compounds (model/en.compounds): word pairs that clean English
writes with a hyphen far more often than apart ("so called" -> "so-called", "time consuming"
-> "time-consuming", "forty five" -> "forty-five"). The model never inserts a hyphen (W&I
dev: 52 missing hyphens, none fixed), so the checker does, by this list (crate/src/rules/compounds.rs).

One pair per line, `first second`, lower-cased: those written with a hyphen at least
--min-count times and in at least --min-share of their uses, counted in the clean text and
the learner corpora's corrected side (weighted 3x, as in make_ngrams.py). Chosen on W&I and
FCE dev (training/RUNS.md, session 12).

    python -m training.lexicon.make_compounds [--min-count 10] [--min-share 0.7]
"""
import argparse
import re
from collections import Counter

from training.common.paths import MODEL_DIR
from training.lexicon.make_ngrams import sentences

HYPHENATED = re.compile(r"(?<![\w-])([a-z]+)-([a-z]+)(?![\w-])")  # not part of "a-b-c"
TOKEN = re.compile(r"[a-z]+|[^a-z\s]")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--min-share", type=float, default=0.7)
    args = ap.parse_args()
    joined: Counter[tuple[str, str]] = Counter()
    apart: Counter[tuple[str, str]] = Counter()
    for weight, line in sentences():
        low = line.lower()
        for m in HYPHENATED.finditer(low):
            joined[m.group(1), m.group(2)] += weight
        tokens = TOKEN.findall(low)  # "a-b" gives "a", "-", "b": not a pair apart
        for pair in zip(tokens, tokens[1:]):
            if pair[0].isalpha() and pair[1].isalpha():
                apart[pair] += weight
    keep = sorted(p for p, n in joined.items() if n >= args.min_count and n / (n + apart[p]) >= args.min_share)
    out = MODEL_DIR / "en.compounds"
    out.write_text("".join(f"{a} {b}\n" for a, b in keep))
    print(f"{len(keep)} compounds -> {out}")


if __name__ == "__main__":
    main()
