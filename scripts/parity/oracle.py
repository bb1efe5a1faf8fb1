"""The parity oracle: real PySpark (classic local mode) evaluates every parity case once.

Usage: python oracle.py <repo root> <output json>

Reads tests/parity/cases/*.json and tests/parity/data/*.json (format: tests/parity/README.md)
and writes one JSON file: {"pyspark": version, "results": {key: result}}. A result is
{"schema": [[name, simpleString], ...], "rows": [[value, ...], ...], "ordered": bool} or
{"error": {"class": ..., "message": ...}}. Values are encoded losslessly and the same way
tests/parity/lib/encode.ts encodes tributary's: long and decimal as text, doubles as JSON
numbers except "NaN", "Infinity", "-Infinity", "-0.0", dates as "yyyy-mm-dd", timestamps as
"yyyy-mm-ddThh:mm:ss.ffffff" (UTC), binary as hex, arrays as lists, maps as [key, value]
pairs, structs as lists in field order.

Speed: one JVM for everything; every expression case is analysed alone (cheap, gives its
error), then all analysable cases of one dataset and mode run as one query; a query that
fails at run time is split in halves until the failing cases are alone.
"""

import base64
import datetime
import decimal
import glob
import json
import logging
import math
import re
import os
import shutil
import sys
import tempfile
import time

os.environ["TZ"] = "UTC"
time.tzset()

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

STARTED = time.time()


def progress(text):
    print(f"parity oracle [{time.time() - STARTED:.1f} s] {text}", file=sys.stderr, flush=True)


def civil_from_days(days):
    """Proleptic Gregorian y-m-d for days since 1970-01-01, for any year (not only 1-9999)."""
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


def fmt_year(y):
    return f"{y:04d}" if 0 <= y <= 9999 else (f"+{y}" if y > 0 else f"-{-y:06d}")


def fmt_days(days):
    y, m, d = civil_from_days(days)
    return f"{fmt_year(y)}-{m:02d}-{d:02d}"


def fmt_micros(us):
    days, rest = divmod(us, 86_400_000_000)
    secs, micros = divmod(rest, 1_000_000)
    return f"{fmt_days(days)}T{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}.{micros:06d}"


def enc_double(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0.0"
    return v


def enc_scalar(v, t):
    if v is None:
        return None
    if isinstance(t, (T.FloatType, T.DoubleType)):
        return enc_double(float(v))
    if isinstance(t, T.LongType):
        return str(v)
    if isinstance(t, T.DecimalType):
        return format(v, "f")
    if isinstance(t, T.BinaryType):
        return bytes(v).hex()
    if isinstance(t, (T.StringType, T.BooleanType, T.ByteType, T.ShortType, T.IntegerType)):
        return v
    return str(v)


def enc_array(arr, t):
    """Encodes one Arrow array of Spark type t, element by element."""
    import pyarrow as pa

    valid = arr.is_valid().to_pylist()
    if isinstance(t, T.DateType):
        raw = arr.cast(pa.int32()).to_pylist()
        return [fmt_days(x) if ok else None for x, ok in zip(raw, valid)]
    if isinstance(t, (T.TimestampType, T.TimestampNTZType)):
        raw = arr.cast(pa.int64()).to_pylist()
        return [fmt_micros(x) if ok else None for x, ok in zip(raw, valid)]
    if isinstance(t, T.ArrayType):
        offsets = arr.offsets.to_pylist()
        inner = enc_array(arr.values, t.elementType)
        return [inner[offsets[i] : offsets[i + 1]] if ok else None for i, ok in enumerate(valid)]
    if isinstance(t, T.MapType):
        offsets = arr.offsets.to_pylist()
        keys = enc_array(arr.keys, t.keyType)
        items = enc_array(arr.items, t.valueType)
        return [
            [[keys[j], items[j]] for j in range(offsets[i], offsets[i + 1])] if ok else None
            for i, ok in enumerate(valid)
        ]
    if isinstance(t, T.StructType):
        fields = [enc_array(arr.field(i), f.dataType) for i, f in enumerate(t.fields)]
        return [[f[i] for f in fields] if ok else None for i, ok in enumerate(valid)]
    return [enc_scalar(v, t) for v in arr.to_pylist()]


def encode_table(df, drop_first=False):
    """Collects df through Arrow and returns (schema pairs, encoded rows)."""
    table = df.toArrow()
    fields = df.schema.fields
    cols = [enc_array(table.column(i).combine_chunks(), f.dataType) for i, f in enumerate(fields)]
    rows = [list(r) for r in zip(*cols)] if cols else [[] for _ in range(table.num_rows)]
    schema = [[f.name, f.dataType.simpleString()] for f in fields]
    return schema, rows


ERROR_CLASS = re.compile(r"\[([A-Z][A-Z0-9_]+(?:\.[A-Z0-9_]+)*)\]")


def error_of(e):
    cls = None
    for getter in ("getCondition", "getErrorClass"):
        fn = getattr(e, getter, None)
        if fn is not None:
            try:
                cls = fn()
            except Exception:  # noqa: BLE001 - an exception without a class answers by name
                cls = None
            if cls:
                break
    text = str(e)
    # Errors raised while collecting through Arrow arrive as a Py4JJavaError around the
    # Spark exception: its message still carries "[ERROR_CLASS] message".
    found = ERROR_CLASS.search(text)
    if cls is None and found is not None:
        cls = found.group(1)
        text = text[found.start() :]
    lines = text.strip().splitlines()
    return {"class": cls or type(e).__name__, "message": (lines[0] if lines else "")[:400]}


# ------------------------------------------------------------------ datasets


def decode(v, t):
    if v is None:
        return None
    if isinstance(v, dict) and len(v) == 1 and next(iter(v)).startswith("$"):
        tag, x = next(iter(v.items()))
        if tag == "$double":
            return float(x)
        if tag == "$long":
            return int(x)
        if tag == "$decimal":
            return decimal.Decimal(x)
        if tag == "$date":
            return datetime.date.fromisoformat(x)
        if tag == "$ts":
            return datetime.datetime.fromisoformat(x.replace("Z", "+00:00"))
        if tag == "$binary":
            return bytearray.fromhex(x)
        raise ValueError(f"unknown value tag {tag}")
    if isinstance(t, T.ArrayType):
        return [decode(x, t.elementType) for x in v]
    if isinstance(t, T.MapType):
        return {decode(k, t.keyType): decode(x, t.valueType) for k, x in v}
    if isinstance(t, T.StructType):
        return tuple(decode(x, f.dataType) for x, f in zip(v, t.fields))
    if isinstance(t, (T.FloatType, T.DoubleType)):
        return float(v)
    if isinstance(t, T.DecimalType):
        return decimal.Decimal(str(v))
    return v


class Datasets:
    def __init__(self, spark, root):
        self.spark = spark
        self.root = root
        self.frames = {}

    def get(self, name, with_index):
        key = (name, with_index)
        if key not in self.frames:
            with open(os.path.join(self.root, "tests/parity/data", f"{name}.json")) as fh:
                data = json.load(fh)
            schema = self.spark.createDataFrame([], data["schema"]).schema
            rows = [
                tuple(decode(v, f.dataType) for v, f in zip(r, schema.fields)) for r in data["rows"]
            ]
            if with_index:
                schema = T.StructType(schema.fields + [T.StructField("__i", T.IntegerType(), False)])
                rows = [r + (i,) for i, r in enumerate(rows)]
            # One partition: tiny data, and fewer tasks per query on a busy machine.
            self.frames[key] = self.spark.createDataFrame(rows, schema).coalesce(1)
        return self.frames[key]


# ------------------------------------------------------------------ cases


GENERATOR = re.compile(r"\b(explode|explode_outer|posexplode|posexplode_outer|inline|inline_outer|stack)\s*\(", re.I)


def is_generator(text):
    """Generators change the row count (and may name several columns): never batched or aliased."""
    return GENERATOR.search(text) is not None


def named(text, name):
    return F.expr(text) if is_generator(text) else F.expr(text).alias(name)


def culprits(error, items, exprs):
    """The cases whose expression text holds the fragment a runtime error points at (Spark's
    query context): far fewer queries than halving when many cases fail in ANSI mode."""
    try:
        fragments = [q.fragment() for q in error.getQueryContext() if q.fragment()]
    except Exception:  # noqa: BLE001 - no query context: the caller halves instead
        return []
    return [it for it in items if any(f in e for f in fragments for e in it[1][exprs])]


def batch_group(case, ansi):
    """Cases with equal groups run as one query: selects without orderBy or generators, and
    aggregates without orderBy over the same grouping. None: the case runs alone."""
    if "orderBy" in case:
        return None
    conf = json.dumps(case.get("conf", {}), sort_keys=True)
    if "select" in case and not any(map(is_generator, case["select"])):
        return ("select", case["data"], ansi, conf, case.get("where"), None)
    if "agg" in case:
        return ("agg", case["data"], ansi, conf, case.get("where"), json.dumps(case.get("groupBy", [])))
    return None


def modes(case):
    """(result key, ansi) pairs: "both" (the default for expression cases) runs twice."""
    default = "both" if ("select" in case or "agg" in case) else False
    ansi = case.get("ansi", default)
    if ansi == "both":
        return [(case["id"] + "@ansi", True), (case["id"] + "@legacy", False)]
    return [(case["id"], bool(ansi))]


def option_text(v):
    return str(v).lower() if isinstance(v, bool) else str(v)


class Runner:
    def __init__(self, spark, root):
        self.spark = spark
        self.data = Datasets(spark, root)
        self.results = {}
        self.ansi = None
        self.tmp = tempfile.mkdtemp(prefix="tributary-parity-")

    def with_conf(self, conf, ansi, fn):
        if self.ansi != ansi:
            self.spark.conf.set("spark.sql.ansi.enabled", "true" if ansi else "false")
            self.ansi = ansi
        for k, v in conf.items():
            self.spark.conf.set(k, option_text(v))
        try:
            return fn()
        finally:
            for k in conf:
                self.spark.conf.unset(k)

    def base(self, case, with_index):
        df = self.data.get(case["data"], with_index)
        if "where" in case:
            df = df.filter(case["where"])
        return df

    def build(self, case):
        """The DataFrame of one expression case, its expressions named c0, c1, ..."""
        name = lambda j: f"c{j}"  # noqa: E731
        if "agg" in case:
            df = self.base(case, False)
            aggs = [F.expr(e).alias(name(j)) for j, e in enumerate(case["agg"])]
            keys = case.get("groupBy", [])
            out = df.groupBy(*[F.expr(k) for k in keys]).agg(*aggs) if keys else df.agg(*aggs)
            if "orderBy" in case:
                out = out.orderBy(*[F.expr(o) for o in case["orderBy"]])
            return out
        # A select case sorts the dataset first, so that orderBy may name its columns.
        df = self.base(case, True)
        if "orderBy" in case:
            df = df.orderBy(*[F.expr(o) for o in case["orderBy"]])
        return df.select(F.col("__i"), *[named(e, name(j)) for j, e in enumerate(case["select"])])

    def run_single(self, key, case, ansi):
        def go():
            df = self.build(case)
            schema, rows = encode_table(df)
            ordered = "orderBy" in case or "select" in case
            if "select" in case and "orderBy" not in case:
                rows.sort(key=lambda r: r[0])
            if "select" in case:
                schema, rows = schema[1:], [r[1:] for r in rows]
            return {"schema": schema, "rows": rows, "ordered": ordered}

        try:
            self.results[key] = self.with_conf(case.get("conf", {}), ansi, go)
        except Exception as e:  # noqa: BLE001 - the error is the result
            self.results[key] = {"error": error_of(e)}

    def run_batch(self, items, ansi, conf):
        """items: (key, case) pairs of one batch group (batch_group), each analysable alone."""
        if len(items) == 1:
            self.run_single(items[0][0], items[0][1], ansi)
            return
        first = items[0][1]
        exprs = "agg" if "agg" in first else "select"

        def go():
            cols = []
            for n, (_, case) in enumerate(items):
                cols += [F.expr(e).alias(f"c{n}_{j}") for j, e in enumerate(case[exprs])]
            if exprs == "select":
                return encode_table(self.base(first, True).select(F.col("__i"), *cols))
            df = self.base(first, False)
            keys = [F.expr(k) for k in first.get("groupBy", [])]
            return encode_table(df.groupBy(*keys).agg(*cols) if keys else df.agg(*cols))

        try:
            schema, rows = self.with_conf(conf, ansi, go)
        except Exception as e:  # noqa: BLE001 - find the failing cases, run the rest again
            suspects = culprits(e, items, exprs)
            if suspects and len(suspects) < len(items):
                for key, case in suspects:
                    self.run_single(key, case, ansi)
                self.run_batch([it for it in items if it not in suspects], ansi, conf)
                return
            half = len(items) // 2
            self.run_batch(items[:half], ansi, conf)
            self.run_batch(items[half:], ansi, conf)
            return
        # A select batch leads with __i (dropped); an aggregate batch with its group keys (kept).
        lead = 1 if exprs == "select" else len(first.get("groupBy", []))
        if exprs == "select":
            rows.sort(key=lambda r: r[0])
        keep = [] if exprs == "select" else list(range(lead))
        pos = lead
        for key, case in items:
            cols = keep + list(range(pos, pos + len(case[exprs])))
            self.results[key] = {
                "schema": [schema[c] if c < lead else [f"c{c - pos}", schema[c][1]] for c in cols],
                "rows": [[r[c] for c in cols] for r in rows],
                "ordered": exprs == "select",
            }
            pos += len(case[exprs])

    def run_expressions(self, cases):
        groups = {}
        for n, case in enumerate(cases):
            if n % 100 == 0:
                progress(f"analysed {n} of {len(cases)} expression cases")
            for key, ansi in modes(case):
                g = batch_group(case, ansi)
                if g is None:
                    self.run_single(key, case, ansi)
                    continue
                # Analysis is eager in classic mode: a case that does not analyse gets its
                # error here and stays out of the batch.
                try:
                    self.with_conf(case.get("conf", {}), ansi, lambda c=case: self.build(c))
                except Exception as e:  # noqa: BLE001 - the error is the result
                    self.results[key] = {"error": error_of(e)}
                    continue
                groups.setdefault(g, []).append((key, case))
        progress(f"running {sum(len(g) for g in groups.values())} analysable case runs in batches")
        for g, items in sorted(groups.items(), key=lambda kv: kv[0][2]):
            for start in range(0, len(items), 200):
                self.run_batch(items[start : start + 200], g[2], json.loads(g[3]))

    def write_files(self, case, n):
        d = os.path.join(self.tmp, f"read{n}")
        os.makedirs(d, exist_ok=True)
        for name, text in case["files"].items():
            p = os.path.join(d, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            raw = base64.b64decode(text["base64"]) if isinstance(text, dict) else text.encode("utf-8")
            with open(p, "wb") as fh:
                fh.write(raw)
        return d

    def run_read(self, case, n):
        d = self.write_files(case, n)
        for key, ansi in modes(case):

            def go():
                r = self.spark.read.format(case["format"])
                for k, v in case.get("options", {}).items():
                    r = r.option(k, option_text(v))
                if "schema" in case:
                    r = r.schema(case["schema"])
                df = r.load(os.path.join(d, case.get("path", "")))
                schema, rows = encode_table(df)
                return {"schema": schema, "rows": rows, "ordered": len(case["files"]) == 1}

            try:
                self.results[key] = self.with_conf(case.get("conf", {}), ansi, go)
            except Exception as e:  # noqa: BLE001 - the error is the result
                self.results[key] = {"error": error_of(e)}

    def run_roundtrip(self, case, n):
        rt = case["roundtrip"]
        for key, ansi in modes(case):
            out = os.path.join(self.tmp, f"rt{n}-{int(ansi)}")

            def go():
                w = self.data.get(rt["data"], False).write.format(rt["format"]).mode("overwrite")
                for k, v in rt.get("options", {}).items():
                    w = w.option(k, option_text(v))
                w.save(out)
                r = self.spark.read.format(rt["format"])
                for k, v in rt.get("readOptions", {}).items():
                    r = r.option(k, option_text(v))
                if "readSchema" in rt:
                    r = r.schema(rt["readSchema"])
                schema, rows = encode_table(r.load(out))
                return {"schema": schema, "rows": rows, "ordered": False}

            try:
                self.results[key] = self.with_conf(case.get("conf", {}), ansi, go)
            except Exception as e:  # noqa: BLE001 - the error is the result
                self.results[key] = {"error": error_of(e)}


def load_cases(root):
    cases = []
    for path in sorted(glob.glob(os.path.join(root, "tests/parity/cases/*.json"))):
        with open(path) as fh:
            cases += json.load(fh)
    return cases


def main():
    root, out = sys.argv[1], sys.argv[2]
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("tributary-parity-oracle")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    # PySpark logs every query-context error on its own logger; the errors are results here.
    logging.getLogger("SQLQueryContextLogger").disabled = True
    progress("session started")
    runner = Runner(spark, root)
    cases = load_cases(root)
    try:
        runner.run_expressions([c for c in cases if "select" in c or "agg" in c])
        for n, case in enumerate(cases):
            if "files" in case:
                runner.run_read(case, n)
            elif "roundtrip" in case:
                runner.run_roundtrip(case, n)
    finally:
        shutil.rmtree(runner.tmp, ignore_errors=True)
    import pyspark

    with open(out + ".tmp", "w") as fh:
        json.dump({"pyspark": pyspark.__version__, "results": runner.results}, fh, allow_nan=False)
    os.replace(out + ".tmp", out)
    progress(f"{len(runner.results)} results written")
    spark.stop()


if __name__ == "__main__":
    main()
