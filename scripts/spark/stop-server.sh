#!/usr/bin/env bash
# Stops the Spark Connect server that start-server.sh started (`npm run spark:stop`): only
# the process named in .tributary/spark/server.pid, TERM first, KILL after 30 seconds; then
# removes its token and server.conf (which may hold S3 keys).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${TRIBUTARY_SPARK_HOME:-$ROOT/.tributary/spark}"
PIDFILE="$STATE/server.pid"

if [[ ! -f "$PIDFILE" ]]; then
  echo "spark: not running (no $PIDFILE)" >&2
  exit 0
fi
PID="$(cat "$PIDFILE")"
if ! kill -0 "$PID" 2>/dev/null; then
  echo "spark: not running (stale pid $PID)" >&2
  rm -f "$PIDFILE"
  exit 0
fi
kill -TERM "$PID"
for _ in $(seq 1 60); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$PID" 2>/dev/null; then
  echo "spark: pid $PID ignored TERM for 30s; sending KILL" >&2
  kill -KILL "$PID" 2>/dev/null || true
fi
rm -f "$PIDFILE" "$STATE/token" "$STATE/server.conf"
echo "spark: stopped (pid $PID)" >&2
