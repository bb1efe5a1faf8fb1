"""CSV on S3 -> Delta partitioned by day on S3 with delta-rs (write_deltalake over pyarrow).

argv: <s3://bucket/key.csv> <s3://bucket/table>; the server and keys come from the AWS_*
environment (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION), which
delta-rs reads itself. Prints JSON timings.
"""
import json
import os
import sys
import time

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.fs as pafs
from deltalake import write_deltalake

csv, out = sys.argv[1], sys.argv[2]
endpoint = os.environ["AWS_ENDPOINT_URL"]
t0 = time.time()
fs = pafs.S3FileSystem(
    endpoint_override=endpoint,
    scheme="http" if endpoint.startswith("http://") else "https",
    access_key=os.environ["AWS_ACCESS_KEY_ID"],
    secret_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    region=os.environ.get("AWS_REGION", "us-east-1"),
)
with fs.open_input_stream(csv.removeprefix("s3://")) as f:
    table = pacsv.read_csv(f)
# pyarrow infers the `date` column as a timestamp already; the day is its date.
table = table.append_column("day", pc.cast(table["date"], pa.date32()))
write_deltalake(out, table, partition_by=["day"], storage_options={"AWS_ALLOW_HTTP": "true"})
print(json.dumps({"job": time.time() - t0}), flush=True)
os._exit(0)
