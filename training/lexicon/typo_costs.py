"""The speller's channel model (crate/src/lexicon/typos.rs): how often learners make each kind of
letter slip, counted on the one-word misspellings (ERRANT R:SPELL) of the W&I+LOCNESS and FCE
train sets, and printed as -ln(rate) costs for typos.rs's constants.

Each typo is aligned with its correction (unit-cost optimal string alignment) and each edit
classed: a letter of the meant word dropped (one of a double, a vowel, an "h", another), a
letter added (doubling a neighbour, a vowel, another), one letter for another (vowel for
vowel, sound-alikes, another), two neighbours transposed. A rate is per place the slip could
happen: a dropped vowel per vowel of the corrections, an added letter per gap and per letter
it could be, a swapped letter per letter and per letter it could become.

    python -m training.lexicon.typo_costs
"""

import math
from collections import Counter

from training.common.paths import DATA

TRAIN_M2 = [DATA / "wi_locness" / "m2" / "ABC.train.gold.bea19.m2", DATA / "fce" / "m2" / "fce.train.errant3.m2"]
VOWELS = set("aeiou")
SOUND_ALIKE = [{"c", "s"}, {"c", "k"}, {"s", "z"}, {"g", "j"}, {"i", "y"}]


def misspellings() -> list[tuple[str, str]]:
    """(typed, meant) for every one-word R:SPELL edit of letters only, lower-cased."""
    pairs = []
    for path in TRAIN_M2:
        for block in path.read_text().strip().split("\n\n"):
            lines = block.split("\n")
            tokens = lines[0][2:].split()
            for line in lines[1:]:
                span, kind, fix = line[2:].split("|||")[:3]
                start, end = map(int, span.split())
                if kind != "R:SPELL" or end != start + 1 or " " in fix:
                    continue
                typed = tokens[start]
                if typed.isalpha() and fix.isalpha() and typed.lower() != fix.lower():
                    pairs.append((typed.lower(), fix.lower()))
    return pairs


def alignment(a: str, b: str) -> list[tuple[str, int, int]]:
    """The edits turning meant word `b` into typed word `a`: (kind, i in a, j in b), with
    kinds "added" (a[i-1] is extra), "dropped" (b[j-1] is missing), "swapped", "transposed"."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    i, j, out = n, m, []
    while i or j:
        if i and j and a[i - 1] == b[j - 1] and d[i][j] == d[i - 1][j - 1]:
            i, j = i - 1, j - 1
        elif i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and d[i][j] == d[i - 2][j - 2] + 1:
            out.append(("transposed", i, j))
            i, j = i - 2, j - 2
        elif i and j and d[i][j] == d[i - 1][j - 1] + 1:
            out.append(("swapped", i, j))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            out.append(("added", i, j))
            i -= 1
        else:
            out.append(("dropped", i, j))
            j -= 1
    return out


def doubled(s: str, k: int) -> bool:
    return (k > 0 and s[k - 1] == s[k]) or (k + 1 < len(s) and s[k + 1] == s[k])


def dropped_class(b: str, j: int) -> str:
    return "DROPPED_DOUBLE" if doubled(b, j) else "DROPPED_VOWEL" if b[j] in VOWELS else "DROPPED_H" if b[j] == "h" else "DROPPED_OTHER"


def main() -> None:
    pairs = misspellings()
    slips, places = Counter(), Counter()
    for typed, meant in pairs:
        for kind, i, j in alignment(typed, meant):
            if kind == "dropped":
                slips[dropped_class(meant, j - 1)] += 1
            elif kind == "added":
                x = typed[i - 1]
                slips["ADDED_DOUBLE" if doubled(typed, i - 1) else "ADDED_VOWEL" if x in VOWELS else "ADDED_OTHER"] += 1
            elif kind == "swapped":
                x, y = typed[i - 1], meant[j - 1]
                slips["SWAPPED_VOWEL" if x in VOWELS and y in VOWELS else "SWAPPED_SOUND" if {x, y} in SOUND_ALIKE else "SWAPPED_OTHER"] += 1
            else:
                slips["TRANSPOSED"] += 1
        for j, y in enumerate(meant):
            places[dropped_class(meant, j)] += 1
            places["vowel" if y in VOWELS else "consonant"] += 1
        places["gap"] += len(meant) + 1
        places["pair"] += max(len(meant) - 1, 0)
    # Where each slip can happen, and how many letters it could be.
    per = {
        "DROPPED_DOUBLE": (places["DROPPED_DOUBLE"], 1), "DROPPED_VOWEL": (places["DROPPED_VOWEL"], 1),
        "DROPPED_H": (places["DROPPED_H"], 1), "DROPPED_OTHER": (places["DROPPED_OTHER"], 1),
        "ADDED_DOUBLE": (places["gap"], 1), "ADDED_VOWEL": (places["gap"], 5), "ADDED_OTHER": (places["gap"], 20),
        "SWAPPED_VOWEL": (places["vowel"], 4), "SWAPPED_SOUND": (places["vowel"] + places["consonant"], 1),
        "SWAPPED_OTHER": (places["consonant"], 20), "TRANSPOSED": (places["pair"], 1),
    }
    print(f"{len(pairs)} misspellings, {sum(slips.values())} letter edits")
    for name, (n, choices) in per.items():
        print(f"const {name}: f64 = {-math.log(slips[name] / n / choices):.2f};  // {slips[name]} of {n} places")


if __name__ == "__main__":
    main()
