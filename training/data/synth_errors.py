"""Inject realistic learner errors into clean sentences.

Most errors are real learner edits played backwards: `learner_edit_stats_wi_fce_train.tsv`
says e.g. that learners wrote "in" where "on" was right 448 times, so a clean "on" becomes
"in" with that weight. Spelling comes from the misspelling lists and keyboard slips;
inflection errors (verb form, agreement, noun number) come from lemminflect. Two errors
that learners make and the edit list under-represents get their own generators:
over-regularised forms ("buyed", "childs") and the a/an choice ("a apple").
"""
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass

from lemminflect import getAllInflections, getAllLemmas, getInflection

from training.common.paths import DATA

TOKEN_RE = re.compile(r"[A-Za-z]+(?=n't)|n't|'(?:s|re|ve|ll|d|m)\b|\w+|[^\w\s]", re.UNICODE)
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


@dataclass
class Tok:
    text: str
    space: bool  # whitespace before this token in the raw text


def tokenize(text: str) -> list[Tok]:
    toks, prev_end = [], 0
    for m in TOKEN_RE.finditer(text):
        toks.append(Tok(m.group(), m.start() > prev_end))
        prev_end = m.end()
    return toks


def detokenize(toks: list[Tok]) -> str:
    out = []
    for i, t in enumerate(toks):
        out.append((" " if t.space and i > 0 else "") + t.text)
    return "".join(out)


def _spaced(word: str) -> bool:
    return bool(re.match(r"\w", word)) and not word.startswith("'") and word != "n't"


def _neighbours() -> dict[str, str]:
    near = {}
    for r, row in enumerate(KEYBOARD):
        for c, ch in enumerate(row):
            cands = [row[c - 1] if c > 0 else "", row[c + 1] if c + 1 < len(row) else ""]
            for rr in (r - 1, r + 1):
                if 0 <= rr < len(KEYBOARD) and c < len(KEYBOARD[rr]):
                    cands.append(KEYBOARD[rr][c])
            near[ch] = "".join(cands)
    return near


def _regular(lemma: str, suffix: str) -> str:
    """The regular inflection a learner would guess: buy -> buyed, try -> tried, make -> maked."""
    if suffix == "ed" and lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + ("ied" if suffix == "ed" else "ies")
    if suffix == "s" and lemma.endswith(("s", "x", "ch", "sh")):
        return lemma + "es"
    return lemma + suffix


class ErrorInjector:
    def __init__(self, seed: int = 0, min_count: int = 2, mix: dict[str, float] | None = None):
        self.rng = random.Random(seed)
        # `mix` re-weights the generators (e.g. more inflection for a grammar-focused stage).
        weights = dict(self.GENERATORS)
        unknown = set(mix or {}) - set(weights)
        if unknown:
            raise ValueError(f"unknown generators: {sorted(unknown)}; known: {sorted(weights)}")
        weights.update(mix or {})
        self.generators = list(weights.items())
        self.near = _neighbours()
        self._load_edit_stats(min_count)
        self._load_misspellings()

    # --- data -------------------------------------------------------------------
    def _load_edit_stats(self, min_count: int) -> None:
        # replace/delete edits keyed by the first token of the correct text;
        # insertions (learner added a word) weighted globally.
        self.by_first = defaultdict(list)
        self.inserts, self.insert_w = [], []
        path = DATA / "helpers" / "learner_edit_stats_wi_fce_train.tsv"
        for line in path.read_text().splitlines()[1:]:
            etype, orig, corr, count = line.split("\t")
            count = int(count)
            if count < min_count or etype.endswith("SPELL") or etype == "R:ORTH":
                continue  # spelling and case come from their own generators
            orig_t, corr_t = orig.split(), corr.split()
            if corr_t:
                self.by_first[corr_t[0]].append((corr_t, orig_t, count))
            elif orig_t:
                self.inserts.append(orig_t)
                self.insert_w.append(count)

    def _load_misspellings(self) -> None:
        self.misspell = defaultdict(list)
        helpers = DATA / "helpers" / "misspellings"
        pairs = []
        for line in (helpers / "codespell_dictionary.txt").read_text().splitlines():
            if "->" in line:
                wrong, right = line.split("->", 1)
                pairs.append((wrong.strip(), right.split(",")[0].strip()))
        wiki = json.loads((helpers / "wikipedia_common_misspellings.npm-misspellings.json").read_text())
        pairs += [(w, r.split(",")[0].strip()) for w, r in wiki.items()]
        for wrong, right in pairs:
            if wrong and right and " " not in right and wrong.lower() != right.lower():
                self.misspell[right.lower()].append(wrong.lower())

    # --- generators: each edits toks in place and returns True if it changed something
    def learner_edit(self, toks: list[Tok]) -> bool:
        r = self.rng
        if self.inserts and r.random() < 0.2:
            ins = r.choices(self.inserts, weights=self.insert_w)[0]
            pos = r.randrange(len(toks) + 1)
            toks[pos:pos] = [Tok(w, _spaced(w)) for w in ins]
            return True
        cands, weights = [], []
        for i, t in enumerate(toks):
            for corr_t, orig_t, count in self.by_first.get(t.text, ()):
                if [x.text for x in toks[i : i + len(corr_t)]] == corr_t:
                    cands.append((i, corr_t, orig_t))
                    weights.append(count)
        if not cands:
            return False
        i, corr_t, orig_t = r.choices(cands, weights=weights)[0]
        first_space = toks[i].space
        new = [Tok(w, _spaced(w)) for w in orig_t]
        if new:
            new[0].space = first_space if _spaced(new[0].text) else False
        toks[i : i + len(corr_t)] = new
        return True

    def spelling(self, toks: list[Tok]) -> bool:
        r = self.rng
        idx = [i for i, t in enumerate(toks) if t.text.isalpha() and len(t.text) >= 3]
        if not idx:
            return False
        i = r.choice(idx)
        word = toks[i].text
        known = self.misspell.get(word.lower())
        if known and r.random() < 0.7:
            wrong = r.choice(known)
        else:
            wrong = self._typo(word.lower())
        if word[0].isupper():
            wrong = wrong[:1].upper() + wrong[1:]
        if wrong == word:
            return False
        toks[i].text = wrong
        return True

    def _typo(self, w: str) -> str:
        r = self.rng
        p = r.randrange(len(w))
        op = r.random()
        if op < 0.3:
            return w[:p] + w[p + 1 :]
        if op < 0.55 and p + 1 < len(w):
            return w[:p] + w[p + 1] + w[p] + w[p + 2 :]
        if op < 0.8:
            return w[:p] + r.choice(self.near.get(w[p], w[p]) or w[p]) + w[p + 1 :]
        return w[:p] + w[p] + w[p:]  # doubled letter

    def inflection(self, toks: list[Tok]) -> bool:
        r = self.rng
        idx = [i for i, t in enumerate(toks) if t.text.isalpha() and t.text.islower()]
        r.shuffle(idx)
        for i in idx[:6]:
            word = toks[i].text
            lemmas = getAllLemmas(word)
            for pos in ("VERB", "NOUN", "AUX", "ADJ"):
                if pos not in lemmas:
                    continue
                forms = {f for fs in getAllInflections(lemmas[pos][0], upos=pos).values() for f in fs}
                forms |= {lemmas[pos][0]}
                forms.discard(word)
                if forms:
                    toks[i].text = r.choice(sorted(forms))
                    return True
        return False

    def overregularise(self, toks: list[Tok]) -> bool:
        # An irregular past/participle or plural given the regular ending: bought -> buyed.
        idx = [i for i, t in enumerate(toks) if t.text.isalpha() and t.text.islower()]
        self.rng.shuffle(idx)
        for i in idx:
            word = toks[i].text
            lemmas = getAllLemmas(word)
            for pos, tags, suffix in (("VERB", ("VBD", "VBN"), "ed"), ("NOUN", ("NNS",), "s")):
                lemma = lemmas.get(pos, (None,))[0]
                if not lemma or lemma in ("be", "have", "do") or lemma == word or not any(word in getInflection(lemma, t) for t in tags):
                    continue
                regular = _regular(lemma, suffix)
                if regular != word and not word.endswith(suffix):
                    toks[i].text = regular
                    return True
        return False

    def article(self, toks: list[Tok]) -> bool:
        # "an apple" -> "a apple", "a car" -> "an car".
        idx = [i for i, t in enumerate(toks[:-1]) if t.text.lower() in ("a", "an") and toks[i + 1].text.isalpha()]
        if not idx:
            return False
        i = self.rng.choice(idx)
        swap = {"a": "an", "an": "a", "A": "An", "An": "A"}.get(toks[i].text)
        if swap is None:
            return False
        toks[i].text = swap
        return True

    def word_order(self, toks: list[Tok]) -> bool:
        idx = [i for i in range(len(toks) - 1) if toks[i].text.isalpha() and toks[i + 1].text.isalpha()]
        if not idx:
            return False
        i = self.rng.choice(idx)
        toks[i].text, toks[i + 1].text = toks[i + 1].text, toks[i].text
        return True

    def duplicate(self, toks: list[Tok]) -> bool:
        idx = [i for i, t in enumerate(toks) if t.text.isalpha()]
        if not idx:
            return False
        i = self.rng.choice(idx)
        toks.insert(i + 1, Tok(toks[i].text, True))
        return True

    def case(self, toks: list[Tok]) -> bool:
        idx = [i for i, t in enumerate(toks) if t.text[:1].isupper() and t.text.isalpha()]
        if not idx:
            return False
        i = self.rng.choice(idx)
        toks[i].text = toks[i].text.lower()
        return True

    GENERATORS = [
        ("learner_edit", 0.52),
        ("overregularise", 0.03),
        ("article", 0.03),
        ("spelling", 0.18),
        ("inflection", 0.12),
        ("case", 0.05),
        ("word_order", 0.03),
        ("duplicate", 0.04),
    ]

    def corrupt(self, sentence: str, keep_clean: float = 0.15, rate: float = 0.08) -> str:
        """Return a corrupted copy of `sentence` (or the sentence itself, `keep_clean` of the time)."""
        r = self.rng
        toks = tokenize(sentence)
        if not toks or r.random() < keep_clean:
            return sentence
        n_errors = max(1, round(r.expovariate(1.0 / max(1.0, rate * len(toks)))))
        names = [g for g, _ in self.generators]
        weights = [w for _, w in self.generators]
        done = tries = 0
        while done < n_errors and tries < n_errors * 4:
            tries += 1
            if getattr(self, r.choices(names, weights=weights)[0])(toks):
                done += 1
        return detokenize(toks)


if __name__ == "__main__":
    inj = ErrorInjector(seed=1)
    for s in [
        "She went to school yesterday and bought an apple.",
        "It has a high-density population because of its small territory.",
        "I have been living in this city for three years, and I like it.",
    ]:
        for _ in range(3):
            print(inj.corrupt(s, keep_clean=0.0))
