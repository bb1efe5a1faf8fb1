#!/usr/bin/env bash
# Regenerates tests/fixtures/delta (golden tables + catalog.json + README.md) with the
# real peers. Optional arguments name the tables to redo; the others stay as they are.
#
# Two stacks: the pinned peers of setup.sh ("main") for most tables, and delta-spark 4.1
# ("spark41", its own venv in .tributary/interop-spark41) for the one table only it can
# write (a checkpoint with stats_parsed). CI needs neither: the tables are committed.
#
#   bash scripts/interop/make-golden.sh [spark-checkpoint-v10 ...]
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

main_home="${TRIBUTARY_INTEROP_HOME:-$root/.tributary/interop}"
bash "$here/setup.sh" >/dev/null
TRIBUTARY_INTEROP_HOME="$main_home" \
  "$main_home/venv/bin/python" "$here/make_golden.py" --profile main "$@"

spark41_home="$root/.tributary/interop-spark41"
TRIBUTARY_INTEROP_HOME="$spark41_home" INTEROP_PYSPARK_VERSION=4.1.0 INTEROP_DELTA_VERSION=4.1.0 \
  bash "$here/setup.sh" >/dev/null
TRIBUTARY_INTEROP_HOME="$spark41_home" \
  "$spark41_home/venv/bin/python" "$here/make_golden.py" --profile spark41 "$@"
