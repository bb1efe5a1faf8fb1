#!/usr/bin/env bash
# Fills .tributary/tpch/duckdb-extensions with DuckDB's tpch extension from PyPI
# (duckdb-extension-tpch, the build of the exact DuckDB version @duckdb/node-api ships), for
# hosts that cannot reach DuckDB's extension repository, then writes TPC-H data with
# scripts/tpch/generate.mjs. Idempotent: a second run needs no network.
#
#   bash scripts/tpch/setup.sh [scale-factor]      # default 0.01 (the tests' data)
#
# PYTHON picks the interpreter that runs `pip download` (nothing is installed into it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="$root/.tributary/tpch"
extensions="$home/duckdb-extensions"
python="${PYTHON:-python3}"
mkdir -p "$home"

duckdb_version="$(cd "$root" && node -p 'require("@duckdb/node-api/package.json").version.split("-")[0]')"
if ! compgen -G "$extensions/v$duckdb_version/*/tpch.duckdb_extension" >/dev/null; then
  wheels="$(mktemp -d)"
  trap 'rm -rf "$wheels"' EXIT
  "$python" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: -d "$wheels" "duckdb-extension-tpch==$duckdb_version"
  "$python" - "$wheels" <<'PY'
import pathlib, sys, zipfile
folder = pathlib.Path(sys.argv[1])
for wheel in folder.glob("*.whl"):
    zipfile.ZipFile(wheel).extractall(folder)
PY
  built="$(find "$wheels" -name tpch.duckdb_extension | head -n 1)"
  (cd "$root" && node scripts/storage/install-duckdb-extension.mjs "$extensions" "$built")
fi
(cd "$root" && node scripts/tpch/generate.mjs "${1:-0.01}")
