"""The speller's irregular forms (model/en.irregular), from lemminflect: for each common
verb or noun whose past or plural is not the regular ending, one line
`v LEMMA PAST PARTICIPLE` or `n LEMMA PLURAL`. The Rust speller (crate/src/speller/mod.rs)
uses it to fix over-regularised forms learners write ("buyed" -> "bought", "childs" ->
"children"), which the dictionary alone cannot.

    python -m training.lexicon.make_irregular
"""
from lemminflect import getInflection, getLemma

from training.common.paths import MODEL_DIR


def regular(lemma: str, suffix: str) -> set[str]:
    forms = {lemma + suffix}
    if suffix == "ed":
        forms |= {lemma + "d", lemma[:-1] + "ied", lemma + lemma[-1] + "ed"}
    else:
        forms |= {lemma + "es", lemma[:-1] + "ies"}
    return forms


def main() -> None:
    # The speller's common words (the first column of en.ngrams, from make_ngrams.py).
    words = [line.split("\t", 1)[0] for line in (MODEL_DIR / "en.ngrams").read_text().splitlines()]
    verbs, nouns = {}, {}
    for w in words:
        if not w.isalpha():
            continue
        for lemma in filter(None, getLemma(w, "VERB", lemmatize_oov=False)):
            past, part = getInflection(lemma, "VBD", inflect_oov=False), getInflection(lemma, "VBN", inflect_oov=False)
            if past and part and lemma not in ("be", "have", "do") and past[0] not in regular(lemma, "ed"):
                verbs.setdefault(lemma, (past[0], part[0]))
        for lemma in filter(None, getLemma(w, "NOUN", lemmatize_oov=False)):
            plural = getInflection(lemma, "NNS", inflect_oov=False)
            if plural and plural[0] != lemma and plural[0] not in regular(lemma, "s"):
                nouns.setdefault(lemma, plural[0])
    lines = [f"v {l} {p} {pp}" for l, (p, pp) in sorted(verbs.items())]
    lines += [f"n {l} {p}" for l, p in sorted(nouns.items())]
    (MODEL_DIR / "en.irregular").write_text("\n".join(lines) + "\n")
    print(f"{len(verbs)} verbs, {len(nouns)} nouns -> {MODEL_DIR / 'en.irregular'}")


if __name__ == "__main__":
    main()
