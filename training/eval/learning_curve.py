"""The shipped model's learning curve: every checkpoint of its lineage, through today's chain.

Each time a stage was shipped, its half-precision checkpoint replaced the repo's
(`training/checkpoint/last.pt` then, `training/model/checkpoint/last.pt` now), so git history
holds the whole lineage. This takes each one from history, exports it with the shipped model's
gates and speller files (only the weights differ), and scores it through `emend correct` on W&I
dev and JFLEG dev (`score.py`), so the points differ by training alone. Resumable: a point
already scored is not scored again.

    python -m training.eval.learning_curve            # writes training/eval/scores/learning_curve.json
"""
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import torch

from training.common.paths import MODEL_DIR, REPO, work

# (commit that shipped it, stage, hours of 2-core wall time since training began).
# Hours are the lineage's own (training/RUNS.md): base 1.03 + finetune 0.60, ft2 1.85, ft3
# 1.89, ft4 1.85, ft5 2.5 + ft7wi 0.65 (avg7tail), ft10mix 1.1, ft11gram 1.35.
LINEAGE = [
    ("43eb126", "finetune", 1.63),
    ("2f6f08b", "ft2", 3.48),
    ("216b709", "ft3", 5.37),
    ("90a5524", "ft4", 7.22),
    ("15faecb", "avg7tail", 10.37),
    ("708ce9e", "ft10mix", 11.47),
    ("6a2814b", "ft11gram", 12.82),
]
# Where the checkpoint lay at those commits (it is training/model/checkpoint/last.pt since).
CHECKPOINT_IN_REPO = "training/checkpoint/last.pt"
OUT = REPO / "training" / "eval" / "scores" / "learning_curve.json"


def export_point(commit: str, stage: str) -> tuple[Path, float | None]:
    """The stage's model folder (the shipped folder with this stage's graphs) and its last dev loss."""
    run = f"curve_{stage}"
    ckpt = work("ckpt", f"{run}.pt")
    if not ckpt.exists():
        blob = subprocess.run(["git", "show", f"{commit}:{CHECKPOINT_IN_REPO}"], cwd=REPO, check=True,
                              capture_output=True).stdout
        ckpt.write_bytes(blob)
    log = torch.load(ckpt, weights_only=False, map_location="cpu").get("log", [])
    losses = [row["dev_loss"] for row in log if "dev_loss" in row]
    folder = work("curve", stage)
    if not (folder / "decoder.onnx").exists():
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(MODEL_DIR, folder)  # speller files and card; the graphs are replaced
        subprocess.run([sys.executable, "-m", "training.model.export", "--run", run, "--out", str(folder),
                         "--gates-from", str(MODEL_DIR / "config.json")],
                       cwd=REPO, check=True, capture_output=True)
    return folder, (losses[-1] if losses else None)


def per_doubling(points: list[dict], score) -> float:
    """Least-squares slope of `score(point)` against log2(hours)."""
    xs, ys = [math.log2(p["hours"]) for p in points], [score(p) for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    points = json.loads(OUT.read_text())["points"] if OUT.exists() else []
    done = {p["stage"] for p in points}
    for commit, stage, hours in LINEAGE:
        if stage in done:
            continue
        folder, dev_loss = export_point(commit, stage)
        scores = work("curve", f"{stage}.json")
        subprocess.run([sys.executable, "-m", "training.eval.score", "--model", str(folder), "--only", "wi", "--only", "jfleg",
                        "--out", str(scores)], cwd=REPO, check=True)
        s = json.loads(scores.read_text())
        points.append({"stage": stage, "commit": commit, "hours": hours, "dev_loss": dev_loss,
                       "wi_dev": {k: s["wi_dev"][k] for k in ("tp", "fp", "precision", "recall", "f0.5")},
                       "jfleg_dev_gleu": s["jfleg_dev_gleu"]})
        OUT.write_text(json.dumps({"chain": "the shipped model's config.json and speller files", "points": points},
                                  indent=2) + "\n")
    points.sort(key=lambda p: p["hours"])
    print(f"{'stage':10} {'hours':>6} {'dev loss':>8} {'W&I F0.5':>8} {'P':>6} {'JFLEG':>6}")
    for p in points:
        loss = f"{p['dev_loss']:8.4f}" if p["dev_loss"] else f"{'-':>8}"  # an average of saves logs none
        print(f"{p['stage']:10} {p['hours']:6.2f} {loss} "
              f"{p['wi_dev']['f0.5']:8.4f} {p['wi_dev']['precision']:6.3f} {p['jfleg_dev_gleu']:6.2f}")
    # Score per doubling of training time, least squares over the points from ft2 on (the
    # first stage is barely a model yet), and where that rate would reach JFLEG's 50.
    later = points[1:]
    if len(later) < 2:
        return
    print(f"W&I dev F0.5 per doubling of training hours (from {later[0]['stage']} on): "
          f"{per_doubling(later, lambda p: p['wi_dev']['f0.5']):+.4f}")
    gleu_rate = per_doubling(later, lambda p: p["jfleg_dev_gleu"])
    print(f"JFLEG GLEU per doubling of training hours (from {later[0]['stage']} on): {gleu_rate:+.4f}")
    last = points[-1]
    if gleu_rate > 0 and last["jfleg_dev_gleu"] < 50:
        hours = last["hours"] * 2 ** ((50 - last["jfleg_dev_gleu"]) / gleu_rate)
        print(f"JFLEG 50 at that rate: after about {hours:,.0f} hours of this machine's training")


if __name__ == "__main__":
    main()
