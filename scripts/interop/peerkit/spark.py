"""delta-spark commands on one local SparkSession per process (a JVM takes ~10 s to start)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .schema import normalize_schema
from .values import from_json, plain, rows_from_json, rows_to_json

Args = dict[str, Any]

_session: Any = None
_scratch: str | None = None


def _conf(jars_dir: Path, log4j: Path, scratch: str) -> dict[str, str]:
    jars = sorted(str(p) for p in jars_dir.glob("*.jar"))
    if not jars:
        raise RuntimeError(f"no Delta jars in {jars_dir}: run scripts/interop/setup.sh")
    java_opts = [
        "-Duser.timezone=UTC",
        f"-Dlog4j.configurationFile=file:{log4j}",
        f"-Dderby.system.home={scratch}",
    ]
    return {
        # Jars from setup.sh rather than Ivy, so a run needs no network.
        "spark.jars": ",".join(jars),
        "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.extraJavaOptions": " ".join(java_opts),
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        # Log replay defaults to 50 partitions: most of a small commit's time.
        "spark.databricks.delta.snapshotPartitions": "2",
        # Tests vacuum with RETAIN 0 HOURS.
        "spark.databricks.delta.retentionDurationCheck.enabled": "false",
        "spark.sql.warehouse.dir": str(Path(scratch) / "warehouse"),
        # Shuffle and block files go in the scratch dir too, which stop() removes.
        "spark.local.dir": str(Path(scratch) / "local"),
    }


def session(home: Path, extra: dict[str, str] | None = None) -> Any:
    global _session, _scratch
    if _session is None:
        from pyspark.sql import SparkSession

        scratch = _scratch = tempfile.mkdtemp(prefix="tributary-spark-")
        log4j = Path(__file__).resolve().parent.parent / "log4j2.properties"
        builder = SparkSession.builder.master("local[2]").appName("tributary-interop")
        for key, value in {**_conf(home / "jars", log4j, scratch), **(extra or {})}.items():
            builder = builder.config(key, value)
        _session = builder.getOrCreate()
    return _session


def stop() -> None:
    global _session, _scratch
    if _session is not None:
        _session.stop()
        _session = None
    if _scratch is not None:
        shutil.rmtree(_scratch, ignore_errors=True)
        _scratch = None


def _quoted(table: str) -> str:
    return "delta.`" + table.replace("`", "``") + "`"


def _version(spark: Any, table: str) -> int:
    row = spark.sql(f"DESCRIBE HISTORY {_quoted(table)} LIMIT 1").collect()[0]
    return int(row["version"])


def _version_at(spark: Any, table: str, timestamp: str) -> int:
    """The version timestampAsOf reads: the last commit at or before the timestamp."""
    at = from_json(timestamp, "timestamp")
    rows = spark.sql(f"DESCRIBE HISTORY {_quoted(table)}").collect()
    # PySpark returns naive datetimes in the process zone, which peer.py pins to UTC.
    versions = [r["version"] for r in rows if r["timestamp"].replace(tzinfo=at.tzinfo) <= at]
    if not versions:
        raise ValueError(f"no commit of {table} at or before {timestamp}")
    return int(max(versions))


def write(spark: Any, args: Args) -> Args:
    from pyspark.sql.types import StructType

    schema = args["schema"]
    rows = rows_from_json(args["rows"], schema, dict_maps=True)
    df = spark.createDataFrame(rows, StructType.fromJson(schema))
    if args.get("repartition"):
        df = df.repartition(int(args["repartition"]))
    writer = df.write.format("delta").mode(args.get("mode") or "error")
    if args.get("partitionBy"):
        writer = writer.partitionBy(*args["partitionBy"])
    if args.get("schemaMode") == "merge":
        writer = writer.option("mergeSchema", "true")
    elif args.get("schemaMode") == "overwrite":
        writer = writer.option("overwriteSchema", "true")
    # delta.* writer options become table properties when the write creates the table.
    for key, value in {**(args.get("properties") or {}), **(args.get("options") or {})}.items():
        writer = writer.option(key, str(value))
    writer.save(args["table"])
    return {"version": _version(spark, args["table"])}


def read(spark: Any, args: Args) -> Args:
    table = args["table"]
    reader = spark.read.format("delta")
    if args.get("version") is not None:
        reader = reader.option("versionAsOf", int(args["version"]))
    elif args.get("timestamp"):
        reader = reader.option("timestampAsOf", str(args["timestamp"]))
    # Load first, so an out-of-range version or time fails with Spark's own error class.
    df = reader.load(table)
    if args.get("version") is not None:
        version = int(args["version"])
    elif args.get("timestamp"):
        version = _version_at(spark, table, str(args["timestamp"]))
    else:
        version = _version(spark, table)
    schema = normalize_schema(json.loads(df.schema.json()))
    return {
        "version": version,
        "numFiles": len(df.inputFiles()),
        "schema": schema,
        "rows": rows_to_json(df.collect(), schema),
    }


def _sql_result(df: Any) -> Args:
    schema = normalize_schema(json.loads(df.schema.json()))
    return {"schema": schema, "rows": [plain(r) for r in df.collect()]}


def sql(spark: Any, args: Args) -> Args:
    """Runs SQL; `{table}` in the text stands for delta.`<args.table>`."""
    text = str(args["sql"])
    if args.get("table"):
        text = text.replace("{table}", _quoted(args["table"]))
    return _sql_result(spark.sql(text))


def create(spark: Any, args: Args) -> Args:
    """DeltaTableBuilder at args.table: columns [{name, type, nullable, generatedAlwaysAs,
    comment}], partitionBy, properties (delta-spark's SQL has no generated columns on Spark 4.0)."""
    from delta.tables import DeltaTable

    builder = DeltaTable.create(spark).location(args["table"])
    for c in args["columns"]:
        builder = builder.addColumn(
            c["name"],
            c["type"],
            nullable=c.get("nullable", True),
            generatedAlwaysAs=c.get("generatedAlwaysAs"),
            comment=c.get("comment"),
        )
    if args.get("partitionBy"):
        builder = builder.partitionedBy(*args["partitionBy"])
    for key, value in (args.get("properties") or {}).items():
        builder = builder.property(key, str(value))
    builder.execute()
    return {"version": _version(spark, args["table"])}


def history(spark: Any, args: Args) -> Args:
    rows = spark.sql(f"DESCRIBE HISTORY {_quoted(args['table'])}").collect()
    return {"history": sorted((plain(r) for r in rows), key=lambda e: e["version"])}


def detail(spark: Any, args: Args) -> Args:
    rows = spark.sql(f"DESCRIBE DETAIL {_quoted(args['table'])}").collect()
    out = plain(rows[0])
    out["version"] = _version(spark, args["table"])
    return out


def checkpoint(spark: Any, args: Args) -> Args:
    """delta-spark has no SQL for a checkpoint; DeltaLog.checkpoint() writes one at HEAD."""
    jvm = spark.sparkContext._jvm
    log = jvm.org.apache.spark.sql.delta.DeltaLog.forTable(spark._jsparkSession, args["table"])
    log.checkpoint()
    return {"version": _version(spark, args["table"])}


def conf(spark: Any, args: Args) -> Args:
    """Sets SQL confs for the rest of the batch (e.g. checkpoint part size)."""
    for key, value in (args.get("set") or {}).items():
        spark.conf.set(key, str(value))
    for key in args.get("unset") or []:
        spark.conf.unset(key)
    return {}


COMMANDS = {
    "spark-write": write,
    "spark-read": read,
    "spark-sql": sql,
    "spark-create": create,
    "spark-history": history,
    "spark-detail": detail,
    "spark-checkpoint": checkpoint,
    "spark-conf": conf,
}
