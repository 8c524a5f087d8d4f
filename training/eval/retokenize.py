"""Tokenise corrected lines the way their benchmark tokenised its sources, for scoring.

The checker reads and writes raw text, so each tokenised source is detokenised, corrected,
and tokenised again. Tokenising the whole output anew with spaCy charged the checker with
edits it never made wherever spaCy splits what the benchmark wrote as one token: CoNLL-2013
and JFLEG keep "radio-frequency", "he/she" and "cannot" whole, and some W&I dev sources
keep "haven't". So words the checker left as they were keep the source's own tokens, and
only the words it changed are tokenised anew: with spaCy (as ERRANT's W&I and FCE golds
are), re-joined for CoNLL-2013 and JFLEG where spaCy splits a word they write whole.
"""
from difflib import SequenceMatcher

from training.common.detok import detokenize

_nlp = None


def _spacy():
    global _nlp
    if _nlp is None:
        import spacy

        _nlp = spacy.load("en_core_web_sm", disable=["parser", "ner", "tagger", "lemmatizer", "attribute_ruler"])
    return _nlp


def spacy_tokenize(lines: list[str]) -> list[str]:
    """spaCy's tokens of each line, space-separated (ERRANT's tokenisation)."""
    return [" ".join(t.text for t in doc if not t.is_space) for doc in _spacy().pipe(lines, batch_size=256)]


# What spaCy splits off a word typed without its apostrophe ("dont", "im", "gonna").
_BARE_CLITICS = {"nt", "m", "re", "ve", "ll", "d", "na", "ta"}


def _rejoin(chunk: list[str]) -> list[str]:
    """One whitespace-delimited word's spaCy tokens, joined where CoNLL-2013 and JFLEG
    write one token: an inner hyphen, slash or colon between letters or digits ("non-stop",
    "he/she", "4:they"), an HTML entity ("&raspsquo;"), "cannot", a bare contraction."""
    out = list(chunk)
    i = 0
    while i < len(out):
        a, b, c = out[i], out[i + 1] if i + 1 < len(out) else None, out[i + 2] if i + 2 < len(out) else None
        if b is not None and c is not None and b in ("-", "/", ":") and a[-1].isalnum() and c[0].isalnum():
            out[i : i + 3] = [a + b + c]
        elif b is not None and c == ";" and a == "&" and b.isalpha():
            out[i : i + 3] = [a + b + c]
        elif b is not None and a.isalpha() and (b.lower() in _BARE_CLITICS or (a.lower(), b.lower()) == ("can", "not")):
            out[i : i + 2] = [a + b]
        else:
            i += 1
    return out


def tokenize_new(texts: list[str], whole_words: bool) -> list[list[str]]:
    """Tokens of each text: spaCy's, re-joined (`_rejoin`) if `whole_words`."""
    out = []
    for doc in _spacy().pipe(texts, batch_size=256):
        chunks, current = [], []
        for t in doc:
            if t.is_space:
                continue
            current.append(t.text)
            if t.whitespace_:
                chunks.append(current)
                current = []
        if current:
            chunks.append(current)
        out.append([tok for chunk in chunks for tok in (_rejoin(chunk) if whole_words else chunk)])
    return out


def _source_tokens_by_word(source: str, raw: str) -> list[list[str]] | None:
    """The source's tokens that make up each whitespace-delimited word of its detokenised
    form, or None where detokenising changed more than spaces (then nothing maps)."""
    tokens = source.split()
    out, k = [], 0
    for word in raw.split():
        group, text = [], ""
        while k < len(tokens) and len(text) < len(word):
            text += tokens[k]
            group.append(tokens[k])
            k += 1
        if text != word:
            return None
        out.append(group)
    return out if k == len(tokens) else None


def retokenize(sources: list[str], hyps: list[str], whole_words: bool) -> list[str]:
    """Each corrected raw line in `hyps`, tokenised like its tokenised source in `sources`:
    the words it shares with the detokenised source keep the source's tokens, the rest are
    tokenised anew (`tokenize_new`)."""
    plans = []  # per line: a list of ("keep", tokens) or ("new", index into `fresh`)
    fresh: list[str] = []
    for source, hyp in zip(sources, hyps, strict=True):
        raw = detokenize(source)
        by_word = _source_tokens_by_word(source, raw)
        if by_word is None:
            plans.append([("new", len(fresh))])
            fresh.append(hyp)
            continue
        old, new = raw.split(), hyp.split()
        plan = []
        for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                plan.append(("keep", [t for group in by_word[i1:i2] for t in group]))
            elif j2 > j1:
                plan.append(("new", len(fresh)))
                fresh.append(" ".join(new[j1:j2]))
        plans.append(plan)
    tokenised = tokenize_new(fresh, whole_words)
    return [" ".join(t for kind, x in plan for t in (x if kind == "keep" else tokenised[x])) for plan in plans]
