"""Average the weights of several checkpoints of one model into a new checkpoint.

Checkpoints from the end of the same run (or of runs started from one another) lie in one
basin of the loss; their mean is often a little better than any of them, for no training:

    python training/average.py --out avg45 ft4 ft5
    python training/export.py --run avg45

Reads and writes `$EMEND_WORK/ckpt/<run>.pt` (a path ending in `.pt` is read as is).
"""
import argparse
from pathlib import Path

import torch

from paths import work
from train import save_atomically


def checkpoint_path(name: str) -> Path:
    return Path(name) if name.endswith(".pt") else work("ckpt", f"{name}.pt")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+", help="run names or checkpoint paths, same architecture")
    ap.add_argument("--out", required=True, help="name of the averaged run")
    args = ap.parse_args()
    states = [torch.load(checkpoint_path(r), weights_only=False) for r in args.runs]
    cfg = states[0]["cfg"]
    if any(s["cfg"] != cfg for s in states):
        raise SystemExit("checkpoints have different architectures")
    mean = {k: sum(s["model"][k].float() for s in states) / len(states) for k in states[0]["model"]}
    hours = max(s.get("hours", 0.0) for s in states)
    save_atomically({"cfg": cfg, "model": mean, "step": max(s.get("step", 0) for s in states), "hours": hours,
                     "averaged": args.runs}, work("ckpt", f"{args.out}.pt"))
    print(f"averaged {len(states)} checkpoints into {work('ckpt', args.out + '.pt')}")


if __name__ == "__main__":
    main()
