"""Choose the copy bias (decoding's logit bonus for keeping the source token, see
crate/src/model/decode.rs) on W&I dev: score each candidate through the Rust CLI and keep the
best F0.5. With --write, store it in the model folder's config.json.

    python -m training.eval.tune_copy_bias [--model model] [--biases 0,0.5,1,1.5,2] [--limit N] [--write]

The bias is tuned on W&I dev only; CoNLL-2013 and JFLEG (score.py) show whether it carries over.
"""
import argparse
import json
import tempfile
from pathlib import Path

from training.common.paths import MODEL_DIR
from training.eval.retokenize import retokenize
from training.eval.score import correct, errant_f05, wi_dev


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODEL_DIR))
    ap.add_argument("--biases", default="0,0.5,1,1.5,2")
    ap.add_argument("--limit", type=int, help="only the first N W&I dev sentences")
    ap.add_argument("--write", action="store_true", help="write the best bias into the model's config.json")
    args = ap.parse_args()
    model = Path(args.model)
    rows = []
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        src, gold = wi_dev(args.limit, tmp)
        for bias in (float(b) for b in args.biases.split(",")):
            hyp, secs = correct(src, model, "emend", bias)
            r = errant_f05(src, retokenize(src, hyp, whole_words=False), gold, tmp)
            rows.append({"copy_bias": bias, **r, "seconds": round(secs, 1)})
            print(json.dumps(rows[-1]), flush=True)
    best = max(rows, key=lambda r: r["f0.5"])
    print(f"best copy bias on {args.limit or 'all'} W&I dev sentences: {best['copy_bias']} (F0.5 {best['f0.5']})")
    if args.write:
        cfg_path = model / "config.json"
        cfg = json.loads(cfg_path.read_text())
        cfg["copy_bias"] = best["copy_bias"]
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
        print(f"wrote copy_bias {best['copy_bias']} to {cfg_path}")


if __name__ == "__main__":
    main()
