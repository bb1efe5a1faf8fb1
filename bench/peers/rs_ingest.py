"""CSV -> Delta partitioned by day with delta-rs (write_deltalake over pyarrow). Prints JSON timings."""
import json
import os
import resource
import sys
import time

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from deltalake import write_deltalake

csv, out = sys.argv[1], sys.argv[2]
t0 = time.time()
table = pacsv.read_csv(csv)
# pyarrow infers the `date` column as a timestamp already; the day is its date.
table = table.append_column("day", pc.cast(table["date"], pa.date32()))
write_deltalake(out, table, partition_by=["day"])
peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps({"job": time.time() - t0, "peakRssMb": peak_mb}), flush=True)
os._exit(0)
