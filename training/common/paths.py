"""Where the pipeline reads data and writes its work, in one place."""
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # training/common/paths.py
DATA = Path(os.environ.get("EMEND_DATA", REPO.parent / "shared" / "data"))
# Generated corpora and full checkpoints are large: keep them outside the repo.
WORK = Path(os.environ.get("EMEND_WORK", REPO.parent / "emend-work"))
MODEL_DIR = REPO / "model"
# A small half-precision checkpoint lives in the repo so a new machine can resume.
REPO_CHECKPOINT = REPO / "training" / "model" / "checkpoint" / "last.pt"


def work(*parts: str) -> Path:
    path = WORK.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
