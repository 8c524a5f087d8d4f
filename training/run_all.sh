#!/usr/bin/env bash
# Every stage, in order. Each is resumable/idempotent; pass MINUTES_BASE / MINUTES_FT to size the runs.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-$HOME/venvs/emend/bin/python}"
"$PY" prepare_learner.py
"$PY" make_synthetic.py
# A new tokenizer invalidates every checkpoint: make it once.
[ -f "${EMEND_WORK:-../../emend-work}/tokenizer.json" ] || "$PY" train_tokenizer.py --vocab 8000
"$PY" train.py --run base --data synthetic.tsv:1,learner.tsv:2 --lr 1e-3 --warmup 200 --dropout 0 --max-tokens 1200 --minutes "${MINUTES_BASE:-100}"
"$PY" train.py --run finetune --init base --data learner.tsv:1,learner_changed.tsv:1 --lr 5e-4 --warmup 100 --dropout 0 --max-tokens 1200 --minutes "${MINUTES_FT:-30}"
"$PY" export.py --run finetune
"$PY" score.py --out scores/model.json
