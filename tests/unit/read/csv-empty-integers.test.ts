import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";

let spark: SparkSession;
let csv: string;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").create();
  csv = join(mkdtempSync(join(tmpdir(), "trib-empty-int-")), "in.csv");
  writeFileSync(csv, "id,i,s,b\n1,5,6,7\n2,,,\n3,-7,8,9\n");
});
afterAll(async () => spark.stop());

describe("CSV: an empty field in an integer column is null, as in Spark", () => {
  it("with a user schema, in every mode", async () => {
    for (const mode of ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"]) {
      const rows = await spark.read
        .schema("id INT, i INT, s SMALLINT, b TINYINT")
        .option("header", true)
        .option("mode", mode)
        .csv(csv)
        .collect();
      expect(rows, mode).toEqual([
        { id: 1, i: 5, s: 6, b: 7 },
        { id: 2, i: null, s: null, b: null },
        { id: 3, i: -7, s: 8, b: 9 },
      ]);
    }
  });

  it("with inferSchema", async () => {
    const df = spark.read.option("header", true).option("inferSchema", true).csv(csv);
    expect(await df.dtypes).toEqual([
      ["id", "int"],
      ["i", "int"],
      ["s", "int"],
      ["b", "int"],
    ]);
    expect((await df.collect())[1]).toEqual({ id: 2, i: null, s: null, b: null });
  });

  it("a fraction in an integer column is still malformed (FAILFAST names it)", async () => {
    const bad = join(mkdtempSync(join(tmpdir(), "trib-empty-int-")), "bad.csv");
    writeFileSync(bad, "id,i\n1,\n2,5.5\n");
    await expect(
      spark.read
        .schema("id INT, i INT")
        .option("header", true)
        .option("mode", "FAILFAST")
        .csv(bad)
        .collect(),
    ).rejects.toThrow(/5\.5/);
  });
});
