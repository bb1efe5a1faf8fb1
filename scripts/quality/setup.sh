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

# shellcheck source=../lib/pinned-venv.sh
source "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$venv" "$here/requirements.txt"

"$venv/bin/python" - "$home/versions.json" <<'PY'
import json, sys
from importlib.metadata import version
found = {n: version(n) for n in ["great_expectations", "pandas"]}
open(sys.argv[1], "w").write(json.dumps(found, indent=2) + "\n")
print("quality setup: " + ", ".join(f"{n} {v}" for n, v in found.items()))
PY
echo "quality setup: python $venv/bin/python"
echo "quality setup: done in $((SECONDS - started)) s"
