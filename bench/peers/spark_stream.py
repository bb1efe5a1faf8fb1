"""Structured Streaming, availableNow: a directory of CSV files -> Delta, with PySpark (local[*])
+ delta-spark. Prints JSON timings: startup (JVM + session) and job (start -> terminated)."""
import json
import sys
import time

from pyspark.sql import SparkSession

src, out, cp, jars = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
max_files = sys.argv[5] if len(sys.argv) > 5 else ""
t0 = time.time()
spark = (
    SparkSession.builder.master("local[*]")
    .config("spark.jars", jars)
    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.memory", "4g")
    .config("spark.sql.shuffle.partitions", "2")
    .config("spark.databricks.delta.snapshotPartitions", "2")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
t1 = time.time()
reader = (
    spark.readStream.format("csv")
    .schema("date STRING, delay INT, distance INT, origin STRING, destination STRING")
    .option("header", True)
)
if max_files:
    reader = reader.option("maxFilesPerTrigger", int(max_files))
q = (
    reader.load(src)
    .writeStream.format("delta")
    .option("checkpointLocation", cp)
    .trigger(availableNow=True)
    .start(out)
)
q.awaitTermination()
t2 = time.time()
batches = len(q.recentProgress)
rows = sum(p["numInputRows"] for p in q.recentProgress)
spark.stop()
print(json.dumps({"startup": t1 - t0, "job": t2 - t1, "batches": batches, "rows": rows}))
