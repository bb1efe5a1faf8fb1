"""The ingest job through PySpark's own Spark Connect client, against the same server
tributary's Spark engine uses: CSV -> Delta partitioned by day. Prints JSON timings."""
import json
import sys
import time

from pyspark.sql import SparkSession, functions as F

url, csv, out = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.time()
spark = SparkSession.builder.remote(url).getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")
t1 = time.time()
df = spark.read.option("header", True).option("inferSchema", True).csv(csv)
df.withColumn("day", F.to_date(F.col("date"))).write.format("delta").partitionBy("day").save(out)
t2 = time.time()
spark.stop()
print(json.dumps({"connect": t1 - t0, "seconds": t2 - t1}))
