"""The speller's word frequencies (model/en.freq): the words of the clean English text and
of the learner corpora's corrected side, most frequent first, one per line, lower-cased. The Rust
speller (crate/src/spelling.rs) ranks the dictionary's suggestions with it: among the
closest suggestions the commonest word wins ("dont" -> "don't", not "dot").

    python training/make_word_freq.py [--top 40000]
"""
import argparse
import re
from collections import Counter

from make_synthetic import CLEAN
from paths import DATA, MODEL_DIR, work

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=40_000)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    for folder in CLEAN:
        counts.update(WORD.findall((DATA / folder / "sentences.txt").read_text()))
    # Learner essays are informal ("don't", "I'm"): their corrected side weighs 3x.
    for line in work("learner.tsv").read_text().splitlines():
        target = line.split("\t")[-1]
        for w in WORD.findall(target):
            counts[w] += 3
    # Case and apostrophe style do not matter to the ranking: fold them, keep the first rank.
    words = list(dict.fromkeys(w.lower().replace("’", "'") for w, c in counts.most_common() if c >= args.min_count))
    words = words[: args.top]
    out = MODEL_DIR / "en.freq"
    out.write_text("\n".join(words) + "\n")
    print(f"{len(words)} words -> {out} ({out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
