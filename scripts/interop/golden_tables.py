"""Recipes for the golden Delta tables in tests/fixtures/delta (run by make_golden.py).

Each table is a list of peer commands (see peerkit); `table` is filled in per table. Rows
are fixed, so regenerating changes file names, ids and timestamps but never the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Command = dict[str, Any]


def schema(*fields: tuple[str, Any]) -> dict[str, Any]:
    return {
        "type": "struct",
        "fields": [{"name": n, "type": t, "nullable": True, "metadata": {}} for n, t in fields],
    }


@dataclass
class Golden:
    name: str
    writer: str  # "delta-spark" or "delta-rs"
    short: str  # one line for the README's index
    summary: str
    tests: str
    steps: list[Command]
    notes: list[str] = field(default_factory=list)
    # "main": the pinned peers of setup.sh; "spark41": delta-spark 4.1 (make-golden.sh only)
    profile: str = "main"


SALES = schema(
    ("id", "long"),
    ("d", "date"),
    ("name", "string"),
    ("amount", "decimal(10,2)"),
    ("ts", "timestamp"),
)
DAYS = ["2024-01-01", "2024-01-02", "2024-01-03"]


def sale(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "d": DAYS[i % 3],
        "name": f"item-{i}",
        "amount": f"{i * 10}.{i:02d}",
        "ts": f"{DAYS[i % 3]}T{i:02d}:30:00.123456Z",
    }


def spark_write(rows: list[dict[str, Any]], mode: str = "append", **extra: Any) -> Command:
    return {
        "cmd": "spark-write",
        "rows": rows,
        "schema": extra.pop("schema", SALES),
        "mode": mode,
        "repartition": 1,
        **extra,
    }


def _checkpoint_v10() -> list[Command]:
    props = {
        "delta.checkpointInterval": "10",
        "delta.checkpoint.writeStatsAsJson": "true",
        "delta.checkpoint.writeStatsAsStruct": "true",
    }
    steps = [spark_write([sale(1), sale(2)], "error", partitionBy=["d"], properties=props)]
    steps += [spark_write([sale(i)]) for i in range(3, 8)]  # versions 1-5
    steps.append({"cmd": "spark-sql", "sql": "DELETE FROM {table} WHERE id = 2"})  # 6
    steps += [spark_write([sale(i)]) for i in range(8, 12)]  # 7-10: checkpoint at 10
    steps += [spark_write([sale(i)]) for i in range(12, 14)]  # 11-12
    return steps


EVENTS = schema(("id", "long"), ("cat", "string"), ("value", "double"), ("ts", "timestamp"))


def event(i: int, cat: str, value: float) -> dict[str, Any]:
    return {"id": i, "cat": cat, "value": value, "ts": f"2024-03-0{i % 9 + 1}T12:00:00.000001Z"}


ESCAPES = schema(
    ("id", "long"), ("s", "string"), ("d", "date"), ("n", "integer"), ("ts", "timestamp")
)
ESCAPE_ROWS: list[dict[str, Any]] = [
    {"id": 1, "s": "a b/c%d=e", "d": "2024-01-01", "n": 1, "ts": "2024-01-01T10:00:00Z"},
    {"id": 2, "s": None, "d": "2024-01-01", "n": None, "ts": None},
    {"id": 3, "s": "ü ñ #?:&+", "d": "1999-12-31", "n": -5, "ts": "2024-06-30T23:59:59.5Z"},
    {"id": 4, "s": "100%", "d": "2024-02-29", "n": 0, "ts": "1970-01-01T00:00:00Z"},
]
ESCAPE_PARTS = ["s", "d", "n", "ts"]

PEOPLE = schema(("id", "long"), ("name", "string"), ("score", "double"))
PEOPLE_ROWS = [{"id": i, "name": f"p{i}", "score": i * 1.5} for i in range(1, 6)]

def sql(text: str) -> Command:
    return {"cmd": "spark-sql", "sql": text}


def _modern(name: str, short: str, summary: str, tests: str, steps: list[Command]) -> Golden:
    """A table delta-spark writes with a feature tributary reads (issue 12's golden recipes)."""
    return Golden(name=name, writer="delta-spark", short=short, summary=summary, tests=tests,
                  steps=steps)


MODERN = [
    _modern(
        "spark-dv-dml",
        "deletion vectors after DELETE, UPDATE and MERGE",
        "`delta.enableDeletionVectors=true`, two files; version 2 a DELETE, 3 an UPDATE, 4 a "
        "MERGE (update, delete, insert): each marks rows in a vector file instead of "
        "rewriting; version 5 a DELETE that adds rows to an existing vector.",
        "Applying `u` (relative path) deletion vectors at every version, vectors replaced by "
        "later commits (remove with the old vector), stats with `tightBounds: false`.",
        [
            spark_write([sale(i) for i in range(1, 11)], "error",
                        properties={"delta.enableDeletionVectors": "true"}),
            spark_write([sale(i) for i in range(11, 21)]),
            sql("DELETE FROM {table} WHERE id % 4 = 0"),
            sql("UPDATE {table} SET name = concat(name, '-u') WHERE id % 5 = 1"),
            sql("MERGE INTO {table} t USING (SELECT id, 'm' AS name FROM range(15, 25)) s "
                "ON t.id = s.id WHEN MATCHED AND s.id % 2 = 0 THEN DELETE "
                "WHEN MATCHED THEN UPDATE SET t.name = s.name "
                "WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)"),
            sql("DELETE FROM {table} WHERE id IN (2, 3)"),
        ],
    ),
    _modern(
        "spark-v2-checkpoint",
        "v2 checkpoint: UUID-named JSON + Parquet sidecar",
        "`delta.checkpointPolicy=v2`, `delta.checkpointInterval=2`: UUID-named JSON "
        "checkpoints (with `checkpointMetadata` and a `sidecar` action) at versions 2 and 4, "
        "their file actions in `_delta_log/_sidecars/`; a DELETE at version 3; version 5 "
        "after the last checkpoint.",
        "Reading v2 checkpoints with sidecars and `_last_checkpoint.v2Checkpoint`.",
        [
            spark_write([sale(1), sale(2)], "error", partitionBy=["d"], properties={
                "delta.checkpointPolicy": "v2", "delta.checkpointInterval": "2"}),
            *[spark_write([sale(i)]) for i in (3, 4)],
            sql("DELETE FROM {table} WHERE id = 2"),
            *[spark_write([sale(i)]) for i in (5, 6)],
        ],
    ),
    _modern(
        "spark-type-widening",
        "type widening: INT -> BIGINT, FLOAT -> DOUBLE",
        "`delta.enableTypeWidening=true`; version 2 widens `n` INT -> BIGINT and `f` FLOAT "
        "-> DOUBLE (metadata only: the file of version 1 keeps the narrow types); version 3 "
        "appends rows that need the wide types.",
        "Reading files written before a widening as the new type (`delta.typeChanges`).",
        [
            sql("CREATE TABLE {table} (id BIGINT, n INT, f FLOAT) USING delta "
                "TBLPROPERTIES ('delta.enableTypeWidening' = 'true')"),
            sql("INSERT INTO {table} VALUES (1, 2147483647, 1.5), (2, -5, CAST(NULL AS FLOAT))"),
            sql("ALTER TABLE {table} ALTER COLUMN n TYPE BIGINT"),
            sql("ALTER TABLE {table} ALTER COLUMN f TYPE DOUBLE"),
            sql("INSERT INTO {table} VALUES (3, 9000000000, 1.0E300)"),
        ],
    ),
    _modern(
        "spark-timestamp-ntz",
        "TIMESTAMP_NTZ columns (timestampNtz feature)",
        "A `TIMESTAMP_NTZ` column and a partition column of that type; values before 1970, "
        "with microseconds, and null.",
        "Reading the `timestampNtz` feature: wall-clock values, no zone conversion, typed "
        "partition values.",
        [
            sql("CREATE TABLE {table} (id BIGINT, ts TIMESTAMP_NTZ, p TIMESTAMP_NTZ) USING "
                "delta PARTITIONED BY (p)"),
            sql("INSERT INTO {table} VALUES "
                "(1, TIMESTAMP_NTZ'2024-03-10 02:30:00.123456', TIMESTAMP_NTZ'2024-01-01 00:00:00'),"
                " (2, TIMESTAMP_NTZ'1969-07-20 20:17:40', TIMESTAMP_NTZ'2024-01-01 00:00:00'),"
                " (3, NULL, NULL)"),
        ],
    ),
    _modern(
        "spark-column-mapping-dropped",
        "column mapping (id mode) with renamed and dropped columns",
        "`delta.columnMapping.mode=id`; version 2 renames `name` to `label`, version 3 drops "
        "`score`, version 4 adds `score` again (a new physical column) and appends.",
        "Physical names and field ids; a dropped column's data staying in old files but not "
        "read; a re-added column of the same name reading null in old files.",
        [
            spark_write(PEOPLE_ROWS, "error", schema=PEOPLE,
                        properties={"delta.columnMapping.mode": "id"}),
            sql("INSERT INTO {table} VALUES (6, 'p6', 9.0)"),
            sql("ALTER TABLE {table} RENAME COLUMN name TO label"),
            sql("ALTER TABLE {table} DROP COLUMN score"),
            sql("ALTER TABLE {table} ADD COLUMNS (score DOUBLE)"),
            sql("INSERT INTO {table} VALUES (7, 'p7', 7.5)"),
        ],
    ),
    _modern(
        "spark-row-tracking",
        "row tracking (baseRowId, domainMetadata)",
        "`delta.enableRowTracking=true`: adds carry `baseRowId` and "
        "`defaultRowCommitVersion`, the high-water mark is in `domainMetadata`; version 2 an "
        "UPDATE.",
        "Reading tables with the `rowTracking` and `domainMetadata` features.",
        [
            spark_write(PEOPLE_ROWS, "error", schema=PEOPLE,
                        properties={"delta.enableRowTracking": "true"}),
            spark_write([{"id": 6, "name": "p6", "score": 6.0}], schema=PEOPLE),
            sql("UPDATE {table} SET score = -score WHERE id = 3"),
        ],
    ),
    _modern(
        "spark-check-constraints",
        "CHECK constraints and NOT NULL",
        "A NOT NULL column and `ALTER TABLE ADD CONSTRAINT positive CHECK (score > 0)` "
        "(`delta.constraints.positive`, writer feature `checkConstraints`).",
        "Reading a table with constraints; writers must check them.",
        [
            sql("CREATE TABLE {table} (id BIGINT NOT NULL, name STRING, score DOUBLE) USING delta"),
            sql("INSERT INTO {table} VALUES (1, 'a', 1.5), (2, 'b', 2.5)"),
            sql("ALTER TABLE {table} ADD CONSTRAINT positive CHECK (score > 0)"),
            sql("INSERT INTO {table} VALUES (3, 'c', 3.5)"),
        ],
    ),
]

TABLES = [
    Golden(
        name="spark-checkpoint-v10",
        writer="delta-spark",
        short="checkpoint at v10 + later commits, partitionValues_parsed",
        summary="Partitioned by date; a classic checkpoint at version 10 with `_last_checkpoint`, "
        "JSON stats and `partitionValues_parsed`; a DELETE at version 6 (remove actions in the "
        "checkpoint); versions 11 and 12 after the checkpoint.",
        tests="Snapshot = checkpoint + later commits; reading checkpoint parquet (add/remove/"
        "metaData/protocol rows); typed partition values; stats from the JSON `stats` column.",
        steps=_checkpoint_v10(),
        notes=[
            "delta-spark 4.0.x writes `partitionValues_parsed` but never `stats_parsed`, whatever "
            "`delta.checkpoint.writeStatsAsStruct` says (its checkpoint writer has no stats "
            "struct before 4.1): `spark41-checkpoint-stats-parsed` and `rs-checkpoint` have it.",
        ],
    ),
    Golden(
        name="spark41-checkpoint-stats-parsed",
        writer="delta-spark",
        short="checkpoint at v10 with stats_parsed (delta-spark 4.1)",
        summary="The same recipe and rows as `spark-checkpoint-v10`, written by delta-spark "
        "4.1.0 on Spark 4.1.0, whose checkpoint has `stats_parsed` as well as the JSON `stats` "
        "and `partitionValues_parsed`.",
        tests="Reading typed stats (`stats_parsed`) from a delta-spark checkpoint; preferring "
        "them to, or checking them against, the JSON stats.",
        steps=_checkpoint_v10(),
        notes=[
            "Written by make-golden.sh's second stack (.tributary/interop-spark41), not by the "
            "pinned peers, which are too old to write `stats_parsed`.",
        ],
        profile="spark41",
    ),
    Golden(
        name="rs-checkpoint",
        writer="delta-rs",
        short="delta-rs checkpoint with stats_parsed",
        summary="Partitioned by a string; delta-rs checkpoint at version 2 (after a DELETE) "
        "with `stats_parsed` and `partitionValues_parsed`; version 3 after it.",
        tests="Checkpoints written by delta-rs (non-nullable struct fields, stats_parsed); "
        "remove actions; reading a table whose newest state spans checkpoint + JSON.",
        steps=[
            {
                "cmd": "rs-write",
                "rows": [event(1, "a", 1.5), event(2, "b", -2.0)],
                "schema": EVENTS,
                "mode": "error",
                "partitionBy": ["cat"],
                "properties": {"delta.checkpoint.writeStatsAsStruct": "true"},
            },
            {
                "cmd": "rs-write",
                "rows": [event(3, "a", 3.25), event(4, "c", -0.5)],
                "schema": EVENTS,
                "mode": "append",
            },
            {"cmd": "rs-delete", "predicate": "value < 0"},
            {"cmd": "rs-checkpoint"},
            {"cmd": "rs-write", "rows": [event(5, "b", 5.0)], "schema": EVENTS, "mode": "append"},
        ],
    ),
    Golden(
        name="spark-deletion-vectors",
        writer="delta-spark",
        short="refuse `deletionVectors` by name",
        summary="`delta.enableDeletionVectors=true`; version 1 is a DELETE that writes a "
        "deletion vector instead of rewriting the file.",
        tests="Refusing, by feature name, a table with the `deletionVectors` reader feature "
        "(until we support it); later: applying a DV.",
        steps=[
            spark_write(
                PEOPLE_ROWS,
                "error",
                schema=PEOPLE,
                properties={"delta.enableDeletionVectors": "true"},
            ),
            {"cmd": "spark-sql", "sql": "DELETE FROM {table} WHERE id = 2"},
        ],
    ),
    Golden(
        name="spark-column-mapping",
        writer="delta-spark",
        short="refuse `columnMapping` by name",
        summary="`delta.columnMapping.mode=name`; version 1 renames `name` to `full_name`, so "
        "logical and physical names differ.",
        tests="Refusing, by feature name, a table with the `columnMapping` feature "
        "(until we support it); later: mapping physical names.",
        steps=[
            spark_write(
                PEOPLE_ROWS, "error", schema=PEOPLE, properties={"delta.columnMapping.mode": "name"}
            ),
            {"cmd": "spark-sql", "sql": "ALTER TABLE {table} RENAME COLUMN name TO full_name"},
        ],
    ),
    Golden(
        name="spark-multipart-checkpoint",
        writer="delta-spark",
        short="classic multi-part checkpoint (3 parts)",
        summary="A classic multi-part checkpoint (3 parts) at version 4, made with "
        "`spark.databricks.delta.checkpoint.partSize=2`; version 5 after it.",
        tests="Reading all parts of a multi-part checkpoint named in `_last_checkpoint.parts`.",
        steps=[
            {"cmd": "spark-conf", "set": {"spark.databricks.delta.checkpoint.partSize": "2"}},
            spark_write([sale(1)], "error", properties={"delta.checkpointInterval": "4"}),
            *[spark_write([sale(i)]) for i in range(2, 6)],
            spark_write([sale(6)]),
            {"cmd": "spark-conf", "unset": ["spark.databricks.delta.checkpoint.partSize"]},
        ],
    ),
    Golden(
        name="spark-time-travel",
        writer="delta-spark",
        short="versionAsOf / timestampAsOf",
        summary="Four versions about 1.5 s apart: write, append, overwrite, delete. Commit "
        "times are in catalog.json (`commitTimestamp`, from commitInfo).",
        tests="versionAsOf and timestampAsOf (before the first commit, exactly at a commit, "
        "between commits, after the last). Git does not keep file times: copy the table and "
        "set each commit file's mtime from its commitInfo.timestamp (tests/interop/golden.ts "
        "does) before timestamp reads with delta-spark, which goes by mtime.",
        steps=[
            spark_write(PEOPLE_ROWS[:3], "error", schema=PEOPLE),
            {"cmd": "sleep", "seconds": 1.5},
            spark_write(PEOPLE_ROWS[3:], schema=PEOPLE),
            {"cmd": "sleep", "seconds": 1.5},
            spark_write([{"id": 10, "name": "ten", "score": None}], "overwrite", schema=PEOPLE),
            {"cmd": "sleep", "seconds": 1.5},
            spark_write([{"id": 11, "name": "eleven", "score": 11.0}], schema=PEOPLE),
        ],
    ),
    Golden(
        name="rs-partition-escaping",
        writer="delta-rs",
        short="partition values and path escaping (delta-rs)",
        summary="Partitioned by string, date, integer and timestamp with values that need "
        "escaping (`a b/c%d=e`, `ü ñ #?:&+`, `100%`) and nulls.",
        tests="Partition value serialization and path escaping as delta-rs does it.",
        steps=[
            {
                "cmd": "rs-write",
                "rows": ESCAPE_ROWS,
                "schema": ESCAPES,
                "mode": "error",
                "partitionBy": ESCAPE_PARTS,
            }
        ],
    ),
    Golden(
        name="spark-partition-escaping",
        writer="delta-spark",
        short="partition values and path escaping (delta-spark)",
        summary="The same rows and partitioning as `rs-partition-escaping`, written by "
        "delta-spark.",
        tests="Partition value serialization and path escaping as delta-spark does it.",
        steps=[spark_write(ESCAPE_ROWS, "error", schema=ESCAPES, partitionBy=ESCAPE_PARTS)],
    ),
]
TABLES += MODERN
