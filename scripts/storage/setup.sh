#!/usr/bin/env bash
# Installs moto's S3 server (pinned, see requirements.txt) for tests/storage: the vitest
# global setup starts `moto_server` on a free loopback port and stops it after.
# Idempotent: a second run only checks the stamp (< 1 s) and needs no network.
#
#   bash scripts/storage/setup.sh
#
# PYTHON picks the interpreter (3.9+); TRIBUTARY_STORAGE_HOME moves .tributary/storage
# (tests/storage/global-setup.ts honours the same variable).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${TRIBUTARY_STORAGE_HOME:-$root/.tributary/storage}"
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
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  printf '%s' "$stamp_want" >"$stamp_file"
fi

"$venv/bin/python" -c 'from importlib.metadata import version; print("storage setup: moto " + version("moto"))'
echo "storage setup: server $venv/bin/moto_server"
echo "storage setup: done in $((SECONDS - started)) s"
