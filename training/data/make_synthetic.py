"""Stage 1b: synthetic pairs from the clean sentences (corrupted source, clean target)."""
import argparse
import random

from training.common.paths import DATA, work
from training.data.synth_errors import ErrorInjector

CLEAN = ["clean_text/enwiki_wikitasks", "clean_text/brown", "clean_text/gutenberg_nltk"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-sentences", type=int, default=300_000)
    ap.add_argument("--max-words", type=int, default=45)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="synthetic.tsv", help="file name in the work folder")
    ap.add_argument("--mix", default="", help="generator weights to override, e.g. inflection=0.3,spelling=0.06")
    args = ap.parse_args()

    sents = []
    for folder in CLEAN:
        for line in (DATA / folder / "sentences.txt").read_text().splitlines():
            n = len(line.split())
            if 3 <= n <= args.max_words and "\t" not in line:
                sents.append(line.strip())
    random.Random(args.seed).shuffle(sents)
    sents = sents[: args.max_sentences]
    mix = {k: float(v) for k, v in (kv.split("=") for kv in args.mix.split(",") if kv)}
    inj = ErrorInjector(seed=args.seed, mix=mix)
    out_path = work(args.out)
    with out_path.open("w") as out:
        for i, s in enumerate(sents):
            out.write(f"{inj.corrupt(s)}\t{s}\n")
            if i % 50_000 == 0:
                print(i, flush=True)
    print(f"synthetic pairs: {len(sents)} -> {out_path}")


if __name__ == "__main__":
    main()
