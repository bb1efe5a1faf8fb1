/**
 * JSON written and read back as Spark 4.0.1 does: every expected text and value below was
 * produced by PySpark 4.0.1 (session time zone UTC) writing and reading the same rows.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DataFrame } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();
const dir = mkdtempSync(join(tmpdir(), "tributary-json-write-"));

function sample(): DataFrame {
  return spark()
    .range(1)
    .selectExpr(
      "1 AS i",
      "'x' AS s",
      "CAST(NULL AS STRING) AS n",
      "CAST(1.50 AS DECIMAL(5,2)) AS d",
      "TIMESTAMP'2024-01-02 03:04:05.123456' AS t",
      "DATE'2024-01-02' AS dt",
      "array(1, NULL) AS arr",
      "map('k', 1) AS m",
      "named_struct('a', 1, 'b', CAST(NULL AS STRING)) AS st",
      "1.0D AS f",
      "CAST('NaN' AS DOUBLE) AS nan",
    );
}

function written(path: string): string {
  return readdirSync(path)
    .filter((f) => f.endsWith(".json"))
    .map((f) => readFileSync(join(path, f), "utf8"))
    .join("");
}

describe("JSON writer", () => {
  it("writes what Spark writes: null fields left out, decimal scale kept, NaN as a string", async () => {
    const path = join(dir, "plain");
    await sample().write.json(path);
    expect(written(path)).toBe(
      '{"i":1,"s":"x","d":1.50,"t":"2024-01-02T03:04:05.123Z","dt":"2024-01-02","arr":[1,null],"m":{"k":1},"st":{"a":1},"f":1.0,"nan":"NaN"}\n',
    );
  });

  it("keeps null fields with ignoreNullFields=false", async () => {
    const path = join(dir, "nulls");
    await sample().write.option("ignoreNullFields", "false").json(path);
    expect(written(path)).toBe(
      '{"i":1,"s":"x","n":null,"d":1.50,"t":"2024-01-02T03:04:05.123Z","dt":"2024-01-02","arr":[1,null],"m":{"k":1},"st":{"a":1,"b":null},"f":1.0,"nan":"NaN"}\n',
    );
  });

  it("reads its output back with Spark's inferred schema", async () => {
    const path = join(dir, "roundtrip");
    await sample().write.json(path);
    const back = spark().read.json(path);
    expect((await back.schema).simpleString()).toBe(
      "struct<arr:array<bigint>,d:double,dt:string,f:double,i:bigint,m:struct<k:bigint>,nan:string,s:string,st:struct<a:bigint>,t:string>",
    );
    const [row] = await back.collect();
    expect(row).toMatchObject({
      d: 1.5,
      dt: "2024-01-02",
      nan: "NaN",
      s: "x",
      t: "2024-01-02T03:04:05.123Z",
    });
  });

  it("reads partitioned output back, partition columns last and typed", async () => {
    const path = join(dir, "part");
    await spark()
      .createDataFrame(
        [
          { x: 1, p: "a" },
          { x: 2, p: "b" },
          { x: 3, p: null },
        ],
        "x INT, p STRING",
      )
      .write.partitionBy("p")
      .json(path);
    const back = spark().read.json(path);
    expect((await back.schema).simpleString()).toBe("struct<x:bigint,p:string>");
    const rows = (await back.collect()).map((r) => [Number(r.x), r.p]);
    expect(rows.sort()).toEqual([
      [1, "a"],
      [2, "b"],
      [3, null],
    ]);
  });

  it("infers partition column types as Spark does (bigint, date, double)", async () => {
    const path = join(dir, "part-types");
    await spark()
      .createDataFrame(
        [
          { x: 1, q: 1n, d: "2020-01-01", f: 1.5 },
          { x: 2, q: 3000000000n, d: "2020-01-02", f: 2.0 },
        ],
        "x INT, q BIGINT, d STRING, f DOUBLE",
      )
      .write.partitionBy("q", "d", "f")
      .json(path);
    const back = spark().read.json(path);
    expect((await back.schema).simpleString()).toBe("struct<x:bigint,q:bigint,d:date,f:double>");
    const rows = (await back.collect()).map((r) => [Number(r.x), Number(r.q), r.d, r.f]);
    expect(rows.sort()).toEqual([
      [1, 1, "2020-01-01", 1.5],
      [2, 3000000000, "2020-01-02", 2],
    ]);
  });
});
