"""The spark.sql statements oracle: PySpark 4.0.1 with delta-spark 4.0.1 answers every case.

Usage: python scripts/sql/statements_oracle.py <repo root>

Reads tests/unit/sql/statements/cases.json: each case runs its statements in order (table
names are the session catalog's, `{dir}` stands for a scratch directory for path tables),
then its query; the answer is the query's result, or the error of the first statement that
fails. Writes tests/unit/sql/statements/oracle.json: {"pyspark", "hash", "results"}, `hash`
being the SHA-256 of cases.json without whitespace. The Delta jars come from
scripts/interop/setup.sh (.tributary/interop/jars), so the run needs no network.
"""

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
sys.path.insert(0, os.path.join(ROOT, "scripts", "interop"))

import pyspark  # noqa: E402
from oracle import encode_table, error_of  # noqa: E402
from peerkit.spark import session, stop  # noqa: E402

DIR = os.path.join(ROOT, "tests", "unit", "sql", "statements")


def input_hash():
    with open(os.path.join(DIR, "cases.json"), encoding="utf-8") as f:
        return hashlib.sha256(re.sub(r"\s+", "", f.read()).encode("utf-8")).hexdigest()


def main():
    with open(os.path.join(DIR, "cases.json")) as f:
        cases = json.load(f)
    spark = session(Path(ROOT) / ".tributary" / "interop", {"spark.sql.shuffle.partitions": "1"})
    scratch = tempfile.mkdtemp(prefix="statements-oracle-")
    results = {}
    try:
        for case in cases:
            fill = lambda text: text.replace("{dir}", scratch)  # noqa: E731
            try:
                for statement in case["statements"]:
                    spark.sql(fill(statement)).collect()
                schema, rows = encode_table(spark.sql(fill(case["query"])))
                results[case["id"]] = {"schema": schema, "rows": rows, "ordered": case["ordered"]}
            except Exception as e:  # noqa: BLE001 - an error is the case's answer
                results[case["id"]] = {"error": error_of(e)}
    finally:
        stop()
    out = {"pyspark": pyspark.__version__, "hash": input_hash(), "results": results}
    with open(os.path.join(DIR, "oracle.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(results)} answers written", file=sys.stderr)


if __name__ == "__main__":
    main()
