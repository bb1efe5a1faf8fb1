#!/usr/bin/env bash
# Installs Great Expectations (pinned 1.x, pandas engine) for tests/interop/quality, the
# parity tests that run the same suite on the same CSV with GE and with tributary.
# Idempotent: a second run only checks the stamp (< 1 s) and needs no network.
#
#   bash scripts/quality/setup.sh
#
# PYTHON picks the interpreter (3.10+); TRIBUTARY_QUALITY_HOME moves .tributary/quality
# (the TypeScript runner honours the same variable).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${TRIBUTARY_QUALITY_HOME:-$root/.tributary/quality}"
venv="$home/venv"
started=$SECONDS
mkdir -p "$home"

# The stamp is the requirements file itself, so a pin change reinstalls.
stamp_want="$(cat "$here/requirements.txt")"
stamp_file="$venv/.tributary-stamp"
if [[ ! -x "$venv/bin/python" ]]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp_want" ]]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  printf '%s' "$stamp_want" >"$stamp_file"
fi

"$venv/bin/python" - "$home/versions.json" <<'PY'
import json, sys
from importlib.metadata import version
found = {n: version(n) for n in ["great_expectations", "pandas"]}
open(sys.argv[1], "w").write(json.dumps(found, indent=2) + "\n")
print("quality setup: " + ", ".join(f"{n} {v}" for n, v in found.items()))
PY
echo "quality setup: python $venv/bin/python"
echo "quality setup: done in $((SECONDS - started)) s"
