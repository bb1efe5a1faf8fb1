#!/usr/bin/env bash
# Installs the real Delta peers for tests/interop: delta-rs (`deltalake`) and delta-spark
# (PySpark + Delta jars, run on the local Java 17). Idempotent: a second run only checks.
# Afterwards runs need no network: the Delta jars come from .tributary/interop/jars, not Ivy.
#
#   bash scripts/interop/setup.sh
#
# PYTHON picks the interpreter; TRIBUTARY_INTEROP_HOME moves .tributary/interop;
# INTEROP_PYSPARK_VERSION / INTEROP_DELTA_VERSION override scripts/spark/versions.env
# (make-golden.sh uses them for its delta-spark 4.1 stack).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${TRIBUTARY_INTEROP_HOME:-$root/.tributary/interop}"
venv="$home/venv"
jars="$home/jars"
maven="${MAVEN_REPO:-https://repo1.maven.org/maven2}"

# One pin for Spark and Delta across the project (the Spark Connect server reads it too).
PYSPARK_VERSION=4.0.1
DELTA_VERSION=4.0.1
SCALA_BINARY_VERSION=2.13
if [[ -f "$root/scripts/spark/versions.env" ]]; then
  # shellcheck disable=SC1091
  source "$root/scripts/spark/versions.env"
fi
# make-golden.sh installs a second stack (another home) for the one table only a newer
# delta-spark can write; everything else uses the shared pin.
PYSPARK_VERSION="${INTEROP_PYSPARK_VERSION:-$PYSPARK_VERSION}"
DELTA_VERSION="${INTEROP_DELTA_VERSION:-$DELTA_VERSION}"

started=$SECONDS
mkdir -p "$home" "$jars"

if ! java -version >/dev/null 2>&1; then
  echo "setup: no java on PATH; delta-spark needs Java 17 or 21 (apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
if [[ "$java_major" != 17 && "$java_major" != 21 ]]; then
  echo "setup: java $java_major found; Spark $PYSPARK_VERSION is tested on Java 17 and 21" >&2
fi

# The stamp holds everything that decides the venv's content, so a pin change reinstalls.
stamp_want="$(cat "$here/requirements.txt"; echo "pyspark==$PYSPARK_VERSION delta-spark==$DELTA_VERSION")"
stamp_file="$venv/.tributary-stamp"
if [[ ! -x "$venv/bin/python" ]]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp_want" ]]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$here/requirements.txt" "pyspark==$PYSPARK_VERSION" "delta-spark==$DELTA_VERSION"
  printf '%s' "$stamp_want" >"$stamp_file"
fi

fetch_jar() { # group-path artifact version
  local url="$maven/$1/$2/$3/$2-$3.jar" file="$jars/$2-$3.jar"
  if [[ -f "$file" && -f "$file.sha1" ]] &&
    echo "$(cut -d' ' -f1 "$file.sha1")  $file" | sha1sum --status -c; then
    return
  fi
  curl -sSfL --retry 3 -o "$file.sha1" "$url.sha1"
  curl -sSfL --retry 3 -o "$file.part" "$url"
  echo "$(cut -d' ' -f1 "$file.sha1")  $file.part" | sha1sum --status -c
  mv "$file.part" "$file"
}
# A stale jar of another Delta version would load beside the pinned one: keep only these.
find "$jars" -name '*.jar*' ! -name "*-$DELTA_VERSION.jar*" -delete
fetch_jar io/delta "delta-spark_$SCALA_BINARY_VERSION" "$DELTA_VERSION"
fetch_jar io/delta delta-storage "$DELTA_VERSION"

"$venv/bin/python" - "$home/versions.json" <<'PY'
import json, sys
from importlib.metadata import version
names = ["deltalake", "pyarrow", "pandas", "pyspark", "delta-spark"]
found = {n: version(n) for n in names}
open(sys.argv[1], "w").write(json.dumps(found, indent=2) + "\n")
print("setup: " + ", ".join(f"{n} {v}" for n, v in found.items()))
PY

echo "setup: java $java_major ($(command -v java))"
echo "setup: venv   $venv"
echo "setup: python $venv/bin/python"
echo "setup: jars   $jars ($(cd "$jars" && ls *.jar | tr '\n' ' '))"
echo "setup: peer   $here/peer.py"
echo "setup: done in $((SECONDS - started)) s"
