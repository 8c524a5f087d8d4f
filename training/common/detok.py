"""Turn the corpora's spaCy-style tokenisation back into the raw text a user types."""
import re

from sacremoses import MosesDetokenizer

_moses = MosesDetokenizer(lang="en")
# Moses leaves these spaCy splits apart; a user never types them that way.
_FIXES = [
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|’s)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),
    (re.compile(r"(?<=\w) / (?=\w)"), "/"),
    (re.compile(r"\$ (?=\d)"), "$"),
]


def detokenize(line: str) -> str:
    text = _moses.detokenize(line.split())
    for pattern, repl in _FIXES:
        text = pattern.sub(repl, text)
    return text
