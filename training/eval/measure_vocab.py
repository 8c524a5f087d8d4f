"""Measure vocabulary sizes (4k-16k) before committing a model to one: tokens per sentence on
the dev sets, and what the vocabulary costs the model in parameters, int8 bytes and
output-projection work. Writes training/eval/scores/vocab.json.

    python -m training.eval.measure_vocab [--sizes 4000 8000 16000]
"""
import argparse
import json
import time

from training.common.detok import detokenize
from training.common.paths import DATA, REPO
from training.data.train_tokenizer import build_tokenizer
from training.model.model import ModelConfig, Seq2Seq


def dev_sentences():
    wi = (DATA / "parallel" / "wi_abcn_dev.src").read_text().splitlines()
    jfleg = (DATA / "jfleg" / "dev" / "dev.src").read_text().splitlines()
    return [detokenize(s) for s in wi + jfleg if s.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[4000, 8000, 16000])
    args = ap.parse_args()
    dev = dev_sentences()
    words = sum(len(s.split()) for s in dev)
    rows = []
    for vocab in args.sizes:
        t0 = time.time()
        tok = build_tokenizer(vocab)
        train_s = time.time() - t0
        tokens = sum(len(e.ids) for e in tok.encode_batch(dev))
        cfg = ModelConfig(vocab=vocab)
        params = sum(p.numel() for p in Seq2Seq(cfg).parameters())
        emb = vocab * cfg.d_model
        per_sentence = tokens / len(dev)
        rows.append({
            "vocab": vocab,
            "tokens_per_sentence": round(per_sentence, 2),
            "tokens_per_word": round(tokens / words, 3),
            "params_m": round(params / 1e6, 2),
            "embedding_share": round(emb / params, 3),
            # int8 weights: the encoder holds the embedding, the decoder an embedding and an
            # explicit output-projection copy (see export.py).
            "int8_mb_estimate": round((params + 2 * emb) / 1e6, 2),
            # Output projection multiply-adds per sentence for one decoder pass over the output.
            "output_proj_mmac_per_pass": round(per_sentence * emb / 1e6, 1),
            "tokenizer_train_s": round(train_s, 1),
        })
        print(json.dumps(rows[-1]), flush=True)
    out = REPO / "training" / "eval" / "scores" / "vocab.json"
    out.write_text(json.dumps({"dev_sentences": len(dev), "dev_words": words, "d_model": cfg.d_model, "sizes": rows}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
