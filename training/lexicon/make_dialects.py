"""The speller's dialect table (model/en.dialects): for each word whose spelling is right in
some of American, British, Canadian and Australian English but not in all, what each dialect
writes instead ("colour": American "color"; "organize": Australian "organise").

Which dialect accepts a word is SCOWL's answer: the four Hunspell dictionaries of npm
`dictionary-en` (en_US), `dictionary-en-gb` (en_GB-ise), `dictionary-en-ca` and
`dictionary-en-au` (devDependencies), expanded through their shared affix file. They differ
in 6,519 lower-case forms. A form is paired only with forms one or two spelling swaps away
(VarCon's classes: -or/-our, -er/-re, -ize/-ise, -yze/-yse, l/ll, e/ae/oe, -ense/-ence,
-og/-ogue, ...), so that words one dialect simply lacks (Australian "bunyip", American
place names) are never flagged: 5,500 forms pair. British accepts -ize where its -ise is
the only difference ("organize": Oxford spelling is British too); "analyze" stays American.
A few swaps that make other words are left out by name (`NOT_VARIANTS`: "nought" is not
"nowt", "prise" not "prize").

    npm ci && python -m training.lexicon.make_dialects

Line format: `WORD US GB CA AU`, tab-separated, each column that dialect's spelling of the
word, `=` where the word is right as written.
"""
import re
from pathlib import Path

from training.common.paths import MODEL_DIR, REPO

DIALECTS = {"us": "dictionary-en", "gb": "dictionary-en-gb", "ca": "dictionary-en-ca", "au": "dictionary-en-au"}
# American <-> British-family spellings of one word (either way round, anywhere in the word).
SWAPS = [
    ("or", "our"), ("er", "re"), ("iz", "is"), ("yz", "ys"), ("l", "ll"), ("e", "ae"), ("e", "oe"),
    ("ense", "ence"), ("og", "ogue"), ("am", "amme"), ("et", "ette"), ("gment", "gement"),
    ("aging", "ageing"), ("ay", "ey"), ("sy", "zy"), ("um", "ium"), ("ol", "oul"), ("ow", "ough"),
    ("k", "c"), ("ction", "xion"), ("y", "i"), ("ck", "que"), ("ce", "se"), ("f", "ph"), ("p", "pp"),
    ("u", "ou"), ("red", "ered"), ("ring", "ering"),
]
# Swaps that reach another word, not another spelling of the same one.
NOT_VARIANTS = {("nought", "nowt"), ("chilli", "chilly"), ("prise", "prize"), ("prises", "prizes"),
                ("haem", "hem"), ("whiz", "whys"), ("rego", "ergo")}


def affixes(aff: str) -> dict:
    """Flag -> (PFX or SFX, combines with the other kind, [(strip, add, condition regex)])."""
    rules = {}
    for line in aff.splitlines():
        p = line.split()
        if len(p) == 4 and p[0] in ("PFX", "SFX") and p[2] in ("Y", "N"):
            rules[p[1]] = (p[0], p[2] == "Y", [])
        elif len(p) >= 5 and p[0] in ("PFX", "SFX") and p[1] in rules:
            strip, add = ("" if x == "0" else x for x in p[2:4])
            cond = None if p[4] == "." else re.compile(p[4] + "$" if p[0] == "SFX" else "^" + p[4])
            rules[p[1]][2].append((strip, add, cond))
    return rules


def expand(stem: str, flags: str, rules: dict) -> set[str]:
    """Every form Hunspell accepts from one entry (suffixes, prefixes, both where they combine)."""
    out, suffixed = {stem}, []
    for kind, cross, rs in (rules[f] for f in flags if f in rules):
        if kind == "SFX":
            for strip, add, cond in rs:
                if (cond is None or cond.search(stem)) and stem.endswith(strip):
                    w = stem[: len(stem) - len(strip)] + add
                    out.add(w)
                    suffixed.append((w, cross))
    for kind, cross, rs in (rules[f] for f in flags if f in rules):
        if kind == "PFX":
            for strip, add, cond in rs:
                if cond is None or cond.search(stem):
                    out.add(add + stem[len(strip):])
                    out.update(add + w[len(strip):] for w, c in suffixed if cross and c)
    return out


def forms(package: Path) -> set[str]:
    """The lower-case words a dictionary accepts (names and numbers are not spelling variants)."""
    rules = affixes((package / "index.aff").read_text(encoding="utf-8"))
    out = set()
    for line in (package / "index.dic").read_text(encoding="utf-8").splitlines()[1:]:
        stem, _, flags = line.strip().partition("/")
        if stem and not any(c.isdigit() for c in stem):
            out |= {w for w in expand(stem, flags, rules) if w == w.lower()}
    return out


def swaps(word: str) -> set[str]:
    out = set()
    for a, b in SWAPS:
        for x, y in ((a, b), (b, a)):
            for m in re.finditer(re.escape(x), word):
                out.add(word[: m.start()] + y + word[m.end():])
    return out


def edits(a: str, b: str) -> int:
    """Damerau-free Levenshtein distance (enough to rank two or three candidates)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def main() -> None:
    accepts = {d: forms(REPO / "node_modules" / pkg) for d, pkg in DIALECTS.items()}
    union = set.union(*accepts.values())
    dialects_of = {w: frozenset(d for d in DIALECTS if w in accepts[d]) for w in union}
    sensitive = {w for w in union if len(dialects_of[w]) < len(DIALECTS)}
    # Oxford spelling: British takes -ize where it takes the same word in -ise.
    for w in sorted(sensitive):
        if "gb" not in dialects_of[w] and ("iz" in w) and any(
            "gb" in dialects_of.get(v, ()) and v.replace("is", "iz") == w for v in swaps(w)):
            dialects_of[w] |= {"gb"}
    sensitive = {w for w in sensitive if len(dialects_of[w]) < len(DIALECTS)}
    rows = []
    for w in sorted(sensitive):
        one = {v for v in swaps(w) if v in union}
        near = one or {v for u in swaps(w) for v in swaps(u) if v in union and v != w}
        near = {v for v in near if dialects_of[v] != dialects_of[w] and (w, v) not in NOT_VARIANTS}
        if not near:
            continue
        cols = []
        for d in DIALECTS:
            if d in dialects_of[w]:
                cols.append("=")
                continue
            there = sorted((v for v in near if d in dialects_of[v]), key=lambda v: (edits(w, v), v))
            cols.append(there[0] if there else "=")
        if any(c != "=" for c in cols):
            rows.append("\t".join([w, *cols]))
    out = MODEL_DIR / "en.dialects"
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(sensitive)} forms differ between the dialects; {len(rows)} with a variant -> {out} ({out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
