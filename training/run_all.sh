#!/usr/bin/env bash
# Every stage, in order. Each is resumable/idempotent; pass MINUTES_BASE / MINUTES_FT to size the runs.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-$HOME/venvs/emend/bin/python}"
"$PY" prepare_learner.py
"$PY" make_synthetic.py
"$PY" train_tokenizer.py --vocab 8000
"$PY" train.py --run base --data synthetic.tsv:1,learner.tsv:2 --minutes "${MINUTES_BASE:-100}"
"$PY" train.py --run finetune --init base --data learner.tsv:1 --lr 3e-4 --warmup 100 --minutes "${MINUTES_FT:-30}"
"$PY" export.py --run finetune
"$PY" score.py --out scores/model.json
