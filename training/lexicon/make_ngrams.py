"""The speller's word statistics (model/en.ngrams): how often each common word occurs, and how
often each common pair of words does, in the clean English text and the learner corpora's
corrected side. The Rust speller (crate/src/lexicon/ngrams.rs) picks among a misspelt word's closest
suggestions the one likeliest between its neighbours ("I always simle" -> "smile", not
"simple"; with no neighbours to go by, the commonest: "dont" -> "don't", not "dot").

One line per word, commonest first: `word<TAB>count<TAB>next count next count ...`, the
words that follow it at least --min-pair times, commonest first. `<s>` starts a sentence and
`</s>` ends one. Lower-cased, apostrophes straightened.

    python -m training.lexicon.make_ngrams [--top 40000] [--min-count 3] [--min-pair 5]
"""
import argparse
import re
from collections import Counter, defaultdict

from training.common.paths import DATA, MODEL_DIR, work
from training.data.make_synthetic import CLEAN

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
START, END = "<s>", "</s>"
# Learner essays are informal ("don't", "I'm"): their corrected side weighs 3x.
LEARNER_WEIGHT = 3


def sentences():
    """(weight, sentence) for every sentence of the clean text and the learners' corrections."""
    for folder in CLEAN:
        for line in (DATA / folder / "sentences.txt").open(errors="replace"):
            yield 1, line
    for line in work("learner.tsv").read_text().splitlines():
        yield LEARNER_WEIGHT, line.split("\t")[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=40_000)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-pair", type=int, default=5, help="drop rarer pairs: 5 keeps 0.26 M (2.75 MB)")
    args = ap.parse_args()
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    sentence_count = 0
    for weight, line in sentences():
        sentence_count += weight
        tokens = [START] + [w.lower().replace("’", "'") for w in WORD.findall(line)] + [END]
        for w in tokens[1:-1]:
            words[w] += weight
        for pair in zip(tokens, tokens[1:]):
            pairs[pair] += weight
    vocab = [w for w, c in words.most_common(args.top) if c >= args.min_count]
    known = set(vocab) | {END}
    following: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), c in pairs.most_common():
        if c >= args.min_pair and (a in known or a == START) and b in known:
            following[a].append((b, c))
    out = MODEL_DIR / "en.ngrams"
    with out.open("w") as f:
        for w, c in [(START, sentence_count)] + [(w, words[w]) for w in vocab]:
            f.write(f"{w}\t{c}\t" + " ".join(f"{b} {n}" for b, n in following[w]) + "\n")
    kept = sum(len(v) for v in following.values())
    print(f"{len(vocab)} words, {kept} pairs -> {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
