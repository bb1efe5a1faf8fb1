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

# shellcheck source=../lib/pinned-venv.sh
source "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$venv" "$here/requirements.txt"

"$venv/bin/python" -c 'from importlib.metadata import version; print("storage setup: moto " + version("moto"))'
echo "storage setup: server $venv/bin/moto_server"
echo "storage setup: done in $((SECONDS - started)) s"
