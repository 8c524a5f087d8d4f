"""Give a trained model more decoder layers without changing what it computes, so a short
run can spend CPU time on the decoder's capacity instead of re-learning to copy.

    python -m training.model.grow_decoder --init ft11final --out ft11dec2 --dec-layers 2

Each new layer is a copy of the last one with the output projections of its two attentions
and its feed-forward zeroed: with pre-LN residual blocks that makes it the identity at first
(the dev loss is printed before and after to show it), and training grows it from there.
The result is a work checkpoint that `train.py --init ft11dec2` starts from.
"""
import argparse
import copy

import torch
from tokenizers import Tokenizer

from training.common.paths import work
from training.model.model import Seq2Seq
from training.model.train import dev_loss, dev_pairs, initial_state


def grown(model: Seq2Seq, dec_layers: int) -> Seq2Seq:
    cfg = copy.copy(model.cfg)
    cfg.dec_layers = dec_layers
    out = Seq2Seq(cfg)
    out.load_state_dict(model.state_dict(), strict=False)  # the new layers' keys are missing
    with torch.no_grad():
        for layer in out.decoder[model.cfg.dec_layers:]:
            layer.load_state_dict(model.decoder[-1].state_dict())
            for linear in (layer.self_att.o, layer.cross_att.o, layer.ff.down):
                linear.weight.zero_()
                linear.bias.zero_()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", required=True, help="a run in the work folder's ckpt/, or the repo checkpoint's run")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dec-layers", type=int, required=True)
    args = ap.parse_args()
    model = Seq2Seq.from_state(initial_state(args.init))
    assert args.dec_layers > model.cfg.dec_layers, "the decoder only grows"
    big = grown(model, args.dec_layers)
    dev = dev_pairs(Tokenizer.from_file(str(work("tokenizer.json"))))
    model.eval(), big.eval()
    print(f"dev loss {dev_loss(model, dev):.4f} with {model.cfg.dec_layers} decoder layers, "
          f"{dev_loss(big, dev):.4f} with {args.dec_layers}", flush=True)
    torch.save({"cfg": big.cfg.to_dict(), "model": big.state_dict(), "step": 0, "hours": 0.0},
               work("ckpt", f"{args.out}.pt"))


if __name__ == "__main__":
    main()
