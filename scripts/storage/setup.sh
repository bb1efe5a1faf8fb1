#!/usr/bin/env bash
# Installs moto's S3 server (pinned, see requirements.txt) for tests/storage: the vitest
# global setup starts `moto_server` on a free loopback port and stops it after. Also fills
# $home/duckdb-extensions with DuckDB's httpfs and delta extensions from PyPI
# (duckdb-extension-httpfs / -delta, the builds of the exact DuckDB version @duckdb/node-api
# ships), for hosts that cannot reach DuckDB's extension repository (httpfs) and for fast
# reads of deletion vectors (delta): point spark.tributary.duckdb.extensionDirectory (or
# TRIBUTARY_DUCKDB_EXTENSION_DIR) at that directory.
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

# DuckDB's version without the node-api release suffix (1.5.5-r.5 -> 1.5.5).
duckdb_version="$(cd "$root" && node -p 'require("@duckdb/node-api/package.json").version.split("-")[0]')"
extensions="$home/duckdb-extensions"
# httpfs for s3:// paths; delta for reading files with deletion vectors inside DuckDB's
# Parquet reader (src/engine/duckdb/delta-extension.ts).
for extension in httpfs delta; do
  if compgen -G "$extensions/v$duckdb_version/*/$extension.duckdb_extension" >/dev/null; then
    continue
  fi
  wheels="$(mktemp -d)"
  "$venv/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: -d "$wheels" "duckdb-extension-$extension==$duckdb_version"
  "$venv/bin/python" - "$wheels" <<'PY'
import pathlib, sys, zipfile
folder = pathlib.Path(sys.argv[1])
for wheel in folder.glob("*.whl"):
    zipfile.ZipFile(wheel).extractall(folder)
PY
  built="$(find "$wheels" -name "$extension.duckdb_extension" | head -n 1)"
  (cd "$root" && node scripts/storage/install-duckdb-extension.mjs "$extensions" "$built")
  rm -rf "$wheels"
done
echo "storage setup: DuckDB httpfs and delta $duckdb_version in $extensions"
echo "storage setup: done in $((SECONDS - started)) s"
