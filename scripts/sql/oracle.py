"""The spark.sql differential oracle: real PySpark (classic local mode) answers every query.

Usage: python scripts/sql/oracle.py <repo root>

Reads tests/unit/sql/differential/views.json (temp views: a DDL schema and rows) and
cases.json (queries), runs each query with spark.sql in one PySpark process, and writes
tests/unit/sql/differential/oracle.json: {"pyspark", "hash", "results": {id: result}}.
`hash` is the SHA-256 of the two input files without whitespace, so the test knows when the answers are stale.
Results are encoded as the parity oracle encodes them (scripts/parity/oracle.py). Format the
output afterwards with `npx biome check --write tests/unit/sql/differential/oracle.json`.
"""

import hashlib
import json
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))

import pyspark  # noqa: E402
from oracle import encode_table, error_of  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

DIR = os.path.join(ROOT, "tests", "unit", "sql", "differential")


def input_hash():
    """SHA-256 of the inputs without whitespace, so reformatting them (biome) keeps the answers."""
    h = hashlib.sha256()
    for name in ("views.json", "cases.json"):
        with open(os.path.join(DIR, name), encoding="utf-8") as f:
            h.update(re.sub(r"\s+", "", f.read()).encode("utf-8"))
    return h.hexdigest()


def main():
    with open(os.path.join(DIR, "views.json")) as f:
        views = json.load(f)
    with open(os.path.join(DIR, "cases.json")) as f:
        cases = json.load(f)
    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    for name, view in views.items():
        spark.createDataFrame(view["rows"], schema=view["schema"]).createOrReplaceTempView(name)
    results = {}
    for case in cases:
        try:
            schema, rows = encode_table(spark.sql(case["sql"]))
            results[case["id"]] = {"schema": schema, "rows": rows, "ordered": case["ordered"]}
        except Exception as e:  # noqa: BLE001 - an error is the case's answer
            results[case["id"]] = {"error": error_of(e)}
    out = {"pyspark": pyspark.__version__, "hash": input_hash(), "results": results}
    with open(os.path.join(DIR, "oracle.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(results)} answers written to {os.path.join(DIR, 'oracle.json')}", file=sys.stderr)


if __name__ == "__main__":
    main()
