"""Average the weights of several checkpoints of one model into a new checkpoint.

Checkpoints from the end of the same run (or of runs started from one another) lie in one
basin of the loss; their mean is often a little better than any of them, for no training:

    python -m training.model.average --out avg45 ft4 ft5
    python -m training.model.export --run avg45
    python -m training.model.average --out avg5tail --last 3 ft5   # ft5's last 3 saves (train.py --keep-saves)

`--to-repo` also writes the mean as the repo's half-precision checkpoint (when it ships).

Reads and writes `$EMEND_WORK/ckpt/<run>.pt` (a path ending in `.pt` is read as is).
"""
import argparse
from pathlib import Path

import torch

from training.common.paths import work
from training.model.train import save_atomically, save_repo_checkpoint


def checkpoint_path(name: str) -> Path:
    return Path(name) if name.endswith(".pt") else work("ckpt", f"{name}.pt")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+", help="run names or checkpoint paths, same architecture")
    ap.add_argument("--out", required=True, help="name of the averaged run")
    ap.add_argument("--to-repo", action="store_true", help="also write training/model/checkpoint/last.pt")
    ap.add_argument("--last", type=int, help="average the last N saves kept by `train.py --keep-saves` of the one run named")
    args = ap.parse_args()
    paths = [checkpoint_path(r) for r in args.runs]
    if args.last:
        if len(args.runs) != 1:
            raise SystemExit("--last takes one run name")
        run = args.runs[0]
        steps = {p: p.stem[len(run) + 1:] for p in work("ckpt").glob(f"{run}-*.pt")}  # <run>-<step>.pt
        saves = sorted((p for p, step in steps.items() if step.isdigit()), key=lambda p: int(steps[p]))
        if len(saves) < args.last:
            raise SystemExit(f"{len(saves)} kept saves of {run}, fewer than {args.last}")
        paths = saves[-args.last:]
    states = [torch.load(p, weights_only=False, map_location="cpu") for p in paths]
    cfg = states[0]["cfg"]
    if any(s["cfg"] != cfg for s in states):
        raise SystemExit("checkpoints have different architectures")
    mean = {k: sum(s["model"][k].float() for s in states) / len(states) for k in states[0]["model"]}
    hours = max(s.get("hours", 0.0) for s in states)
    step = max(s.get("step", 0) for s in states)
    averaged = [p.name for p in paths]
    save_atomically({"cfg": cfg, "model": mean, "step": step, "hours": hours, "averaged": averaged},
                    work("ckpt", f"{args.out}.pt"))
    if args.to_repo:
        save_repo_checkpoint(cfg, mean, args.out, step, hours, states[-1].get("log", []) + [{"averaged": averaged}])
    print(f"averaged {len(states)} checkpoints into {work('ckpt', args.out + '.pt')}")


if __name__ == "__main__":
    main()
