/**
 * Arrow batches built the way Spark builds them (its ArrowUtils type mapping), decoded to
 * tributary's JS values.
 */
import {
  Decimal as ArrowDecimal,
  Binary,
  Bool,
  DateDay,
  Field,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  Map_,
  makeData,
  makeVector,
  Null,
  Struct,
  Table,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { decodeArrowBatch, formatEpochDay } from "../../../src/engine/spark-connect/index.js";
import { Decimal } from "../../../src/types/decimal.js";

/** 128-bit two's complement little-endian words of `v`, as Arrow stores decimals. */
function words(values: readonly bigint[]): Uint32Array {
  const out = new Uint32Array(values.length * 4);
  values.forEach((v, i) => {
    let u = BigInt.asUintN(128, v);
    for (let k = 0; k < 4; k++) {
      out[i * 4 + k] = Number(u & 0xffff_ffffn);
      u >>= 32n;
    }
  });
  return out;
}

function decode(columns: Record<string, Vector>) {
  return decodeArrowBatch(tableToIPC(new Table(columns), "stream")).rows;
}

describe("decodeArrowBatch", () => {
  it("decodes integers, floats, booleans, strings and binary", () => {
    const rows = decode({
      b: vectorFromArray([1, -128], new Int8()),
      s: vectorFromArray([2, 32767], new Int16()),
      i: vectorFromArray([3, -2147483648], new Int32()),
      l: vectorFromArray([9007199254740993n, -(2n ** 63n)], new Int64()),
      d: vectorFromArray([1.5, Number.NaN], new Float64()),
      t: vectorFromArray([true, false], new Bool()),
      u: vectorFromArray(["héllo", ""], new Utf8()),
      x: vectorFromArray([Uint8Array.of(1, 2), Uint8Array.of()], new Binary()),
    });
    expect(rows).toEqual([
      {
        b: 1,
        s: 2,
        i: 3,
        l: 9007199254740993n,
        d: 1.5,
        t: true,
        u: "héllo",
        x: Uint8Array.of(1, 2),
      },
      {
        b: -128,
        s: 32767,
        i: -2147483648,
        l: -(2n ** 63n),
        d: Number.NaN,
        t: false,
        u: "",
        x: Uint8Array.of(),
      },
    ]);
    expect(typeof rows[0]?.l).toBe("bigint");
  });

  it("decodes decimals exactly, negative and at 38 digits", () => {
    const big = 10n ** 38n - 1n;
    const data = makeData({
      type: new ArrowDecimal(2, 38, 128),
      length: 4,
      data: words([150n, -1n, big, -big]),
    });
    const rows = decode({ d: makeVector(data) });
    const values = rows.map((r) => r.d as Decimal);
    expect(values.every((v) => v instanceof Decimal)).toBe(true);
    expect(values.map(String)).toEqual([
      "1.50",
      "-0.01",
      "999999999999999999999999999999999999.99",
      "-999999999999999999999999999999999999.99",
    ]);
  });

  it("decodes decimals exactly on both sides of the 53-bit fast path", () => {
    const edges = [
      2n ** 53n - 1n,
      -(2n ** 53n),
      2n ** 53n,
      -(2n ** 53n) - 1n,
      2n ** 64n,
      -(2n ** 64n) - 1n,
      0n,
      -(2n ** 32n),
    ];
    const data = makeData({
      type: new ArrowDecimal(0, 38, 128),
      length: edges.length,
      data: words(edges),
    });
    const got = decode({ d: makeVector(data) }).map((r) => (r.d as Decimal).unscaled);
    expect(got).toEqual(edges);
  });

  it("decodes short and long, ASCII and non-ASCII strings", () => {
    const values = ["", "a", "ünïcödé", "x".repeat(32), `${"y".repeat(40)}é`, "日本語"];
    expect(decode({ u: vectorFromArray(values, new Utf8()) }).map((r) => r.u)).toEqual(values);
  });

  it("decodes dates to YYYY-MM-DD, before 1970 and far away too", () => {
    const data = makeData({
      type: new DateDay(),
      length: 4,
      data: Int32Array.of(19724, 0, -1, -719162),
    });
    expect(decode({ dt: makeVector(data) }).map((r) => r.dt)).toEqual([
      "2024-01-02",
      "1970-01-01",
      "1969-12-31",
      "0001-01-01",
    ]);
    expect(formatEpochDay(2932896)).toBe("9999-12-31");
  });

  it("decodes timestamps with and without a time zone to Dates (microseconds floored)", () => {
    const micros = BigInt64Array.of(1704164645123456n, -1n, 253402300799999999n);
    // Separate buffers: Arrow's IPC writer mis-sizes a body whose columns share one.
    const tz = makeData({ type: new TimestampMicrosecond("Etc/UTC"), length: 3, data: micros });
    const ntz = makeData({ type: new TimestampMicrosecond(null), length: 3, data: micros.slice() });
    const rows = decode({ ts: makeVector(tz), ntz: makeVector(ntz) });
    const expected = [
      "2024-01-02T03:04:05.123Z",
      "1969-12-31T23:59:59.999Z",
      "9999-12-31T23:59:59.999Z",
    ];
    expect(rows.map((r) => (r.ts as Date).toISOString())).toEqual(expected);
    expect(rows.map((r) => (r.ntz as Date).toISOString())).toEqual(expected);
  });

  it("decodes timestamps in seconds and nanoseconds too", () => {
    const s = makeData({
      type: new TimestampSecond(null),
      length: 2,
      data: BigInt64Array.of(3n, -3n),
    });
    const ns = makeData({
      type: new TimestampNanosecond("UTC"),
      length: 2,
      data: BigInt64Array.of(1_500_000n, -1n),
    });
    const rows = decode({ s: makeVector(s), ns: makeVector(ns) });
    expect(rows.map((r) => (r.s as Date).getTime())).toEqual([3000, -3000]);
    expect(rows.map((r) => (r.ns as Date).getTime())).toEqual([1, -1]);
  });

  it("writes years past 9999 with a sign, as Spark does", () => {
    expect(formatEpochDay(2932897)).toBe("+10000-01-01");
  });

  it("decodes arrays, maps and structs, nested", () => {
    const entries = new Field(
      "entries",
      new Struct([new Field("key", new Utf8(), false), new Field("value", new Int32(), true)]),
      false,
    );
    const rows = decode({
      arr: vectorFromArray([[1, 2], [], null], new List(new Field("element", new Int32(), true))),
      m: vectorFromArray(
        [
          new Map([
            ["k", 1],
            ["z", null],
          ]),
          new Map(),
          null,
        ],
        new Map_(entries),
      ),
      s: vectorFromArray(
        [{ f: 1, g: ["a"] }, { f: null, g: [] }, null],
        new Struct([
          new Field("f", new Int32(), true),
          new Field("g", new List(new Field("element", new Utf8(), true)), true),
        ]),
      ),
    });
    expect(rows[0]).toEqual({
      arr: [1, 2],
      m: new Map([
        ["k", 1],
        ["z", null],
      ]),
      s: { f: 1, g: ["a"] },
    });
    expect(rows[0]?.m).toBeInstanceOf(Map);
    expect(rows[1]).toEqual({ arr: [], m: new Map(), s: { f: null, g: [] } });
    expect(rows[2]).toEqual({ arr: null, m: null, s: null });
  });

  it("decodes nulls of every kind and the void type", () => {
    const rows = decode({
      i: vectorFromArray([null, 1], new Int32()),
      l: vectorFromArray([null, 1n], new Int64()),
      u: vectorFromArray([null, "a"], new Utf8()),
      n: vectorFromArray([null, null], new Null()),
    });
    expect(rows).toEqual([
      { i: null, l: null, u: null, n: null },
      { i: 1, l: 1n, u: "a", n: null },
    ]);
  });

  it("keeps row order across several record batches", () => {
    const one = new Table({ x: vectorFromArray([1, 2], new Int32()) });
    const two = new Table({ x: vectorFromArray([3], new Int32()) });
    const rows = decodeArrowBatch(tableToIPC(one.concat(two), "stream")).rows;
    expect(rows.map((r) => r.x)).toEqual([1, 2, 3]);
  });

  it("returns the schema and no rows for an empty batch", () => {
    const empty = new Table({ x: vectorFromArray([], new Int32()) });
    const { rows, schema } = decodeArrowBatch(tableToIPC(empty, "stream"));
    expect(rows).toEqual([]);
    expect(schema.fields.map((f) => f.name)).toEqual(["x"]);
  });
});
