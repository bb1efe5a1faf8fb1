"""Read one version's change data feed with delta-spark's table_changes. Prints JSON timings."""
import json
import sys
import time

from pyspark.sql import SparkSession

path, version, jars, repeats = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
spark = (
    SparkSession.builder.master("local[*]")
    .config("spark.jars", jars)
    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
    .config("spark.ui.enabled", "false")
    .config("spark.driver.memory", "4g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
quoted = path.replace("'", "\\'")
sql = (
    f"SELECT _change_type, count(*) AS n, sum(distance) AS d "
    f"FROM table_changes_by_path('{quoted}', {version}, {version}) GROUP BY _change_type"
)
times = []
counts = {}
for _ in range(repeats):
    t0 = time.time()
    counts = {r["_change_type"]: r["n"] for r in spark.sql(sql).collect()}
    times.append(time.time() - t0)
spark.stop()
times.sort()
print(json.dumps({"job": times[len(times) // 2], "counts": counts}))
