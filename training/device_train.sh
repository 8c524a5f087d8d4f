#!/usr/bin/env bash
# Runs on the device machine (see device_pack.sh): unpack .device/, make SAMPLES fresh
# synthetic samples of SENTENCES sentences each on all its cores, train on the GPU with the
# learner pairs (PAIRS, default "wi_train.tsv:2") and those samples, and leave the weights
# (training/model/checkpoint/last.pt, half precision, 16 MB) and the log in $OUT.
#   OUT=$OUT bash training/device_train.sh SENTENCES SAMPLES -- <training.model.train arguments>
# DEVICE=cpu runs the same steps here (a check of the script; use a copy of the repo, since
# --to-repo rewrites training/model/checkpoint/last.pt).
set -euo pipefail
cd "$(dirname "$0")/.."
sentences=$1 samples=$2
shift 2
[ "${1:-}" = "--" ] && shift
: "${OUT:?OUT must name the folder that comes back}"
PY=${PYTHON:-python3}
export EMEND_DATA=/tmp/emend-data EMEND_WORK=/tmp/emend-work PYTHONUNBUFFERED=1
rm -rf "$EMEND_DATA" "$EMEND_WORK" /tmp/emend-site
mkdir -p "$EMEND_DATA" "$EMEND_WORK/ckpt"
cp -r .device/data/. "$EMEND_DATA"/
cp .device/work/* "$EMEND_WORK"/
find "$EMEND_DATA" "$EMEND_WORK" -name '*.gz' -exec gunzip {} +
"$PY" -m pip install -q --no-index --no-deps --no-compile --target /tmp/emend-site .device/wheels/*.whl
export PYTHONPATH=/tmp/emend-site
# From the repo root, as everywhere: each script runs as a module (python -m training.<stage>.<script>).
start=$(date +%s)
mix=${MIX:-inflection=0.3,spelling=0.06,article=0.05}
pids=()
for i in $(seq 1 "$samples"); do
  "$PY" -m training.data.make_synthetic --seed $((1000 + i)) --max-sentences "$sentences" --mix "$mix" --out "gpu_syn_$i.tsv" > /dev/null &
  pids+=($!)
done
# A plain `wait` reports success whatever the samples did: wait for each, so a failed one stops here.
for pid in "${pids[@]}"; do wait "$pid"; done
echo "synthetic: $samples x $sentences sentences in $(( $(date +%s) - start )) s"
data=${PAIRS:-wi_train.tsv:2}
for i in $(seq 1 "$samples"); do data="$data,gpu_syn_$i.tsv:1"; done
"$PY" -m training.model.train --device "${DEVICE:-cuda}" --data "$data" --to-repo "$@" 2>&1 | tee "$OUT/train.log"
cp training/model/checkpoint/last.pt "$OUT/last.pt"
