/**
 * The kernel's ScanBuilder over a hand-written log (no engine, no SQL): partition pruning and
 * stats skipping with column mapping (partition values and stats under physical names, as
 * delta-spark writes them), file restriction, deletion vectors read through storage.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inlineDeletionVector } from "../../../src/delta/deletion-vectors/descriptor.js";
import type { DeltaEngine } from "../../../src/delta/engine.js";
import { ScanBuilder } from "../../../src/delta/scan/scan-builder.js";
import { Snapshot } from "../../../src/delta/snapshot/snapshot.js";
import { IllegalArgumentError } from "../../../src/errors.js";
import { CallNode } from "../../../src/plan/expression/call.js";
import { ColumnRefNode } from "../../../src/plan/expression/column-ref.js";
import { LiteralNode } from "../../../src/plan/expression/literal.js";
import type { ExprNode } from "../../../src/plan/node.js";
import { LocalStorage } from "../../../src/storage/local.js";

const engine: DeltaEngine = {
  storage: new LocalStorage(),
  readCheckpoint: async () => {
    throw new Error("this log has no checkpoint");
  },
  writeCheckpoint: async () => {
    throw new Error("not used");
  },
};

const mapped = (name: string, id: number, type: unknown) => ({
  name,
  type,
  nullable: true,
  metadata: { "delta.columnMapping.id": id, "delta.columnMapping.physicalName": `col-${name}` },
});

const schema = {
  type: "struct",
  fields: [
    mapped("id", 1, "long"),
    mapped("day", 2, "date"),
    mapped("s", 3, { type: "struct", fields: [mapped("x", 4, "integer")] }),
  ],
};

function add(path: string, day: string | null, min: number, max: number, extra = {}) {
  return {
    add: {
      path,
      partitionValues: { "col-day": day },
      size: 100,
      modificationTime: 0,
      dataChange: true,
      stats: JSON.stringify({
        numRecords: 10,
        minValues: { "col-id": min },
        maxValues: { "col-id": max },
        nullCount: { "col-id": 0 },
      }),
      ...extra,
    },
  };
}

/** A column-mapped table partitioned by `day`, three files, one with a deletion vector. */
function table(): string {
  const root = join(mkdtempSync(join(tmpdir(), "trib-scan-")), "t");
  mkdirSync(join(root, "_delta_log"), { recursive: true });
  const actions = [
    { protocol: { minReaderVersion: 2, minWriterVersion: 5 } },
    {
      metaData: {
        id: "scan-test",
        format: { provider: "parquet", options: {} },
        schemaString: JSON.stringify(schema),
        partitionColumns: ["day"],
        configuration: {
          "delta.columnMapping.mode": "name",
          "delta.columnMapping.maxColumnId": "4",
        },
        createdTime: 0,
      },
    },
    add("col-day=2024-01-01/a%20b.parquet", "2024-01-01", 0, 9),
    add("col-day=2024-01-02/c.parquet", "2024-01-02", 10, 19, {
      deletionVector: inlineDeletionVector([1, 3]),
    }),
    add("col-day=__HIVE_DEFAULT_PARTITION__/d.parquet", null, 20, 29),
  ];
  writeFileSync(
    join(root, "_delta_log", "00000000000000000000.json"),
    `${actions.map((a) => JSON.stringify(a)).join("\n")}\n`,
  );
  return root;
}

const col = (n: string): ExprNode => ColumnRefNode.create(n);
const lit = (v: number | string): ExprNode => LiteralNode.create(v);
const op = (name: string, ...args: ExprNode[]): ExprNode => CallNode.create(name, args);

describe("ScanBuilder", () => {
  it("lists every file with its location, typed partition values, stats and vector", async () => {
    const root = table();
    const scan = new ScanBuilder(await Snapshot.load(engine, root)).build();
    expect(scan.version).toBe(0);
    expect(scan.filesTotal).toBe(3);
    expect(scan.filesSkipped).toBe(0);
    const first = scan.files.find((f) => f.path.endsWith("a%20b.parquet"));
    expect(first?.location).toBe(join(root, "col-day=2024-01-01", "a b.parquet"));
    expect(first?.partitionValues.map((v) => [v.name, v.dataType.typeName, v.value])).toEqual([
      ["day", "date", "2024-01-01"],
    ]);
    expect(first?.numRecords).toBe(10);
    expect(first?.stats?.minValues).toEqual({ "col-id": 0 });
    expect(first?.deletionVector).toBeUndefined();
    const nullDay = scan.files.find((f) => f.path.endsWith("d.parquet"));
    expect(nullDay?.partitionValues[0]?.value).toBeNull();
  });

  it("exposes the logical schema and each column's physical name, nested ones too", async () => {
    const scan = new ScanBuilder(await Snapshot.load(engine, table())).build();
    expect(scan.columnMappingMode).toBe("name");
    expect(scan.schema.fieldNames()).toEqual(["id", "day", "s"]);
    expect(scan.schema.fields.every((f) => Object.keys(f.metadata).length === 0)).toBe(true);
    expect(scan.columns.map((c) => [c.field.name, c.physicalName, c.isPartition])).toEqual([
      ["id", "col-id", false],
      ["day", "col-day", true],
      ["s", "col-s", false],
    ]);
    expect(scan.columns[2]?.physicalType.simpleString()).toBe("struct<col-x:int>");
    expect(scan.partitionColumns).toEqual(["day"]);
  });

  it("prunes partitions by the physical partition key", async () => {
    const snapshot = await Snapshot.load(engine, table());
    const scan = new ScanBuilder(snapshot)
      .withPredicate(op("==", col("day"), lit("2024-01-02")))
      .build();
    expect(scan.files.map((f) => f.path)).toEqual(["col-day=2024-01-02/c.parquet"]);
    expect(scan.filesSkipped).toBe(2);
    const nulls = new ScanBuilder(snapshot).withPredicate(op("isnull", col("day"))).build();
    expect(nulls.files.map((f) => f.path)).toEqual([
      "col-day=__HIVE_DEFAULT_PARTITION__/d.parquet",
    ]);
  });

  it("skips files by physical-name stats, and ANDs several predicates", async () => {
    const snapshot = await Snapshot.load(engine, table());
    const over = new ScanBuilder(snapshot).withPredicate(op(">", col("id"), lit(15))).build();
    expect(over.files.map((f) => f.path).sort()).toEqual([
      "col-day=2024-01-02/c.parquet",
      "col-day=__HIVE_DEFAULT_PARTITION__/d.parquet",
    ]);
    const both = new ScanBuilder(snapshot)
      .withPredicate(op(">", col("id"), lit(15)))
      .withPredicate(op("<", col("id"), lit(20)))
      .build();
    expect(both.files.map((f) => f.path)).toEqual(["col-day=2024-01-02/c.parquet"]);
    // A predicate it cannot evaluate keeps every file.
    const opaque = new ScanBuilder(snapshot)
      .withPredicate(op("like", col("id"), lit("1%")))
      .build();
    expect(opaque.files).toHaveLength(3);
  });

  it("restricts to the given add.paths before skipping, and validates the list", async () => {
    const snapshot = await Snapshot.load(engine, table());
    const scan = new ScanBuilder(snapshot)
      .withFiles(["col-day=2024-01-01/a%20b.parquet", "col-day=2024-01-02/c.parquet", "gone"])
      .withPredicate(op(">=", col("id"), lit(5)))
      .build();
    expect(scan.filesTotal).toBe(2);
    expect(scan.files.map((f) => f.path).sort()).toEqual([
      "col-day=2024-01-01/a%20b.parquet",
      "col-day=2024-01-02/c.parquet",
    ]);
    const notAList = JSON.parse('{"a": 1}') as readonly string[];
    expect(() => new ScanBuilder(snapshot).withFiles(notAList)).toThrow(IllegalArgumentError);
  });

  it("loads a file's deleted row positions, and none for a file without a vector", async () => {
    const scan = new ScanBuilder(await Snapshot.load(engine, table())).build();
    const withDv = scan.files.find((f) => f.deletionVector !== undefined);
    expect(withDv?.deletionVector?.cardinality).toBe(2);
    if (withDv === undefined) throw new Error("no file with a deletion vector");
    expect(await scan.deletedRows(engine, withDv)).toEqual([1, 3]);
    const plain = scan.files.find((f) => f.deletionVector === undefined);
    if (plain === undefined) throw new Error("no file without a deletion vector");
    expect(await scan.deletedRows(engine, plain)).toEqual([]);
  });
});
