/**
 * repartition / coalesce / repartitionByRange / sortWithinPartitions / hint: rows unchanged on
 * the embedded engine, one file after coalesce(1), Spark Connect's own relations on Spark.
 * Error messages are PySpark 4.0.1's.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRelation } from "../../../src/engine/spark-connect/compiler/relations.js";
import { AnalysisError, functions as F, IllegalArgumentError } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const people = () =>
  spark().createDataFrame(
    [
      { name: "b", x: 2 },
      { name: "a", x: 1 },
      { name: "c", x: 3 },
    ],
    "name STRING, x INT",
  );

function parquetFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".parquet"))
    .map((e) => join(e.parentPath, e.name));
}

describe("partitioning methods", () => {
  it("keep the rows", async () => {
    const df = people();
    const expected = await df.collect();
    for (const moved of [
      df.repartition(3),
      df.repartition(3, "name"),
      df.repartition("name", F.col("x")),
      df.repartitionByRange(2, "x"),
      df.repartitionByRange(F.col("x").desc()),
      df.coalesce(1),
      df.hint("broadcast"),
      df.hint("nosuchhint"),
      df.hint("rebalance", 3),
    ]) {
      expect(await moved.collect()).toEqual(expect.arrayContaining(expected));
      expect(await moved.count()).toBe(3);
    }
  });

  it("sortWithinPartitions sorts the embedded engine's single partition", async () => {
    const rows = await people().sortWithinPartitions(F.col("x").desc()).collect();
    expect(rows.map((r) => r.x)).toEqual([3, 2, 1]);
  });

  it("refuses a partition count that is not positive, and range partitioning by nothing", () => {
    const message = "requirement failed: Number of partitions (0) must be positive.";
    expect(() => people().repartition(0)).toThrow(message);
    expect(() => people().coalesce(0)).toThrow(IllegalArgumentError);
    expect(() => people().repartitionByRange(3)).toThrow(/CANNOT_BE_EMPTY/);
  });

  it("resolves the partition columns", async () => {
    await expect(people().repartition("nope").collect()).rejects.toBeInstanceOf(AnalysisError);
  });

  it("coalesce(1) and repartition(1) write one parquet file, one per partition directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-part-"));
    const rows = spark().range(1000).selectExpr("id", "id % 3 AS k");
    await rows.repartition(4).coalesce(1).write.parquet(join(dir, "a"));
    expect(parquetFiles(join(dir, "a"))).toHaveLength(1);
    await rows.repartition(1).withColumn("y", F.col("id")).write.parquet(join(dir, "b"));
    expect(parquetFiles(join(dir, "b"))).toHaveLength(1);
    await rows.coalesce(1).write.partitionBy("k").parquet(join(dir, "c"));
    const perDir = ["k=0", "k=1", "k=2"].map((k) => parquetFiles(join(dir, "c", k)).length);
    expect(perDir).toEqual([1, 1, 1]);
    expect(await spark().read.parquet(join(dir, "a")).count()).toBe(1000);
    await rows.coalesce(1).write.format("delta").save(join(dir, "d"));
    expect(parquetFiles(join(dir, "d"))).toHaveLength(1);
    expect(await spark().read.format("delta").load(join(dir, "d")).count()).toBe(1000);
  });
});

describe("partitioning methods on Spark Connect", () => {
  it("compile to Repartition, RepartitionByExpression, Hint and a local Sort", () => {
    const df = people();
    const rel = (d: ReturnType<typeof people>) => compileRelation(d.plan).relType;
    const rep = rel(df.repartition(8));
    expect(rep?.case).toBe("repartition");
    if (rep?.case === "repartition") {
      expect(rep.value.numPartitions).toBe(8);
      expect(rep.value.shuffle).toBe(true);
    }
    const coal = rel(df.coalesce(2));
    expect(coal?.case === "repartition" ? coal.value.shuffle : undefined).toBe(false);
    const byCols = rel(df.repartition(4, "name"));
    expect(byCols?.case).toBe("repartitionByExpression");
    if (byCols?.case === "repartitionByExpression") {
      expect(byCols.value.numPartitions).toBe(4);
      expect(byCols.value.partitionExprs).toHaveLength(1);
    }
    const range = rel(df.repartitionByRange("x"));
    if (range?.case !== "repartitionByExpression") throw new Error(String(range?.case));
    expect(range.value.partitionExprs?.[0]?.exprType?.case).toBe("sortOrder");
    expect(range.value.numPartitions).toBeUndefined();
    const hint = rel(df.hint("broadcast"));
    expect(hint?.case === "hint" ? hint.value.name : undefined).toBe("broadcast");
    const local = rel(df.sortWithinPartitions("x"));
    expect(local?.case === "sort" ? local.value.isGlobal : undefined).toBe(false);
  });
});
