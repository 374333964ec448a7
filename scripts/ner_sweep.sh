#!/usr/bin/env bash
# Parallel dev-split sweep of scripts/train_ner.py (one CRF per core), as run for
# benchmarks/ner_ablation.md on a 16-core machine. Usage, from the repo root:
#   SHARED=../shared OUT=/tmp/sweep-out bash scripts/ner_sweep.sh CONFIGS
# CONFIGS: one run per line, `NAME FLAGS...`, e.g.
#   sp-nochar-c1.03 --second-pass --jobs 2 --no-char-ngrams --c1 0.03
# Each run is killed after LIMIT seconds; logs go to $OUT/logs.tgz and the dev
# figures to build/ner/experiments.tsv (copied to $OUT).
set -u
CONFIGS=$1
SHARED=${SHARED:-../shared}
LIMIT=${LIMIT:-480}
PY=${PY:-python3}
OUT=${OUT:-build/ner/sweep}
mkdir -p /tmp/sweep "$OUT"
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1
while read -r name flags; do
  [ -z "$name" ] && continue
  timeout "$LIMIT" $PY scripts/train_ner.py dev --shared "$SHARED" --name "$name" $flags > "/tmp/sweep/$name.log" 2>&1 &
done < "$CONFIGS"
wait
cp build/ner/experiments.tsv "$OUT/experiments.tsv"
tar czf "$OUT/logs.tgz" -C /tmp/sweep .
