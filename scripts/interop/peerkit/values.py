"""Row values between JSON and Python, directed by the Spark type of each column.

JSON forms (the contract with tests/interop/peers.ts):
  long/integer/short/byte  number, or a decimal string when beyond 2^53
  decimal(p,s)             string with exactly s fraction digits ("12.50")
  float/double             number, or "NaN" / "Infinity" / "-Infinity"
  date                     "YYYY-MM-DD"
  timestamp                "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC, microseconds)
  timestamp_ntz            "YYYY-MM-DDTHH:MM:SS.ffffff" (no zone)
  binary                   base64
  array                    list;  struct: object;  map: list of [key, value] sorted by key
Inputs are looser: ISO strings with any zone or precision, maps as objects or pairs.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any

from .schema import DataType, decimal_of

_SAFE = 2**53
_INTEGERS = {"long", "integer", "short", "byte"}
_UTC = dt.timezone.utc


def from_json(value: Any, t: DataType, dict_maps: bool = False) -> Any:
    """dict_maps: PySpark wants maps as dicts, pyarrow as lists of (key, value) pairs."""
    if value is None:
        return None
    if isinstance(t, dict):
        return _nested_from_json(value, t, dict_maps)
    if t in _INTEGERS:
        return int(value)
    if t in ("double", "float"):
        return float(value)
    if t == "date":
        return dt.date.fromisoformat(str(value)[:10])
    if t == "timestamp":
        return _parse_instant(str(value))
    if t == "timestamp_ntz":
        return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
    if t == "binary":
        return base64.b64decode(value)
    if decimal_of(t):
        return Decimal(str(value))
    return value


def _nested_from_json(value: Any, t: dict[str, Any], dict_maps: bool) -> Any:
    kind = t["type"]
    if kind == "array":
        return [from_json(v, t["elementType"], dict_maps) for v in value]
    if kind == "map":
        pairs = value.items() if isinstance(value, dict) else value
        kt, vt = t["keyType"], t["valueType"]
        out = [(from_json(k, kt, dict_maps), from_json(v, vt, dict_maps)) for k, v in pairs]
        return dict(out) if dict_maps else out
    return {f["name"]: from_json(value.get(f["name"]), f["type"], dict_maps) for f in t["fields"]}


def _parse_instant(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    # A zone-less instant means UTC, as the session time zone of every peer here is UTC.
    return parsed.replace(tzinfo=_UTC) if parsed.tzinfo is None else parsed.astimezone(_UTC)


def to_json(value: Any, t: DataType) -> Any:
    if value is None:
        return None
    if isinstance(t, dict):
        return _nested_to_json(value, t)
    if t in _INTEGERS:
        n = int(value)
        return n if -_SAFE <= n <= _SAFE else str(n)
    if t in ("double", "float"):
        return _float_to_json(float(value))
    if t == "date":
        return value.isoformat()
    if t == "timestamp":
        # PySpark hands back naive local datetimes; peer.py pins the process zone to UTC.
        instant = value if value.tzinfo else value.replace(tzinfo=_UTC)
        return instant.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if t == "timestamp_ntz":
        return value.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S.%f")
    if t == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    dec = decimal_of(t)
    if dec:
        return format(Decimal(value).quantize(Decimal(1).scaleb(-dec[1])), "f")
    return value


def _nested_to_json(value: Any, t: dict[str, Any]) -> Any:
    kind = t["type"]
    if kind == "array":
        return [to_json(v, t["elementType"]) for v in value]
    if kind == "map":
        pairs = value.items() if isinstance(value, dict) else value
        out = [[to_json(k, t["keyType"]), to_json(v, t["valueType"])] for k, v in pairs]
        return sorted(out, key=lambda kv: json.dumps(kv[0], sort_keys=True))
    get = value.get if isinstance(value, dict) else lambda name: getattr(value, name)
    return {f["name"]: to_json(get(f["name"]), f["type"]) for f in t["fields"]}


def _float_to_json(x: float) -> Any:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def rows_to_json(rows: list[Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Converts rows and sorts them by their canonical JSON, so both peers list them alike."""
    out = [_nested_to_json(r, schema) for r in rows]
    return sorted(out, key=lambda r: json.dumps(r, sort_keys=True))


def rows_from_json(
    rows: list[dict[str, Any]], schema: dict[str, Any], dict_maps: bool = False
) -> list[dict[str, Any]]:
    return [_nested_from_json(r, schema, dict_maps) for r in rows]


def plain(value: Any) -> Any:
    """Untyped conversion for metadata such as history entries."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "asDict"):
        return plain(value.asDict(recursive=True))
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return to_json(value, "timestamp")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, float):
        return _float_to_json(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _SAFE:
        return str(value)
    return value
