"""Spark JSON schemas (Delta's schemaString) as the single source of types for both peers."""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa

DataType = Any  # a Spark JSON data type: a string like "long" or a dict (array/map/struct)

_DECIMAL = re.compile(r"^decimal\((\d+),\s*(\d+)\)$")

_PRIMITIVES: dict[str, pa.DataType] = {
    "long": pa.int64(),
    "integer": pa.int32(),
    "short": pa.int16(),
    "byte": pa.int8(),
    "double": pa.float64(),
    "float": pa.float32(),
    "boolean": pa.bool_(),
    "string": pa.string(),
    "binary": pa.binary(),
    "date": pa.date32(),
    # Delta stores timestamps as UTC instants in microseconds; delta-rs wants the zone
    # spelled "UTC" to map the column to Delta's `timestamp` rather than `timestamp_ntz`.
    "timestamp": pa.timestamp("us", tz="UTC"),
    "timestamp_ntz": pa.timestamp("us"),
}


def decimal_of(t: DataType) -> tuple[int, int] | None:
    if isinstance(t, str):
        m = _DECIMAL.match(t)
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def to_arrow_type(t: DataType) -> pa.DataType:
    if isinstance(t, str):
        if t in _PRIMITIVES:
            return _PRIMITIVES[t]
        dec = decimal_of(t)
        if dec:
            return pa.decimal128(dec[0], dec[1])
        raise ValueError(f"unsupported Spark type {t!r}")
    kind = t.get("type")
    if kind == "array":
        element = pa.field("element", to_arrow_type(t["elementType"]), t.get("containsNull", True))
        return pa.list_(element)
    if kind == "map":
        key = pa.field("key", to_arrow_type(t["keyType"]), False)
        value = pa.field("value", to_arrow_type(t["valueType"]), t.get("valueContainsNull", True))
        # Fields, not bare types, so the value's nullability survives (pyarrow accepts both;
        # its stubs list only types).
        return pa.map_(key, value)  # type: ignore[call-overload]
    if kind == "struct":
        return pa.struct([to_arrow_field(f) for f in t["fields"]])
    raise ValueError(f"unsupported Spark type {t!r}")


def to_arrow_field(f: dict[str, Any]) -> pa.Field:
    return pa.field(f["name"], to_arrow_type(f["type"]), f.get("nullable", True))


def to_arrow_schema(schema: dict[str, Any]) -> pa.Schema:
    return pa.schema([to_arrow_field(f) for f in schema["fields"]])


def normalize_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Fills the optional keys Spark always prints, so schemas from both peers compare equal."""
    return {"type": "struct", "fields": [_normalize_field(f) for f in schema["fields"]]}


def _normalize_field(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": f["name"],
        "type": _normalize_type(f["type"]),
        "nullable": f.get("nullable", True),
        "metadata": f.get("metadata", {}),
    }


def _normalize_type(t: DataType) -> DataType:
    if isinstance(t, str):
        return t
    kind = t["type"]
    if kind == "array":
        return {
            "type": "array",
            "elementType": _normalize_type(t["elementType"]),
            "containsNull": t.get("containsNull", True),
        }
    if kind == "map":
        return {
            "type": "map",
            "keyType": _normalize_type(t["keyType"]),
            "valueType": _normalize_type(t["valueType"]),
            "valueContainsNull": t.get("valueContainsNull", True),
        }
    return normalize_schema(t)
