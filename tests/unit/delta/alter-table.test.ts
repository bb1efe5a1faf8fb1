/**
 * ALTER TABLE on the embedded engine, against what delta-spark 4.0.1 commits (checked with
 * it): ADD COLUMNS, RENAME / DROP COLUMN on column-mapped tables (refused otherwise with
 * delta-spark's messages), SET / UNSET TBLPROPERTIES with protocol upgrades in the same
 * commit, upgradeTableProtocol.
 */
import { describe, expect, it } from "vitest";
import { DeltaError, DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { commit, commitInfo, latestVersion, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

async function plain(): Promise<{ path: string; t: DeltaTable }> {
  const path = tmpTable();
  await writeTable(
    spark(),
    path,
    [
      { id: 1, part: "a", v: 10 },
      { id: 2, part: "b", v: 20 },
    ],
    "id BIGINT, part STRING, v INT",
    { partitionBy: ["part"] },
  );
  return { path, t: await DeltaTable.forPath(spark(), path) };
}

const protocolAt = (path: string, v: number) =>
  commit(path, v).find((a) => "protocol" in a)?.protocol;
const metaAt = (path: string, v: number) =>
  commit(path, v).find((a) => "metaData" in a)?.metaData as {
    configuration: Record<string, string>;
    schemaString: string;
    partitionColumns: string[];
  };

async function failure(p: Promise<unknown>): Promise<DeltaError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof DeltaError)) throw new Error(`expected a DeltaError, got ${String(e)}`);
  return e;
}

describe("ALTER TABLE", () => {
  it("refuses rename and drop without column mapping, with delta-spark's messages", async () => {
    const { t } = await plain();
    const rename = await failure(t.renameColumn("v", "w"));
    expect(rename.code).toBe("DELTA_UNSUPPORTED_RENAME_COLUMN");
    expect(rename.message).toContain(
      "Column rename is not supported for your Delta table. \nPlease enable Column Mapping on your Delta table with mapping mode 'name'.",
    );
    const drop = await failure(t.dropColumn("v"));
    expect(drop.code).toBe("DELTA_UNSUPPORTED_DROP_COLUMN");
    expect(drop.message).toContain("DROP COLUMN is not supported for your Delta table.");
  });

  it("adds columns, changes a comment, and refuses an existing name", async () => {
    const { path, t } = await plain();
    await t.addColumns("z INT");
    expect(commitInfo(path, 1).operation).toBe("ADD COLUMNS");
    expect(JSON.parse(metaAt(path, 1).schemaString).fields[3]).toEqual({
      name: "z",
      type: "integer",
      nullable: true,
      metadata: {},
    });
    const dup = await failure(t.addColumns("Z INT"));
    expect(dup.code).toBe("FIELD_ALREADY_EXISTS");
    expect(dup.message).toBe(
      'Cannot add column, because `Z` already exists in "STRUCT<id: BIGINT, part: STRING, v: INT, z: INT>".',
    );
    await t.alterColumn("z", { comment: "zz" });
    expect(commitInfo(path, 2)).toMatchObject({
      operation: "CHANGE COLUMN",
      operationParameters: {
        column: '{"name":"z","type":"integer","nullable":true,"metadata":{"comment":"zz"}}',
      },
    });
    expect(await sorted(t.toDF())).toEqual([
      { id: 1n, part: "a", v: 10, z: null },
      { id: 2n, part: "b", v: 20, z: null },
    ]);
  });

  it("turns name mapping on (one commit, protocol 2,7), then renames and drops without rewriting", async () => {
    const { path, t } = await plain();
    await t.setProperties({ "delta.columnMapping.mode": "name" });
    expect(protocolAt(path, 1)).toEqual({
      minReaderVersion: 2,
      minWriterVersion: 7,
      writerFeatures: ["columnMapping", "appendOnly", "invariants"],
    });
    const meta = metaAt(path, 1);
    expect(meta.configuration).toEqual({
      "delta.columnMapping.mode": "name",
      "delta.columnMapping.maxColumnId": "3",
    });
    // Existing columns keep their names as physical names: the files already use them.
    expect(JSON.parse(meta.schemaString).fields[0].metadata).toEqual({
      "delta.columnMapping.id": 1,
      "delta.columnMapping.physicalName": "id",
    });
    await t.renameColumn("v", "value");
    await t.renameColumn("part", "region");
    expect(metaAt(path, 3).partitionColumns).toEqual(["region"]);
    expect(commitInfo(path, 3).operationParameters).toEqual({
      oldColumnPath: "part",
      newColumnPath: "region",
    });
    const partDrop = await failure(t.dropColumn("region"));
    expect(partDrop.code).toBe("DELTA_UNSUPPORTED_DROP_PARTITION_COLUMN");
    expect(partDrop.message).toBe("Dropping partition columns (region) is not allowed.");
    await t.addColumns("v INT");
    await spark()
      .createDataFrame(
        [{ id: 3, region: "a", value: 30, v: 7 }],
        "id BIGINT, region STRING, value INT, v INT",
      )
      .write.format("delta")
      .mode("append")
      .save(path);
    await t.dropColumn("value");
    expect(latestVersion(path)).toBe(6);
    expect(await sorted(t.toDF())).toEqual([
      { id: 1n, region: "a", v: null },
      { id: 2n, region: "b", v: null },
      { id: 3n, region: "a", v: 7 },
    ]);
    // Time travel reads each version under its own schema.
    expect(await sorted(spark().read.format("delta").option("versionAsOf", 2).load(path))).toEqual([
      { id: 1n, part: "a", value: 10 },
      { id: 2n, part: "b", value: 20 },
    ]);
    const change = await failure(t.setProperties({ "delta.columnMapping.mode": "id" }));
    expect(change.code).toBe("DELTA_UNSUPPORTED_COLUMN_MAPPING_MODE_CHANGE");
    expect(change.message).toBe(
      "Changing column mapping mode from 'name' to 'id' is not supported.",
    );
  });

  it("upgrades the protocol with a feature in the same commit, and refuses what it cannot write", async () => {
    const { path, t } = await plain();
    await t.setProperties({ "delta.enableDeletionVectors": "true", team: "etl" });
    expect(protocolAt(path, 1)).toEqual({
      minReaderVersion: 3,
      minWriterVersion: 7,
      readerFeatures: ["deletionVectors"],
      writerFeatures: ["deletionVectors", "appendOnly", "invariants"],
    });
    expect(metaAt(path, 1).configuration).toEqual({
      "delta.enableDeletionVectors": "true",
      team: "etl",
    });
    expect(commitInfo(path, 1).operation).toBe("SET TBLPROPERTIES");
    await t.setProperties({ "delta.columnMapping.mode": "name" });
    const p2 = protocolAt(path, 2) as { readerFeatures: string[]; writerFeatures: string[] };
    expect([...p2.readerFeatures].sort()).toEqual(["columnMapping", "deletionVectors"]);
    expect([...p2.writerFeatures].sort()).toEqual([
      "appendOnly",
      "columnMapping",
      "deletionVectors",
      "invariants",
    ]);
    const rowTracking = await failure(t.setProperties({ "delta.enableRowTracking": "true" }));
    expect(rowTracking.code).toBe("DELTA_UNSUPPORTED_FEATURE");
    const unknown = await failure(t.setProperties({ "delta.foo": "bar" }));
    expect(unknown.message).toBe("Unknown configuration was specified: delta.foo.");
    expect(latestVersion(path)).toBe(2);
    await t.unsetProperties(["team", "absent"]);
    expect(metaAt(path, 3).configuration).not.toHaveProperty("team");
    const off = await failure(t.unsetProperties(["delta.columnMapping.mode"]));
    expect(off.code).toBe("DELTA_UNSUPPORTED_COLUMN_MAPPING_MODE_CHANGE");
    // Features whose writers exist are turned on for an existing table the same way.
    await t.setProperties({ "delta.enableChangeDataFeed": "true" });
    const p4 = protocolAt(path, 4) as { writerFeatures: string[] };
    expect(p4.writerFeatures).toContain("changeDataFeed");
    await t.setProperties({ "delta.checkpointPolicy": "v2" });
    const p5 = protocolAt(path, 5) as { readerFeatures: string[]; writerFeatures: string[] };
    expect(p5.readerFeatures).toContain("v2Checkpoint");
    expect(p5.writerFeatures).toContain("v2Checkpoint");
  });

  it("upgradeTableProtocol raises versions, never lowers them", async () => {
    const { path, t } = await plain();
    await t.upgradeTableProtocol(1, 3);
    expect(protocolAt(path, 1)).toEqual({ minReaderVersion: 1, minWriterVersion: 3 });
    expect(commitInfo(path, 1).operationParameters).toEqual({
      properties: JSON.stringify({ "delta.minReaderVersion": "1", "delta.minWriterVersion": "3" }),
    });
    await t.upgradeTableProtocol(1, 2);
    expect(protocolAt(path, 2)).toBeUndefined();
    // (3,7) with only what (1,3) implies is (1,3) again, as delta-spark normalizes it.
    await t.upgradeTableProtocol(3, 7);
    expect(protocolAt(path, 3)).toBeUndefined();
    expect(commitInfo(path, 3).operation).toBe("SET TBLPROPERTIES");
  });

  it("refuses what delta-spark refuses: constrained columns, NOT NULL additions, unknown columns", async () => {
    const { t } = await plain();
    await t.setProperties({ "delta.columnMapping.mode": "name" });
    await t.addConstraint("pos", "v > 0");
    // Thunks: a second promise made up front would reject before anything awaited it.
    for (const change of [() => t.renameColumn("v", "w"), () => t.dropColumn("v")]) {
      const e = await failure(change());
      expect(e.code).toBe("DELTA_CONSTRAINT_DEPENDENT_COLUMN_CHANGE");
      expect(e.message).toBe(
        "Cannot alter column v because this column is referenced by the following check constraint(s):\ndelta.constraints.pos -> v > 0",
      );
    }
    // Checked against delta-spark over Spark Connect.
    await expect(t.setProperties({ owner: "etl" })).rejects.toThrow(
      "The feature is not supported: owner is a reserved table property, it will be set to the current user.",
    );
    const notNull = await failure(t.addColumns("z INT NOT NULL"));
    expect(notNull.code).toBe("DELTA_OPERATION_NOT_ALLOWED");
    expect(notNull.message).toBe(
      "Operation not allowed: `NOT NULL in ALTER TABLE ADD COLUMNS` is not supported for Delta tables",
    );
    await expect(t.renameColumn("nope", "x")).rejects.toThrow(
      "A column, variable, or function parameter with name `nope` cannot be resolved.",
    );
  });

  it("runs the same changes as SQL: ALTER TABLE delta.`path` ...", async () => {
    const { path } = await plain();
    const t = `delta.\`${path}\``;
    const run = (sql: string) => spark().sqlCommand(sql);
    const result = await run(
      `ALTER TABLE ${t} SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name', delta.appendOnly = false)`,
    );
    expect(await result.collect()).toEqual([]);
    await run(`ALTER TABLE ${t} ADD COLUMNS (s STRUCT<a: INT>, c STRING COMMENT 'cc')`);
    await run(`ALTER TABLE ${t} ADD COLUMN s.b INT`);
    await run(`ALTER TABLE ${t} RENAME COLUMN s.a TO alpha`);
    await run(`ALTER TABLE ${t} ALTER COLUMN v COMMENT 'value'`);
    await run(`ALTER TABLE ${t} DROP COLUMNS (c, s.b)`);
    await run(`ALTER TABLE ${t} UNSET TBLPROPERTIES IF EXISTS ('delta.appendOnly', 'nope')`);
    await run(`ALTER TABLE ${t} ADD CONSTRAINT positive CHECK (v > 0)`);
    await run(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS missing`);
    expect(commitInfo(path, 4).operationParameters).toEqual({
      oldColumnPath: "s.a",
      newColumnPath: "s.alpha",
    });
    const schema = await spark().read.format("delta").load(path).schema;
    expect(schema.simpleString()).toBe("struct<id:bigint,part:string,v:int,s:struct<alpha:int>>");
    const v = JSON.parse(metaAt(path, 5).schemaString).fields[2];
    expect(v.metadata).toMatchObject({ comment: "value", "delta.columnMapping.physicalName": "v" });
    expect(metaAt(path, 8).configuration).toEqual({
      "delta.columnMapping.mode": "name",
      "delta.columnMapping.maxColumnId": "7",
      "delta.constraints.positive": "v > 0",
    });
    await expect(run(`ALTER TABLE ${t} ALTER COLUMN v SET NOT NULL`)).rejects.toThrow(
      "ALTER COLUMN supports COMMENT '...' and DROP NOT NULL",
    );
  });
});
