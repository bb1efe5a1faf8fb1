"""delta-rs (the `deltalake` package) commands."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

from .schema import normalize_schema, to_arrow_schema
from .values import plain, rows_from_json, rows_to_json, to_json

Args = dict[str, Any]


def arrow_table(rows: list[dict[str, Any]], schema: dict[str, Any]) -> pa.Table:
    return pa.Table.from_pylist(rows_from_json(rows, schema), schema=to_arrow_schema(schema))


def _open(args: Args) -> DeltaTable:
    table = DeltaTable(args["table"])
    if args.get("version") is not None:
        table.load_as_version(int(args["version"]))
    elif args.get("timestamp"):
        table.load_as_version(str(args["timestamp"]))
    return table


def _schema(table: DeltaTable) -> dict[str, Any]:
    return normalize_schema(json.loads(table.schema().to_json()))


def _read_schema(table: DeltaTable) -> dict[str, Any]:
    """The schema as a reader sees it: Spark's DataFrame schema has no column-mapping keys."""
    return _strip_mapping(_schema(table))


def _strip_mapping(t: Any) -> Any:
    if isinstance(t, list):
        return [_strip_mapping(x) for x in t]
    if not isinstance(t, dict):
        return t
    out = {k: _strip_mapping(v) for k, v in t.items()}
    if isinstance(t.get("metadata"), dict):
        meta = t["metadata"].items()
        out["metadata"] = {k: v for k, v in meta if not k.startswith("delta.columnMapping.")}
    return out


def write(args: Args) -> Args:
    schema = args["schema"]
    write_deltalake(
        args["table"],
        arrow_table(args["rows"], schema),
        mode=args.get("mode") or "error",
        partition_by=args.get("partitionBy") or None,
        schema_mode=args.get("schemaMode") or None,
        configuration=args.get("properties") or None,
    )
    return {"version": DeltaTable(args["table"]).version()}


def read(args: Args) -> Args:
    table = _open(args)
    schema = _read_schema(table)
    # scan() reads through delta-rs's own engine (deletion vectors and column mapping too);
    # to_pyarrow_table() goes through a pyarrow dataset whose threads abort at exit.
    rows = pa.table(table.scan()).to_pylist()
    return {
        "version": table.version(),
        "numFiles": len(table.file_uris()),
        "schema": schema,
        "rows": rows_to_json(rows, schema),
    }


def history(args: Args) -> Args:
    entries = [_history_entry(e) for e in DeltaTable(args["table"]).history()]
    return {"history": sorted(entries, key=lambda e: e.get("version", 0))}


def _history_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """delta-rs gives commitInfo as written (timestamp in epoch ms); Spark gives a timestamp.
    Both become the same ISO text here so tests compare histories directly."""
    out = plain(entry)
    ms = entry.get("timestamp")
    if isinstance(ms, int):
        at = dt.datetime.fromtimestamp(ms // 1000, dt.timezone.utc)
        out["timestamp"] = to_json(at.replace(microsecond=ms % 1000 * 1000), "timestamp")
    return out


def detail(args: Args) -> Args:
    table = _open(args)
    protocol = table.protocol()
    meta = table.metadata()
    return {
        "version": table.version(),
        "protocol": {
            "minReaderVersion": protocol.min_reader_version,
            "minWriterVersion": protocol.min_writer_version,
            "readerFeatures": protocol.reader_features,
            "writerFeatures": protocol.writer_features,
        },
        "id": meta.id,
        "partitionColumns": list(meta.partition_columns),
        "configuration": dict(meta.configuration),
        "schema": _schema(table),
        "files": plain(pa.table(table.get_add_actions(flatten=True)).to_pylist()),
    }


def checkpoint(args: Args) -> Args:
    table = DeltaTable(args["table"])
    table.create_checkpoint()
    return {"version": table.version()}


def optimize(args: Args) -> Args:
    table = DeltaTable(args["table"])
    z_order = args.get("zOrder")
    metrics = table.optimize.z_order(z_order) if z_order else table.optimize.compact()
    return {"version": DeltaTable(args["table"]).version(), "metrics": plain(metrics)}


def vacuum(args: Args) -> Args:
    table = DeltaTable(args["table"])
    files = table.vacuum(
        retention_hours=int(args.get("retentionHours", 0)),
        dry_run=bool(args.get("dryRun", False)),
        enforce_retention_duration=False,
    )
    return {"files": sorted(files)}


def delete(args: Args) -> Args:
    table = DeltaTable(args["table"])
    metrics = table.delete(args.get("predicate"))
    return {"version": DeltaTable(args["table"]).version(), "metrics": plain(metrics)}


def update(args: Args) -> Args:
    table = DeltaTable(args["table"])
    metrics = table.update(updates=args["set"], predicate=args.get("predicate"))
    return {"version": DeltaTable(args["table"]).version(), "metrics": plain(metrics)}


def merge(args: Args) -> Args:
    """Upsert: rows from the source replace matching target rows, the rest are inserted.

    `on` names source columns `s.` and target columns `t.`, e.g. "t.id = s.id".
    """
    table = DeltaTable(args["table"])
    source = arrow_table(args["rows"], args["schema"])
    metrics = (
        table.merge(source, args["on"], source_alias="s", target_alias="t")
        .when_matched_update_all()
        .when_not_matched_insert_all()
        .execute()
    )
    return {"version": DeltaTable(args["table"]).version(), "metrics": plain(metrics)}


COMMANDS = {
    "rs-write": write,
    "rs-read": read,
    "rs-history": history,
    "rs-detail": detail,
    "rs-checkpoint": checkpoint,
    "rs-optimize": optimize,
    "rs-vacuum": vacuum,
    "rs-delete": delete,
    "rs-update": update,
    "rs-merge": merge,
}
