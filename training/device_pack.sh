#!/usr/bin/env bash
# Pack what a training run on the device machine (a GPU lent to some sessions) needs into
# .device/ (git-ignored): that machine sees only the repo and the paths a run carries, and
# reaches no registry. Then, with the device tool:
#   run(command="OUT=$OUT bash training/device_train.sh 200000 12 -- --run gpu1 --init ft11final ...",
#       carry=[".device"], timeout_s=...)
# Size: about 29 MB (the clean text, helpers and learner pairs, gzipped); with the repo (33 MB)
# it stays under the 64 MiB a run carries.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${EMEND_DATA:-../shared/data}
WORK=${EMEND_WORK:-../emend-work}
PY=${PYTHON:-$HOME/venvs/emend/bin/python}
rm -rf .device
mkdir -p .device/data/parallel .device/data/helpers .device/work .device/wheels
cp "$DATA"/parallel/wi_abcn_dev.src "$DATA"/parallel/wi_abcn_dev.tgt .device/data/parallel/
cp -r "$DATA"/helpers/learner_edit_stats_wi_fce_train.tsv "$DATA"/helpers/misspellings .device/data/helpers/
chmod -R u+w .device/data
gzip -r .device/data/helpers
# training/data/make_synthetic.py's clean sentences
for corpus in enwiki_wikitasks brown gutenberg_nltk; do
  mkdir -p ".device/data/clean_text/$corpus"
  gzip -c "$DATA/clean_text/$corpus/sentences.txt" > ".device/data/clean_text/$corpus/sentences.txt.gz"
done
cp "$WORK"/tokenizer.json .device/work/
for pairs in wi_train.tsv learner.tsv; do gzip -c "$WORK/$pairs" > ".device/work/$pairs.gz"; done
# The one pipeline package the device's Python lacks (pure Python; it needs numpy, which is there).
version=$(sed -n 's/^lemminflect==//p' training/requirements.txt)
"$PY" -m pip download -q --no-deps --only-binary=:all: -d .device/wheels "lemminflect==$version"
du -sh .device
