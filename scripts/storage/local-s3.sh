#!/usr/bin/env bash
# A local S3 server for trying object storage: moto's S3 API on 127.0.0.1:$S3_PORT (5055)
# with a bucket named $S3_BUCKET (lake), in the foreground until Ctrl-C. Installs moto and
# DuckDB's httpfs extension first (scripts/storage/setup.sh), so it works offline after that.
#
#   npm run s3:local            (or: S3_PORT=9000 S3_BUCKET=raw bash scripts/storage/local-s3.sh)
#
# Credentials are not checked by moto: use any key pair, e.g. test / test-secret.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${TRIBUTARY_STORAGE_HOME:-$root/.tributary/storage}"
port="${S3_PORT:-5055}"
bucket="${S3_BUCKET:-lake}"

bash "$here/setup.sh"
"$home/venv/bin/python" "$here/moto-server.py" -H 127.0.0.1 -p "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  if "$home/venv/bin/python" - "$port" "$bucket" <<'PY' 2>/dev/null; then break; fi
import sys, boto3
port, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test-secret")
if bucket not in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]:
    s3.create_bucket(Bucket=bucket)
PY
  sleep 0.2
done
echo "local S3: http://127.0.0.1:$port, bucket $bucket (Ctrl-C stops it)"
echo "local S3: DuckDB extensions in $home/duckdb-extensions"
wait "$server"
