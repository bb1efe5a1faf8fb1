"""The implicit-coercion oracle: PySpark 4.0.1 types and evaluates each pair of values.

Usage: python scripts/sql/coercion_oracle.py <repo root>

For every ordered pair of the VALUES below and every form in FORMS, with ANSI on and off, runs
the query with spark.sql and records the result's type and value (or "ERR" and the error's
first line). Writes tests/unit/engine/duckdb/coercion-oracle.json, read by
coercion.test.ts; format it afterwards with
`npx biome check --write tests/unit/engine/duckdb/coercion-oracle.json`.
"""

import itertools
import json
import os
import sys

from pyspark.sql import SparkSession

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()

VALUES = {
    "tinyint": "CAST(1 AS TINYINT)",
    "int": "1",
    "bigint": "10000000000L",
    "float": "CAST(1.5 AS FLOAT)",
    "double": "2.5D",
    "dec21": "1.5BD",
    "dec380": "CAST(7 AS DECIMAL(38,0))",
    "dec3810": "CAST(7 AS DECIMAL(38,10))",
    "string": "'12'",
    "date": "DATE'2024-01-02'",
    "ts": "TIMESTAMP'2024-01-02 03:04:05'",
    "bool": "true",
    "binary": "X'4142'",
    "null": "NULL",
}
FORMS = {
    "coalesce": "SELECT coalesce({x}, {y}) AS v",
    "eq": "SELECT {x} = {y} AS v",
    "lt": "SELECT {x} < {y} AS v",
    "in": "SELECT {x} IN ({y}) AS v",
    "array": "SELECT array({x}, {y}) AS v",
    "case": "SELECT CASE WHEN rand() < 2 THEN {x} ELSE {y} END AS v",
    "union": "SELECT {x} AS v UNION ALL SELECT {y}",
    "plus": "SELECT {x} + {y} AS v",
}


def main():
    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    out = {}
    for ansi in ["false", "true"]:
        spark.conf.set("spark.sql.ansi.enabled", ansi)
        for (a, x), (b, y) in itertools.product(VALUES.items(), repeat=2):
            for form, sql in FORMS.items():
                key = f"{ansi}|{form}|{a}|{b}"
                try:
                    df = spark.sql(sql.format(x=x, y=y))
                    t = df.schema.fields[0].dataType.simpleString()
                    v = df.collect()[0][0]
                    out[key] = [t, None if v is None else str(v)]
                except Exception as e:  # noqa: BLE001 - the error is the answer
                    out[key] = ["ERR", str(e).split("\n")[0][:60]]
    spark.stop()
    doc = {"values": VALUES, "forms": FORMS, "results": out}
    path = os.path.join(ROOT, "tests", "unit", "engine", "duckdb", "coercion-oracle.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"{len(out)} answers written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
