/**
 * Writing column-mapped tables as delta-spark 4.0.1 does (checked with it): `name` mode alone
 * is protocol (2,7) with writer features columnMapping, appendOnly, invariants; every field,
 * nested ones too, gets an id and a `col-<uuid>` physical name; data files use physical names
 * and Parquet field ids; partition values and stats are keyed by physical names; appends,
 * overwrites, DELETE, UPDATE, MERGE and OPTIMIZE keep doing so.
 */
import { readdirSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { actionsOf, commit, sorted, tmpTable } from "./helpers.js";

const spark = useSpark();

type Field = { name: string; metadata: Record<string, unknown>; type: unknown };

function schemaOf(path: string, version: number): Field[] {
  const meta = commit(path, version).find((a) => "metaData" in a)?.metaData;
  return (JSON.parse(String(meta?.schemaString)) as { fields: Field[] }).fields;
}

async function parquetFieldIds(file: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const r = await c.runAndReadAll(
    `SELECT name, field_id FROM parquet_schema('${file.replaceAll("'", "''")}') WHERE field_id IS NOT NULL`,
  );
  c.closeSync();
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

// createDataFrame takes no struct values: rows with a struct column come from SQL.
const S = "CAST(NULL AS STRUCT<a: INT, b: STRING>)";
const rows = (sql: string) => spark().sql(sql);

async function mappedTable(mode: "name" | "id"): Promise<string> {
  const path = tmpTable();
  await rows(
    `SELECT CAST(1 AS BIGINT) AS id, 'x' AS part, named_struct('a', 1, 'b', 'q') AS s UNION ALL SELECT CAST(2 AS BIGINT), 'y', ${S}`,
  )
    .write.format("delta")
    .partitionBy("part")
    .option("delta.columnMapping.mode", mode)
    .save(path);
  return path;
}

describe("column mapping writes", () => {
  it("creates a name-mode table with ids, physical names, field ids and physical keys", async () => {
    const path = await mappedTable("name");
    const v0 = commit(path, 0);
    expect(v0.find((a) => "protocol" in a)?.protocol).toEqual({
      minReaderVersion: 2,
      minWriterVersion: 7,
      writerFeatures: ["columnMapping", "appendOnly", "invariants"],
    });
    const meta = v0.find((a) => "metaData" in a)?.metaData as Record<string, unknown>;
    expect(meta.configuration).toEqual({
      "delta.columnMapping.mode": "name",
      "delta.columnMapping.maxColumnId": "5",
    });
    const fields = schemaOf(path, 0);
    // Ids as delta-spark gives them: each field before its children.
    expect(fields.map((f) => f.metadata["delta.columnMapping.id"])).toEqual([1, 2, 3]);
    const nested = ((fields[2]?.type ?? { fields: [] }) as { fields: Field[] }).fields;
    expect(nested.map((f) => f.metadata["delta.columnMapping.id"])).toEqual([4, 5]);
    const phys = (f: Field | undefined) => String(f?.metadata["delta.columnMapping.physicalName"]);
    for (const f of [...fields, ...nested]) expect(phys(f)).toMatch(/^col-[0-9a-f-]{36}$/);
    const adds = actionsOf(path, 0, "add");
    const x = adds.find((a) => JSON.stringify(a.partitionValues).includes('"x"'));
    expect(x?.partitionValues).toEqual({ [phys(fields[1])]: "x" });
    expect(String(x?.path)).toMatch(new RegExp(`^${phys(fields[1])}=x/`));
    const stats = JSON.parse(String(x?.stats)) as Record<string, Record<string, unknown>>;
    expect(stats.minValues).toEqual({
      [phys(fields[0])]: 1,
      [phys(fields[2])]: { [phys(nested[0])]: 1, [phys(nested[1])]: "q" },
    });
    const dir = `${path}/${phys(fields[1])}=x`;
    const file = readdirSync(dir).find((n) => n.endsWith(".parquet"));
    expect(await parquetFieldIds(`${dir}/${file}`)).toEqual([
      { name: phys(fields[0]), field_id: "1" },
      { name: phys(fields[2]), field_id: "3" },
      { name: phys(nested[0]), field_id: "4" },
      { name: phys(nested[1]), field_id: "5" },
    ]);
    const df = spark().read.format("delta").load(path);
    expect((await df.schema).simpleString()).toBe(
      "struct<id:bigint,part:string,s:struct<a:int,b:string>>",
    );
    expect(await sorted(df)).toEqual([
      { id: 1n, part: "x", s: { a: 1, b: "q" } },
      { id: 2n, part: "y", s: null },
    ]);
  });

  it("dynamic partition overwrite and OPTIMIZE group files by physical partition keys", async () => {
    const path = await mappedTable("name");
    await rows(`SELECT CAST(5 AS BIGINT) AS id, 'x' AS part, ${S} AS s`)
      .write.format("delta")
      .mode("overwrite")
      .option("partitionOverwriteMode", "dynamic")
      .save(path);
    const df = () => spark().read.format("delta").load(path);
    expect(await sorted(df())).toEqual([
      { id: 2n, part: "y", s: null },
      { id: 5n, part: "x", s: null },
    ]);
    await rows(`SELECT CAST(6 AS BIGINT) AS id, 'x' AS part, ${S} AS s`)
      .write.format("delta")
      .mode("append")
      .save(path);
    const t = await DeltaTable.forPath(spark(), path);
    await t.optimize().executeCompaction();
    // Two files in partition x became one; y's single file is left alone.
    expect(actionsOf(path, 3, "add")).toHaveLength(1);
    expect(actionsOf(path, 3, "remove")).toHaveLength(2);
    expect((await df().collect()).length).toBe(3);
  });

  it("id mode: appends, mergeSchema, overwrite and every table command keep the mapping", async () => {
    const path = await mappedTable("id");
    expect(commit(path, 0).find((a) => "protocol" in a)?.protocol).toEqual({
      minReaderVersion: 2,
      minWriterVersion: 7,
      writerFeatures: ["columnMapping", "appendOnly", "invariants"],
    });
    await rows(
      "SELECT CAST(3 AS BIGINT) AS id, 'x' AS part, named_struct('a', 3, 'b', 'r') AS s, 9 AS `new col`",
    )
      .write.format("delta")
      .mode("append")
      .option("mergeSchema", true)
      .save(path);
    const fields = schemaOf(path, 1);
    expect(fields.map((f) => f.name)).toEqual(["id", "part", "s", "new col"]);
    expect(fields[3]?.metadata["delta.columnMapping.id"]).toBe(6);
    const meta = commit(path, 1).find((a) => "metaData" in a)?.metaData as Record<string, unknown>;
    expect(meta.configuration).toMatchObject({ "delta.columnMapping.maxColumnId": "6" });
    const t = await DeltaTable.forPath(spark(), path);
    await t.update("id = 1", { "new col": "42" });
    await t.delete("id = 2");
    const source = spark().createDataFrame(
      [
        { id: 3, v: 30 },
        { id: 5, v: 50 },
      ],
      "id BIGINT, v INT",
    );
    await t
      .alias("t")
      .merge(source.alias("u"), "t.id = u.id")
      .whenMatchedUpdate({ set: { "new col": "u.v" } })
      .whenNotMatchedInsert({ values: { id: "u.id", part: "'z'", "new col": "u.v" } })
      .execute();
    await t.optimize().executeCompaction();
    const df = spark().read.format("delta").load(path);
    expect(await sorted(df)).toEqual([
      { id: 1n, part: "x", s: { a: 1, b: "q" }, "new col": 42 },
      { id: 3n, part: "x", s: { a: 3, b: "r" }, "new col": 30 },
      { id: 5n, part: "z", s: null, "new col": 50 },
    ]);
    // Every live file is keyed by physical names.
    const partPhys = String(fields[1]?.metadata["delta.columnMapping.physicalName"]);
    const snapshotFiles = (await t.detail()).collect();
    expect((await snapshotFiles)[0]?.numFiles).toBeGreaterThan(0);
    for (let v = 2; v <= 5; v++)
      for (const a of actionsOf(path, v, "add"))
        expect(Object.keys(a.partitionValues as object)).toEqual([partPhys]);
    await rows(`SELECT CAST(9 AS BIGINT) AS id, 'w' AS part, ${S} AS s, 1 AS \`new col\``)
      .write.format("delta")
      .mode("overwrite")
      .save(path);
    expect(await sorted(spark().read.format("delta").load(path))).toEqual([
      { id: 9n, part: "w", s: null, "new col": 1 },
    ]);
  });

  it("nested arrays and maps of structs: physical names and field ids all the way down", async () => {
    const path = tmpTable();
    await rows(
      "SELECT 1 AS id, array(array(named_struct('x', 1))) AS aa, map('k', named_struct('y', CAST(1.5 AS DOUBLE))) AS m, array(2, 3) AS plain",
    )
      .write.format("delta")
      .option("delta.columnMapping.mode", "name")
      .save(path);
    const fields = schemaOf(path, 0);
    const phys = (f: { metadata: Record<string, unknown> } | undefined) =>
      String(f?.metadata["delta.columnMapping.physicalName"]);
    const aa = fields[1]?.type as { elementType: { elementType: { fields: Field[] } } };
    const m = fields[2]?.type as { valueType: { fields: Field[] } };
    const x = aa.elementType.elementType.fields[0];
    const y = m.valueType.fields[0];
    const file = readdirSync(path).find((n) => n.endsWith(".parquet"));
    const ids = await parquetFieldIds(`${path}/${file}`);
    expect(ids).toEqual([
      { name: phys(fields[0]), field_id: "1" },
      { name: phys(fields[1]), field_id: "2" },
      { name: phys(x), field_id: String(x?.metadata["delta.columnMapping.id"]) },
      { name: phys(fields[2]), field_id: "4" },
      { name: phys(y), field_id: String(y?.metadata["delta.columnMapping.id"]) },
      { name: phys(fields[3]), field_id: "6" },
    ]);
    expect(await spark().read.format("delta").load(path).collect()).toEqual([
      { id: 1, aa: [[{ x: 1 }]], m: new Map([["k", { y: 1.5 }]]), plain: [2, 3] },
    ]);
  });
});
