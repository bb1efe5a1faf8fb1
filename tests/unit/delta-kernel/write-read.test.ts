import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Decimal, DeltaError, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();
const tmp = (): string => mkdtempSync(join(tmpdir(), "trib-delta-"));

function commitJson(path: string, version: number): Record<string, unknown>[] {
  const text = readFileSync(
    join(path, "_delta_log", `${String(version).padStart(20, "0")}.json`),
    "utf8",
  );
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("Delta write and read", () => {
  it("round-trips every common type with partitions by date, special strings and nulls", async () => {
    const path = join(tmp(), "t");
    const df = spark().createDataFrame(
      [
        {
          i: 1,
          l: 9007199254740993n,
          d: 1.5,
          m: Decimal.parse("12345678901234.56"),
          s: "a b/c%d=e",
          day: "2024-01-01",
          ts: new Date("2024-01-01T10:00:00Z"),
          b: true,
          arr: [1, 2],
          p: "x",
        },
        {
          i: null,
          l: null,
          d: null,
          m: null,
          s: null,
          day: null,
          ts: null,
          b: null,
          arr: null,
          p: null,
        },
      ],
      "i INT, l BIGINT, d DOUBLE, m DECIMAL(20,2), s STRING, day DATE, ts TIMESTAMP, b BOOLEAN, arr ARRAY<INT>, p STRING",
    );
    const res = await df.write.format("delta").partitionBy("day", "p").save(path);
    expect(res.version).toBe(0);
    const rows = await spark().read.format("delta").load(path).orderBy("i").collect();
    expect(rows[1]).toEqual({
      i: 1,
      l: 9007199254740993n,
      d: 1.5,
      m: Decimal.parse("12345678901234.56"),
      s: "a b/c%d=e",
      day: "2024-01-01",
      ts: new Date("2024-01-01T10:00:00Z"),
      b: true,
      arr: [1, 2],
      p: "x",
    });
    expect(rows[0]).toEqual({
      i: null,
      l: null,
      d: null,
      m: null,
      s: null,
      day: null,
      ts: null,
      b: null,
      arr: null,
      p: null,
    });
    expect(await spark().read.format("delta").load(path).columns).toEqual([
      "i",
      "l",
      "d",
      "m",
      "s",
      "day",
      "ts",
      "b",
      "arr",
      "p",
    ]);
  });

  it("writes the protocol, metadata, partition values and exact stats as the protocol says", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame(
        [{ id: 9007199254740993n, name: "x", day: "2024-01-02" }],
        "id BIGINT, name STRING, day DATE",
      )
      .write.format("delta")
      .partitionBy("day")
      .save(path);
    const actions = commitJson(path, 0);
    expect(actions[0]).toHaveProperty("commitInfo.operation", "WRITE");
    expect(actions[1]).toEqual({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } });
    const meta = (actions[2] as { metaData: { partitionColumns: string[]; schemaString: string } })
      .metaData;
    expect(meta.partitionColumns).toEqual(["day"]);
    expect(JSON.parse(meta.schemaString).fields.map((f: { name: string }) => f.name)).toEqual([
      "id",
      "name",
      "day",
    ]);
    const add = (
      actions[3] as {
        add: {
          path: string;
          partitionValues: Record<string, string>;
          stats: string;
          dataChange: boolean;
        };
      }
    ).add;
    expect(add.path).toMatch(/^day=2024-01-02\/part-.*\.parquet$/);
    expect(add.partitionValues).toEqual({ day: "2024-01-02" });
    expect(add.dataChange).toBe(true);
    // The 64-bit id is written exactly (a JS number would round it to ...992).
    expect(add.stats).toBe(
      '{"numRecords":1,"minValues":{"id":9007199254740993,"name":"x"},"maxValues":{"id":9007199254740993,"name":"x"},"nullCount":{"id":0,"name":0}}',
    );
  });

  it("modes: error fails on an existing table, ignore skips, append adds, overwrite replaces", async () => {
    const path = join(tmp(), "t");
    const one = spark().createDataFrame([[1]], "v INT");
    await one.write.format("delta").save(path);
    const err = await one.write
      .format("delta")
      .save(path)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeltaError);
    expect((err as DeltaError).code).toBe("DELTA_PATH_EXISTS");
    expect((await one.write.format("delta").mode("ignore").save(path)).written).toBe(false);
    await one.write.format("delta").mode("append").save(path);
    expect(await spark().read.format("delta").load(path).count()).toBe(2);
    await spark()
      .createDataFrame([[5]], "v INT")
      .write.format("delta")
      .mode("overwrite")
      .save(path);
    expect(await spark().read.format("delta").load(path).collect()).toEqual([{ v: 5 }]);
    expect(await spark().read.format("delta").option("versionAsOf", 1).load(path).count()).toBe(2);
  });

  it("time travels to version 0 (not ignored like the seed's `if version:`)", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1]], "v INT")
      .write.format("delta")
      .save(path);
    await spark()
      .createDataFrame([[2]], "v INT")
      .write.format("delta")
      .mode("append")
      .save(path);
    expect(
      await spark().read.format("delta").option("versionAsOf", 0).load(path).collect(),
    ).toEqual([{ v: 1 }]);
    const err = await spark()
      .read.format("delta")
      .option("versionAsOf", 7)
      .load(path)
      .collect()
      .catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_VERSION_NOT_FOUND");
    expect((err as DeltaError).message).toBe(
      "Cannot time travel Delta table to version 7. Available versions: [0, 1].",
    );
  });

  it("time travels by timestamp with delta-spark's errors outside the log", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1]], "v INT")
      .write.format("delta")
      .save(path);
    await new Promise((r) => setTimeout(r, 30));
    const between = new Date();
    await new Promise((r) => setTimeout(r, 30));
    await spark()
      .createDataFrame([[2]], "v INT")
      .write.format("delta")
      .mode("append")
      .save(path);
    const at = await spark()
      .read.format("delta")
      .option("timestampAsOf", between.toISOString())
      .load(path)
      .collect();
    expect(at).toEqual([{ v: 1 }]);
    const early = await spark()
      .read.format("delta")
      .option("timestampAsOf", "2000-01-01")
      .load(path)
      .collect()
      .catch((e: unknown) => e);
    expect((early as DeltaError).code).toBe("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION");
    const late = await spark()
      .read.format("delta")
      .option("timestampAsOf", "2999-01-01")
      .load(path)
      .collect()
      .catch((e: unknown) => e);
    expect((late as DeltaError).code).toBe("DELTA_TIMESTAMP_GREATER_THAN_COMMIT");
  });

  it("schema: append with a new column fails without mergeSchema and shows both schemas; merges with it", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1]], "a INT")
      .write.format("delta")
      .save(path);
    const wider = spark().createDataFrame([[2, "x"]], "a INT, b STRING");
    const err = (await wider.write
      .format("delta")
      .mode("append")
      .save(path)
      .catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_METADATA_MISMATCH");
    expect(err.message).toContain('.option("mergeSchema", "true")');
    expect(err.message).toContain("Table schema:\nroot\n |-- a: integer");
    expect(err.message).toContain(" |-- b: string");
    await wider.write.format("delta").mode("append").option("mergeSchema", true).save(path);
    expect(await spark().read.format("delta").load(path).orderBy("a").collect()).toEqual([
      { a: 1, b: null },
      { a: 2, b: "x" },
    ]);
  });

  it("schema: an incompatible type fails even with mergeSchema; a narrower type is upcast", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1n]], "a BIGINT")
      .write.format("delta")
      .save(path);
    const bad = (await spark()
      .createDataFrame([["x"]], "a STRING")
      .write.format("delta")
      .mode("append")
      .option("mergeSchema", true)
      .save(path)
      .catch((e: unknown) => e)) as DeltaError;
    expect(bad.code).toBe("DELTA_FAILED_TO_MERGE_FIELDS");
    await spark()
      .createDataFrame([[2]], "a INT")
      .write.format("delta")
      .mode("append")
      .save(path);
    expect(await spark().read.format("delta").load(path).orderBy("a").collect()).toEqual([
      { a: 1n },
      { a: 2n },
    ]);
  });

  it("overwriteSchema replaces schema and partitioning", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1, "a"]], "a INT, p STRING")
      .write.format("delta")
      .partitionBy("p")
      .save(path);
    await spark()
      .createDataFrame([["z"]], "c STRING")
      .write.format("delta")
      .mode("overwrite")
      .option("overwriteSchema", true)
      .save(path);
    expect(await spark().read.format("delta").load(path).collect()).toEqual([{ c: "z" }]);
  });

  it("replaceWhere overwrites only matching rows and checks the new data matches", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame(
        [
          [1, "a"],
          [2, "b"],
          [3, "b"],
        ],
        "v INT, p STRING",
      )
      .write.format("delta")
      .partitionBy("p")
      .save(path);
    await spark()
      .createDataFrame([[20, "b"]], "v INT, p STRING")
      .write.format("delta")
      .mode("overwrite")
      .option("replaceWhere", "p = 'b'")
      .save(path);
    expect(await spark().read.format("delta").load(path).orderBy("v").collect()).toEqual([
      { v: 1, p: "a" },
      { v: 20, p: "b" },
    ]);
    const err = (await spark()
      .createDataFrame([[9, "a"]], "v INT, p STRING")
      .write.format("delta")
      .mode("overwrite")
      .option("replaceWhere", "p = 'b'")
      .save(path)
      .catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_REPLACE_WHERE_MISMATCH");
    // replaceWhere on a data column rewrites the partly matching file.
    await spark()
      .createDataFrame([[100, "a"]], "v INT, p STRING")
      .write.format("delta")
      .mode("overwrite")
      .option("replaceWhere", "v >= 20")
      .save(path);
    expect(await spark().read.format("delta").load(path).orderBy("v").collect()).toEqual([
      { v: 1, p: "a" },
      { v: 100, p: "a" },
    ]);
  });

  it("dynamic partition overwrite replaces only the partitions written", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame(
        [
          [1, "a"],
          [2, "b"],
        ],
        "v INT, p STRING",
      )
      .write.format("delta")
      .partitionBy("p")
      .save(path);
    await spark()
      .createDataFrame([[3, "b"]], "v INT, p STRING")
      .write.format("delta")
      .mode("overwrite")
      .option("partitionOverwriteMode", "dynamic")
      .save(path);
    expect(await spark().read.format("delta").load(path).orderBy("v").collect()).toEqual([
      { v: 1, p: "a" },
      { v: 3, p: "b" },
    ]);
  });

  it("idempotent writes: a retried batch with the same txnAppId/txnVersion is not written twice", async () => {
    const path = join(tmp(), "t");
    const batch = spark().createDataFrame([[1]], "v INT");
    const w = () =>
      batch.write
        .format("delta")
        .mode("append")
        .option("txnAppId", "ingest")
        .option("txnVersion", 7)
        .save(path);
    expect((await w()).version).toBe(0);
    expect((await w()).written).toBe(false);
    expect(await spark().read.format("delta").load(path).count()).toBe(1);
  });

  it("userMetadata and operation metrics go into commitInfo", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1], [2]], "v INT")
      .write.format("delta")
      .option("userMetadata", "batch 42")
      .save(path);
    const info = commitJson(path, 0)[0] as {
      commitInfo: {
        userMetadata: string;
        operationMetrics: Record<string, string>;
        engineInfo: string;
      };
    };
    expect(info.commitInfo.userMetadata).toBe("batch 42");
    expect(info.commitInfo.operationMetrics.numOutputRows).toBe("2");
    expect(info.commitInfo.engineInfo).toMatch(/^tributary\//);
  });

  it("refuses column names Delta cannot store without column mapping", async () => {
    const err = (await spark()
      .createDataFrame([[1]], "`a b` INT")
      .write.format("delta")
      .save(join(tmp(), "t"))
      .catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_INVALID_CHARACTERS_IN_COLUMN_NAMES");
  });

  it("prunes partitions and skips files by stats for filters", async () => {
    const path = join(tmp(), "t");
    const days = Array.from({ length: 10 }, (_, i) => ({
      v: i,
      day: `2024-01-${String(i + 1).padStart(2, "0")}`,
    }));
    await spark()
      .createDataFrame(days, "v INT, day DATE")
      .write.format("delta")
      .partitionBy("day")
      .save(path);
    const oneDay = spark().read.format("delta").load(path).filter(F.col("day").eq("2024-01-05"));
    expect(await oneDay.collect()).toEqual([{ v: 4, day: "2024-01-05" }]);
    expect(oneDay.inputMetrics()[0]).toMatchObject({ filesRead: 1, filesSkipped: 9 });
    const byStats = spark().read.format("delta").load(path).filter("v > 7");
    expect((await byStats.collect()).length).toBe(2);
    expect(byStats.inputMetrics()[0]).toMatchObject({ filesRead: 2, filesSkipped: 8 });
  });
});

describe("checkpoints and log recovery", () => {
  it("checkpoints every delta.checkpointInterval commits and reads through it", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[0]], "v INT")
      .write.format("delta")
      .option("delta.checkpointInterval", "3")
      .save(path);
    for (let i = 1; i <= 7; i++)
      await spark()
        .createDataFrame([[i]], "v INT")
        .write.format("delta")
        .mode("append")
        .save(path);
    const log = readdirSync(join(path, "_delta_log"));
    expect(log).toContain("00000000000000000003.checkpoint.parquet");
    expect(log).toContain("00000000000000000006.checkpoint.parquet");
    expect(
      JSON.parse(readFileSync(join(path, "_delta_log", "_last_checkpoint"), "utf8")),
    ).toMatchObject({ version: 6, numOfAddFiles: 7 });
    expect(await spark().read.format("delta").load(path).count()).toBe(8);
    expect(await spark().read.format("delta").option("versionAsOf", 4).load(path).count()).toBe(5);
    // Without the commits before the checkpoint the table still reads.
    for (let v = 0; v < 6; v++)
      rmSync(join(path, "_delta_log", `${String(v).padStart(20, "0")}.json`));
    expect(await spark().read.format("delta").load(path).count()).toBe(8);
    const gone = (await spark()
      .read.format("delta")
      .option("versionAsOf", 2)
      .load(path)
      .collect()
      .catch((e: unknown) => e)) as DeltaError;
    expect(gone.message).toBe(
      "Cannot time travel Delta table to version 2. Available versions: [3, 7].",
    );
  });

  it("a dangling _last_checkpoint is only a hint: the listing decides", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1]], "v INT")
      .write.format("delta")
      .save(path);
    writeFileSync(
      join(path, "_delta_log", "_last_checkpoint"),
      JSON.stringify({ version: 99, size: 3 }),
    );
    expect(await spark().read.format("delta").load(path).count()).toBe(1);
  });

  it("a truncated commit is reported with the file and line, not read wrongly", async () => {
    const path = join(tmp(), "t");
    await spark()
      .createDataFrame([[1]], "v INT")
      .write.format("delta")
      .save(path);
    await spark()
      .createDataFrame([[2]], "v INT")
      .write.format("delta")
      .mode("append")
      .save(path);
    const last = join(path, "_delta_log", "00000000000000000001.json");
    const text = readFileSync(last, "utf8");
    writeFileSync(last, text.slice(0, text.length - 20));
    const err = (await spark()
      .read.format("delta")
      .load(path)
      .collect()
      .catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_CORRUPT_LOG");
    expect(err.message).toContain("00000000000000000001.json");
    expect(await spark().read.format("delta").option("versionAsOf", 0).load(path).count()).toBe(1);
  });

  it("a missing commit in the middle is reported as a gap", async () => {
    const path = join(tmp(), "t");
    for (let i = 0; i < 3; i++)
      await spark()
        .createDataFrame([[i]], "v INT")
        .write.format("delta")
        .mode("append")
        .save(path);
    rmSync(join(path, "_delta_log", "00000000000000000001.json"));
    const err = (await spark()
      .read.format("delta")
      .load(path)
      .collect()
      .catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_VERSIONS_NOT_CONTIGUOUS");
  });

  it("a path without a Delta log is not a Delta table", async () => {
    const err = (await spark()
      .read.format("delta")
      .load(tmp())
      .collect()
      .catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_TABLE_NOT_FOUND");
  });
});
