"""TPC-H peer: PySpark 4.0.1 in classic local mode runs the 22 queries with spark.sql.

Usage: python bench/peers/spark_tpch.py <data dir> <queries dir> <threads>

Prints one JSON line {"seconds": [q1..q22], "rows": [...], "startSeconds"}: one untimed
pass first (JIT and file metadata warm, as the other sides get), then the timed pass.
"""

import json
import os
import sys
import time

from pyspark.sql import SparkSession

TABLES = ["nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem"]


def main():
    data, queries, threads = sys.argv[1], sys.argv[2], sys.argv[3]
    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{threads}]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "6g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    start = time.perf_counter() - t0
    for table in TABLES:
        spark.read.parquet(os.path.join(data, f"{table}.parquet")).createOrReplaceTempView(table)
    texts = []
    for i in range(1, 23):
        with open(os.path.join(queries, f"q{i}.sql")) as f:
            texts.append(f.read())
    for text in texts:
        spark.sql(text).collect()
    seconds, rows = [], []
    for text in texts:
        t = time.perf_counter()
        rows.append(len(spark.sql(text).collect()))
        seconds.append(time.perf_counter() - t)
    print(json.dumps({"seconds": seconds, "rows": rows, "startSeconds": start}))


if __name__ == "__main__":
    main()
