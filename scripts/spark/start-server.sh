#!/usr/bin/env bash
# Starts a local Spark Connect server with Delta Lake for tributary's Spark engine and its
# tests (`npm run spark:start`). Idempotent: the venv, the jars and a running server are
# reused. Everything lives under .tributary/spark/ (git-ignored):
#   venv/        Python venv with the pinned pyspark (its jars include the Connect server)
#   jars/        delta-spark, delta-storage, hadoop-aws and AWS SDK modules (s3a://) from
#                Maven Central, checked against .sha1 (s3-jars.sh)
#   server.conf  the user's settings below as one properties file (mode 600: S3 keys)
#   server.log   the server's output; server.pid its process id
#
# Environment: SPARK_CONNECT_PORT (15002), SPARK_START_TIMEOUT seconds (180),
# SPARK_DRIVER_MEMORY (2g), SPARK_SHUFFLE_PARTITIONS (8, also the file-listing parallelism:
# one machine does not need Spark's 200 shuffle partitions or 10,000 listing tasks, which
# make a VACUUM of a tiny table take a minute), TRIBUTARY_SPARK_HOME (state folder), JAVA_HOME (else `java`),
# SPARK_CONNECT_AUTHENTICATE_TOKEN (Spark itself reads it: clients must then send this
# bearer token; it is also written to .tributary/spark/token, mode 600, for test helpers),
# TRIBUTARY_SPARK_CONF (k=v lines, `tributary spark start-local --conf` and the
# spark.hadoop.* keys of spark-defaults.conf) and TRIBUTARY_SPARK_PROPERTIES_FILE
# (`--properties-file`), passed to spark-submit through server.conf.
# Delta on s3a:// uses delta-storage's S3SingleDriverLogStore (Delta's default for s3a):
# safe while this one server is the only writer of a table; several writers at once need
# spark.delta.logStore.s3a.impl=io.delta.storage.S3DynamoDBLogStore (delta-storage-s3-dynamodb).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
. "$ROOT/scripts/spark/versions.env"
# shellcheck source=maven.sh
. "$ROOT/scripts/spark/maven.sh"

STATE="${TRIBUTARY_SPARK_HOME:-$ROOT/.tributary/spark}"
VENV="$STATE/venv"
JARS="$STATE/jars"
LOG="$STATE/server.log"
PIDFILE="$STATE/server.pid"
HOST=127.0.0.1
PORT="${SPARK_CONNECT_PORT:-15002}"
TIMEOUT="${SPARK_START_TIMEOUT:-180}"

say() { printf 'spark: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
port_open() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }
alive() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

mkdir -p "$STATE" "$JARS"
# Concurrent starts (parallel test workers) wait for each other instead of racing; the
# server itself does not inherit the lock (9>&- below), or every later start would hang.
exec 9>"$STATE/start.lock"
flock 9

if alive && port_open; then
  say "already running (pid $(cat "$PIDFILE")) on sc://$HOST:$PORT"
  exit 0
fi
if port_open; then
  die "port $PORT is already taken by another process; stop it or set SPARK_CONNECT_PORT."
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || die "java not found; Spark $PYSPARK_VERSION needs Java 17 or 21."
JAVA_MAJOR="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
[[ "${JAVA_MAJOR:-0}" -ge 17 ]] || die "Spark $PYSPARK_VERSION needs Java 17 or 21 (found ${JAVA_MAJOR:-none})."

# --- Python venv with pyspark (the Spark distribution, Connect server jar included) ---
PY="$VENV/bin/python"
installed() { "$PY" -c 'import importlib.metadata as m; print(m.version("pyspark"))' 2>/dev/null; }
if [[ ! -x "$PY" ]]; then
  say "creating venv in $VENV"
  python3 -m venv "$VENV"
fi
if [[ "$(installed)" != "$PYSPARK_VERSION" ]]; then
  say "installing pyspark==$PYSPARK_VERSION (about 430 MB, once)"
  "$PY" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" protobuf
fi
SPARK_HOME="$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
ls "$SPARK_HOME"/jars/spark-connect_*.jar >/dev/null 2>&1 ||
  die "no spark-connect jar in $SPARK_HOME/jars; is pyspark $PYSPARK_VERSION complete?"

# --- Jars from Maven Central, verified against the published SHA-1 ---
fetch_jar "$JARS" io/delta "delta-spark_$SCALA_BINARY_VERSION" "$DELTA_VERSION"
fetch_jar "$JARS" io/delta delta-storage "$DELTA_VERSION"
DELTA_JARS="$JARS/delta-spark_$SCALA_BINARY_VERSION-$DELTA_VERSION.jar,$JARS/delta-storage-$DELTA_VERSION.jar"
# hadoop-aws and the AWS SDK modules it uses, for s3a:// (see versions.env).
S3_JARS="$(bash "$ROOT/scripts/spark/s3-jars.sh" "$JARS")"

# --- Start the server ---
rm -f "$STATE/token"
if [[ -n "${SPARK_CONNECT_AUTHENTICATE_TOKEN:-}" ]]; then
  (umask 077 && printf '%s' "$SPARK_CONNECT_AUTHENTICATE_TOKEN" >"$STATE/token")
else
  # Set but empty would make Spark demand an empty token.
  unset SPARK_CONNECT_AUTHENTICATE_TOKEN
fi
# The user's settings (a properties file, then k=v lines) go into one properties file, mode
# 600, rather than onto the command line: they may hold S3 keys, and the process list is
# readable by every local user. The flags below come after it, so the loopback binding wins.
SERVER_CONF="$STATE/server.conf"
rm -f "$SERVER_CONF"
(umask 077 && : >"$SERVER_CONF")
{
  if [[ -n "${TRIBUTARY_SPARK_PROPERTIES_FILE:-}" ]]; then
    [[ -r "$TRIBUTARY_SPARK_PROPERTIES_FILE" ]] ||
      die "cannot read the properties file $TRIBUTARY_SPARK_PROPERTIES_FILE"
    cat "$TRIBUTARY_SPARK_PROPERTIES_FILE"
    printf '\n'
  fi
  # Java properties syntax: a backslash escapes, so a literal one is doubled.
  while IFS= read -r kv; do
    if [[ -n "$kv" ]]; then printf '%s=%s\n' "${kv%%=*}" "$(printf '%s' "${kv#*=}" | sed 's/\\/\\\\/g')"; fi
  done <<<"${TRIBUTARY_SPARK_CONF:-}"
} >>"$SERVER_CONF"
# Without a file of the user's, spark-submit reads conf/spark-defaults.conf ($SPARK_CONF_DIR)
# as it always does; our own file above must not switch that off.
LOAD_DEFAULTS=()
if [[ -z "${TRIBUTARY_SPARK_PROPERTIES_FILE:-}" ]]; then LOAD_DEFAULTS=(--load-spark-defaults); fi
say "starting Spark Connect $PYSPARK_VERSION with Delta $DELTA_VERSION on sc://$HOST:$PORT"
STARTED=$(date +%s)
# Run from the state folder so metastore_db/ and spark-warehouse/ land there.
cd "$STATE"
SPARK_HOME="$SPARK_HOME" PYSPARK_PYTHON="$PY" nohup "$SPARK_HOME/bin/spark-submit" \
  --class org.apache.spark.sql.connect.service.SparkConnectServer \
  --name tributary-spark-connect \
  --master "local[*]" \
  --driver-memory "${SPARK_DRIVER_MEMORY:-2g}" \
  --jars "$DELTA_JARS,$S3_JARS" \
  --properties-file "$SERVER_CONF" \
  ${LOAD_DEFAULTS[@]+"${LOAD_DEFAULTS[@]}"} \
  --conf spark.connect.grpc.binding.address="$HOST" \
  --conf spark.connect.grpc.binding.port="$PORT" \
  --conf spark.driver.host="$HOST" \
  --conf spark.driver.bindAddress="$HOST" \
  --conf spark.ui.enabled=false \
  --conf spark.sql.shuffle.partitions="${SPARK_SHUFFLE_PARTITIONS:-8}" \
  --conf spark.sql.sources.parallelPartitionDiscovery.parallelism="${SPARK_SHUFFLE_PARTITIONS:-8}" \
  --conf spark.sql.warehouse.dir="$STATE/spark-warehouse" \
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
  >"$LOG" 2>&1 </dev/null 9>&- &
echo $! >"$PIDFILE"

until port_open; do
  if ! alive; then
    tail -n 40 "$LOG" >&2 || true
    rm -f "$PIDFILE"
    die "the server exited during start-up; full log: $LOG"
  fi
  if (($(date +%s) - STARTED >= TIMEOUT)); then
    tail -n 20 "$LOG" >&2 || true
    die "no answer on $HOST:$PORT after ${TIMEOUT}s (still starting? see $LOG; stop with npm run spark:stop)"
  fi
  sleep 0.5
done
say "ready in $(($(date +%s) - STARTED))s (pid $(cat "$PIDFILE"), log $LOG)"
