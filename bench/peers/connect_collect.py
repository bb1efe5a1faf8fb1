"""Collects a 1,000,000-row result through PySpark's Spark Connect client: as Row objects
(collect) and as an Arrow table (toArrow). Prints JSON timings."""
import json
import sys
import time

from pyspark.sql import SparkSession

url, query = sys.argv[1], sys.argv[2]
spark = SparkSession.builder.remote(url).getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")
spark.sql(query).limit(10).collect()  # warm-up
t0 = time.time()
rows = spark.sql(query).collect()
t1 = time.time()
table = spark.sql(query).toArrow()
t2 = time.time()
spark.stop()
print(json.dumps({"rows": len(rows), "collect": t1 - t0, "toArrow": t2 - t1, "arrowRows": table.num_rows}))
