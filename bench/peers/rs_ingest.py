"""CSV -> Delta partitioned by day with delta-rs (write_deltalake over pyarrow). Prints JSON timings."""
import json
import sys
import time

import pyarrow.compute as pc
import pyarrow.csv as pacsv
from deltalake import write_deltalake

csv, out = sys.argv[1], sys.argv[2]
t0 = time.time()
table = pacsv.read_csv(csv)
table = table.append_column("day", pc.cast(pc.strptime(table["date"], format="%Y-%m-%d %H:%M:%S", unit="us"), "date32"))
write_deltalake(out, table, partition_by=["day"])
print(json.dumps({"job": time.time() - t0}))
