"""The TPC-H oracle: real PySpark (classic local mode) answers the 22 queries.

Usage: python scripts/tpch/oracle.py <repo root> [scale factor, default 0.01]

Reads the Parquet tables scripts/tpch/setup.sh writes (.tributary/tpch/sf<sf>/<table>.parquet,
DuckDB's dbgen: deterministic for a scale factor and DuckDB version), registers them as temp
views, runs tests/tpch/queries/q1..q22.sql with spark.sql, and writes tests/tpch/oracle.json:
{"pyspark", "hash", "sf", "results": {"q1": result}}. `hash` covers the query texts without
whitespace, the scale factor and the DuckDB version, so the test knows when answers are stale.
Results are encoded as the parity oracle encodes them (scripts/parity/oracle.py).
"""

import hashlib
import json
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
SF = sys.argv[2] if len(sys.argv) > 2 else "0.01"
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))

import pyspark  # noqa: E402
from oracle import encode_table, error_of  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

TABLES = ["nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem"]
QUERIES = os.path.join(ROOT, "tests", "tpch", "queries")


def duckdb_version():
    with open(os.path.join(ROOT, "node_modules", "@duckdb", "node-api", "package.json")) as f:
        return json.load(f)["version"].split("-")[0]


def input_hash(texts):
    h = hashlib.sha256()
    for text in texts:
        h.update(re.sub(r"\s+", "", text).encode("utf-8"))
    h.update(f"sf{SF}duckdb{duckdb_version()}".encode("utf-8"))
    return h.hexdigest()


def main():
    data = os.path.join(ROOT, ".tributary", "tpch", f"sf{SF}")
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    for table in TABLES:
        spark.read.parquet(os.path.join(data, f"{table}.parquet")).createOrReplaceTempView(table)
    texts = []
    results = {}
    for i in range(1, 23):
        with open(os.path.join(QUERIES, f"q{i}.sql")) as f:
            text = f.read()
        texts.append(text)
        ordered = re.search(r"\border\s+by\b", text, re.IGNORECASE) is not None
        try:
            schema, rows = encode_table(spark.sql(text))
            results[f"q{i}"] = {"schema": schema, "rows": rows, "ordered": ordered}
        except Exception as e:  # noqa: BLE001 - an error is the query's answer
            results[f"q{i}"] = {"error": error_of(e)}
    out = {"pyspark": pyspark.__version__, "sf": SF, "hash": input_hash(texts), "results": results}
    with open(os.path.join(ROOT, "tests", "tpch", "oracle.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(results)} answers written to tests/tpch/oracle.json", file=sys.stderr)


if __name__ == "__main__":
    main()
