"""CSV -> Delta partitioned by day with PySpark (local[*]) + delta-spark. Prints JSON timings."""
import json
import sys
import time

from pyspark.sql import SparkSession, functions as F

csv, out, jars = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.time()
spark = (
    SparkSession.builder.master("local[*]")
    .config("spark.jars", jars)
    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    .config("spark.driver.memory", "4g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
t1 = time.time()
df = spark.read.option("header", True).option("inferSchema", True).csv(csv)
df.withColumn("day", F.to_date(F.col("date"))).write.format("delta").partitionBy("day").save(out)
t2 = time.time()
spark.stop()
print(json.dumps({"startup": t1 - t0, "job": t2 - t1}))
