#!/usr/bin/env bash
# Prints the comma-separated jars that give Spark s3a:// (hadoop-aws and the parts of the AWS
# SDK v2 it uses; versions and the reason for this set in versions.env), downloading them
# once into .tributary/spark/jars (or $1). start-server.sh attaches them to the Spark Connect
# server; the interop tests attach them to the classic delta-spark peer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
. "$ROOT/scripts/spark/versions.env"
# shellcheck source=maven.sh
. "$ROOT/scripts/spark/maven.sh"

die() { printf 'spark: error: %s\n' "$*" >&2; exit 1; }

JARS="${1:-${TRIBUTARY_SPARK_HOME:-$ROOT/.tributary/spark}/jars}"
mkdir -p "$JARS"
# Two processes may fetch at once (a test run's setups): the second waits, then finds the jars.
exec 8>"$JARS/.s3-jars.lock"
flock 8

paths=()
fetch_jar "$JARS" org/apache/hadoop hadoop-aws "$HADOOP_AWS_VERSION"
paths+=("$JARS/hadoop-aws-$HADOOP_AWS_VERSION.jar")
for module in $AWS_SDK_MODULES; do
  fetch_jar "$JARS" software/amazon/awssdk "$module" "$AWS_SDK_VERSION"
  paths+=("$JARS/$module-$AWS_SDK_VERSION.jar")
done
for coordinate in $AWS_SDK_EXTRA_JARS; do
  IFS=: read -r group artifact version <<<"$coordinate"
  fetch_jar "$JARS" "$group" "$artifact" "$version"
  paths+=("$JARS/$artifact-$version.jar")
done
(IFS=, && printf '%s\n' "${paths[*]}")
