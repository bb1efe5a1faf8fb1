import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AnalysisError, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();
const out = (): string => join(mkdtempSync(join(tmpdir(), "trib-w-")), "t");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("file writers", () => {
  const df = () =>
    spark().createDataFrame(
      [{ id: 1, day: "2024-01-02", ts: new Date("2024-01-02T03:04:05.678Z"), p: "a b", n: null }],
      "id INT, day DATE, ts TIMESTAMP, p STRING, n STRING",
    );

  it("csv: Spark's default date and timestamp text, header on request, nulls empty", async () => {
    const path = out();
    await df().write.option("header", true).csv(path);
    const file = filesUnder(path).find((f) => f.endsWith(".csv")) ?? "";
    expect(readFileSync(file, "utf8")).toBe(
      "id,day,ts,p,n\n1,2024-01-02,2024-01-02T03:04:05.678Z,a b,\n",
    );
    const back = await spark()
      .read.option("header", true)
      .option("inferSchema", true)
      .csv(path)
      .first();
    expect(back).toMatchObject({ id: 1, day: "2024-01-02", p: "a b", n: null });
  });

  it("csv: custom formats and separators", async () => {
    const path = out();
    await df()
      .write.options({
        header: false,
        sep: ";",
        dateFormat: "dd/MM/yyyy",
        timestampFormat: "yyyy-MM-dd HH:mm",
      })
      .csv(path);
    const file = filesUnder(path).find((f) => f.endsWith(".csv")) ?? "";
    expect(readFileSync(file, "utf8")).toBe("1;02/01/2024;2024-01-02 03:04;a b;\n");
  });

  it("json lines round-trip", async () => {
    const path = out();
    await df().write.json(path);
    const back = await spark()
      .read.schema("id INT, day DATE, ts TIMESTAMP, p STRING, n STRING")
      .json(path)
      .first();
    expect(back).toEqual({
      id: 1,
      day: "2024-01-02",
      ts: new Date("2024-01-02T03:04:05.678Z"),
      p: "a b",
      n: null,
    });
  });

  it("parquet partitioned: Hive-style escaped directories, partition columns read back", async () => {
    const path = out();
    const res = await df().write.partitionBy("p").parquet(path);
    expect(res.files).toHaveLength(1);
    expect(res.files[0]?.partitionValues).toEqual({ p: "a b" });
    expect(readdirSync(path).sort()).toEqual(["_SUCCESS", "p=a%20b"]);
    expect(await spark().read.parquet(path).select("id", "p").first()).toEqual({ id: 1, p: "a b" });
  });

  it("modes: error (default) names the path; ignore; append; overwrite", async () => {
    const path = out();
    await df().write.parquet(path);
    const err = (await df()
      .write.parquet(path)
      .catch((e: unknown) => e)) as AnalysisError;
    expect(err.code).toBe("PATH_ALREADY_EXISTS");
    expect(err.message).toContain(path);
    expect((await df().write.mode("ignore").parquet(path)).written).toBe(false);
    await df().write.mode("append").parquet(path);
    expect(await spark().read.parquet(path).count()).toBe(2);
    await df().write.mode("overwrite").parquet(path);
    expect(await spark().read.parquet(path).count()).toBe(1);
  });

  it("partitioned append: new partitions move in whole, existing ones gain files", async () => {
    const path = out();
    const rows = (ps: string[]) =>
      spark().createDataFrame(
        ps.map((p, id) => ({ id, p })),
        "id INT, p STRING",
      );
    await rows(["a", "b"]).write.partitionBy("p").parquet(path);
    const res = await rows(["b", "c", "c"]).write.mode("append").partitionBy("p").parquet(path);
    expect(res.files.map((f) => f.partitionValues.p).sort()).toEqual(["b", "c"]);
    for (const f of res.files) expect(filesUnder(path)).toContain(f.path);
    expect(readdirSync(path).sort()).toEqual(["_SUCCESS", "p=a", "p=b", "p=c"]);
    expect(readdirSync(join(path, "p=b"))).toHaveLength(2);
    const counts = await spark().read.parquet(path).groupBy("p").count().orderBy("p").collect();
    expect(counts).toEqual([
      { p: "a", count: 1n },
      { p: "b", count: 2n },
      { p: "c", count: 2n },
    ]);
  });

  it("a failed write leaves the target as it was", async () => {
    const path = out();
    await df().write.parquet(path);
    const before = filesUnder(path).sort();
    const failing = df().select(F.col("id"), F.col("id").alias("ID"));
    await expect(failing.write.mode("overwrite").parquet(path)).rejects.toThrow(/more than once/);
    expect(filesUnder(path).sort()).toEqual(before);
  });

  it("unknown save modes and codecs are clear errors", async () => {
    expect(() => df().write.mode("upsert")).toThrow(/Unknown save mode: upsert/);
    await expect(df().write.option("compression", "lzma").parquet(out())).rejects.toThrow(
      /Unknown parquet compression codec 'lzma'/,
    );
  });
  // Checked against PySpark 4.0.1 + delta-spark 4.0.1: Parquet and CSV refuse a void
  // column, JSON leaves it out, Delta keeps it in the schema and leaves it out of reads.
  it("an untyped NULL column: Parquet and CSV refuse it by name, Delta reads leave it out", async () => {
    const voids = () => spark().sql("SELECT 1 AS a, NULL AS v");
    const parquet = out();
    const err = await voids()
      .write.parquet(parquet)
      .catch((e: AnalysisError) => e);
    expect(err).toMatchObject({ code: "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE" });
    expect((err as Error).message).toBe(
      'The Parquet datasource doesn\'t support the column `v` of the type "VOID".',
    );
    await expect(spark().sql("SELECT 1 AS a, array(NULL) AS v").write.csv(out())).rejects.toThrow(
      'The CSV datasource doesn\'t support the column `v` of the type "ARRAY<VOID>".',
    );
    const json = out();
    await voids().write.json(json);
    expect((await spark().read.json(json).schema).simpleString()).toBe("struct<a:bigint>");
    const delta = out();
    await voids().write.format("delta").save(delta);
    await spark().sql("SELECT 2 AS a, NULL AS v").write.format("delta").mode("append").save(delta);
    const back = spark().read.format("delta").load(delta);
    expect((await back.schema).simpleString()).toBe("struct<a:int>");
    expect(await back.orderBy("a").collect()).toEqual([{ a: 1 }, { a: 2 }]);
    const log = readFileSync(join(delta, "_delta_log", "00000000000000000000.json"), "utf8");
    const meta = log
      .split("\n")
      .filter((l) => l.includes('"metaData"'))
      .map((l) => JSON.parse(l).metaData.schemaString as string)[0];
    expect(JSON.parse(meta ?? "{}").fields[1]).toMatchObject({ name: "v", type: "void" });
  });
});
