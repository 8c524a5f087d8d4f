"""Stage 2: a cased byte-level BPE tokenizer (round-trips any Unicode input exactly)."""
import argparse
import json

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from training.common.paths import MODEL_DIR, work

SPECIALS = ["<pad>", "<s>", "</s>", "<unk>"]


def texts():
    for name in ("learner.tsv", "synthetic.tsv"):
        with work(name).open() as f:
            for line in f:
                yield from line.rstrip("\n").split("\t")


def build_tokenizer(vocab: int) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    # ByteLevel maps every byte to a symbol: no <unk>, spaces and emoji survive a round trip.
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        min_frequency=2,
    )
    tok.train_from_iterator(texts(), trainer=trainer)
    return tok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=8000)
    args = ap.parse_args()
    tok = build_tokenizer(args.vocab)
    MODEL_DIR.mkdir(exist_ok=True)
    tok.save(str(work("tokenizer.json")))
    ids = {s: tok.token_to_id(s) for s in SPECIALS}
    print(json.dumps(ids), tok.get_vocab_size())
    sample = "Héllo  wörld 👋🏽 — 東京 ‏שלום‏\ttab"
    assert tok.decode(tok.encode(sample).ids) == sample, "tokenizer must round-trip"


if __name__ == "__main__":
    main()
