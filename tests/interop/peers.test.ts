/**
 * Proves the harness peer to peer, before our own Delta code is in the loop: delta-rs
 * writes and delta-spark reads every version identically, and the reverse, including
 * partition values that need escaping, schema evolution and a checkpoint.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leftoverPeerProcesses } from "./leftovers.js";
import {
  arrayOf,
  normalizeRows,
  peerBatch,
  peersAvailable,
  rsWrite,
  stopPeers,
  struct,
} from "./peers.js";

const available = peersAvailable();
// The interop project's global setup installs the peers; without them this suite fails.
if (!available.ok) throw new Error(available.reason);

const SPARK_TIMEOUT = 300_000;

const schema = struct([
  ["id", "long"],
  ["d", "date"],
  ["s", "string"],
  ["n", "integer"],
  ["amt", "decimal(10,2)"],
  ["ts", "timestamp"],
  ["tags", arrayOf("string")],
  [
    "info",
    struct([
      ["a", "long"],
      ["b", "string"],
    ]),
  ],
]);

const v0 = [
  {
    id: 1n,
    d: "2024-01-01",
    s: "a b/c%d=e",
    n: 1,
    amt: "12.5",
    ts: "2024-01-01T10:00:00.123456Z",
    tags: ["x", null],
    info: { a: 1n, b: "q" },
  },
  {
    id: 2n,
    d: "2024-01-01",
    s: null,
    n: 2,
    amt: "-0.01",
    ts: new Date("2024-01-01T23:59:59Z"),
    tags: [],
    info: null,
  },
  {
    id: 9007199254740993n,
    d: "2024-01-02",
    s: "ü ñ #?",
    n: null,
    amt: null,
    ts: null,
    tags: null,
    info: { a: null, b: "" },
  },
];
const v1 = [
  {
    id: 3n,
    d: "2024-01-02",
    s: "a b/c%d=e",
    n: 1,
    amt: "100",
    ts: "2024-01-02T00:00:00+02:00",
    tags: ["y"],
    info: null,
  },
];
const v2 = [
  {
    id: 4n,
    d: "2024-02-29",
    s: "",
    n: -7,
    amt: "0.10",
    ts: "1969-12-31T23:59:59.999999Z",
    tags: null,
    info: { a: -1n, b: null },
  },
];

describe("delta-rs <-> delta-spark (the harness itself)", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-interop-"));
  });
  afterAll(async () => {
    await stopPeers();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    "delta-rs writes a partitioned table; Spark reads every version identically",
    async () => {
      const table = join(dir, "from-rs");
      await rsWrite(table, v0, schema, { mode: "error", partitionBy: ["d", "s", "n"] });
      await rsWrite(table, v1, schema, { mode: "append" });
      await rsWrite(table, v2, schema, { mode: "overwrite" });
      const expected = [v0, [...v0, ...v1], v2].map((rows) => normalizeRows(rows, schema));

      // Halfway between commits 1 and 2: both peers must resolve version 1, whichever
      // clock they use (delta-rs: commitInfo.timestamp; Spark: the commit file's mtime).
      const [{ history }] = await peerBatch([{ cmd: "rs-history", table }] as const);
      const between = new Date(
        (Date.parse(String(history[1]?.timestamp)) + Date.parse(String(history[2]?.timestamp))) / 2,
      ).toISOString();
      const rs = await peerBatch([
        { cmd: "rs-read", table, version: 0 },
        { cmd: "rs-read", table, version: 1 },
        { cmd: "rs-read", table, version: 2 },
        { cmd: "rs-read", table, timestamp: between },
      ] as const);
      const spark = await peerBatch(
        [
          { cmd: "spark-read", table, version: 0 },
          { cmd: "spark-read", table, version: 1 },
          { cmd: "spark-read", table, version: 2 },
          { cmd: "spark-read", table, timestamp: between },
          { cmd: "spark-read", table },
          { cmd: "spark-history", table },
        ] as const,
        { timeoutMs: SPARK_TIMEOUT },
      );

      for (const v of [0, 1, 2] as const) {
        expect(rs[v].rows, `delta-rs v${v}`).toEqual(expected[v]);
        expect(spark[v].rows, `Spark v${v}`).toEqual(expected[v]);
        expect(spark[v].schema).toEqual(rs[v].schema);
      }
      for (const byTime of [rs[3], spark[3]]) {
        expect(byTime.version).toBe(1);
        expect(byTime.rows).toEqual(expected[1]);
      }
      expect(spark[4].version).toBe(2);
      expect(spark[5].history.map((h) => h.operation)).toEqual(["WRITE", "WRITE", "WRITE"]);
      // delta-rs escapes the partition directory once and the add path (a URI) twice.
      expect(existsSync(join(table, "d=2024-01-01", "s=a%20b%2Fc%25d%3De", "n=1"))).toBe(true);
      expect(existsSync(join(table, "d=2024-01-01", "s=__HIVE_DEFAULT_PARTITION__"))).toBe(true);
    },
    SPARK_TIMEOUT,
  );

  it(
    "Spark writes with mergeSchema and a checkpoint; delta-rs reads every version identically",
    async () => {
      const table = join(dir, "from-spark");
      const wider = struct([
        ...schema.fields.map((f) => [f.name, f.type] as const),
        ["extra", "double"],
      ]);
      const v3 = [{ ...v2[0], id: 5n, extra: 2.5 }];
      const v4 = [{ ...v1[0], id: 6n, extra: null }];
      const spark = await peerBatch(
        [
          {
            cmd: "spark-write",
            table,
            rows: v0,
            schema,
            mode: "error",
            partitionBy: ["d", "s"],
            properties: { "delta.checkpointInterval": "2" },
          },
          { cmd: "spark-write", table, rows: v1, schema, mode: "append" },
          {
            cmd: "spark-write",
            table,
            rows: v3,
            schema: wider,
            mode: "append",
            schemaMode: "merge",
          },
          { cmd: "spark-write", table, rows: v4, schema: wider, mode: "append" },
          { cmd: "spark-read", table, version: 0 },
          { cmd: "spark-read", table, version: 1 },
          { cmd: "spark-read", table, version: 2 },
          { cmd: "spark-read", table, version: 3 },
        ] as const,
        { timeoutMs: SPARK_TIMEOUT },
      );
      expect(spark.slice(0, 4).map((r) => r.version)).toEqual([0, 1, 2, 3]);

      const last = JSON.parse(readFileSync(join(table, "_delta_log", "_last_checkpoint"), "utf8"));
      expect(last.version).toBe(2);
      expect(existsSync(join(table, "_delta_log", "00000000000000000002.checkpoint.parquet"))).toBe(
        true,
      );

      const rs = await peerBatch(
        [0, 1, 2, 3].map((version) => ({ cmd: "rs-read", table, version }) as const),
      );
      // Spark stores an empty partition string as null (__HIVE_DEFAULT_PARTITION__).
      const widen = (rows: readonly object[]) =>
        rows.map((r) => ({ extra: null, ...r, ...("s" in r && r.s === "" ? { s: null } : {}) }));
      const expected = [
        normalizeRows(v0, schema),
        normalizeRows([...v0, ...v1], schema),
        normalizeRows(widen([...v0, ...v1, ...v3]), wider),
        normalizeRows(widen([...v0, ...v1, ...v3, ...v4]), wider),
      ];
      const [, , , , ...sparkReads] = spark;
      for (const v of [0, 1, 2, 3] as const) {
        expect(sparkReads[v].rows, `Spark v${v}`).toEqual(expected[v]);
        expect(rs[v]?.rows, `delta-rs v${v}`).toEqual(expected[v]);
        expect(rs[v]?.schema).toEqual(sparkReads[v].schema);
      }
    },
    SPARK_TIMEOUT,
  );

  it("leaves no peer process behind once stopped", async () => {
    await stopPeers();
    expect(leftoverPeerProcesses()).toEqual([]);
  });
});
