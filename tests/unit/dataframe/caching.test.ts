/** cache / persist / unpersist / storageLevel / localCheckpoint; levels' text is PySpark 4.0.1's. */
import { describe, expect, it } from "vitest";
import { functions as F, StorageLevel } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

describe("cache and persist", () => {
  it("mark the DataFrame itself with Spark's storage levels, and unpersist clears it", () => {
    const df = spark().range(3);
    expect(String(df.storageLevel)).toBe("Serialized 1x Replicated");
    expect(df.is_cached).toBe(false);
    const cached = df.cache();
    expect(cached).toBe(df);
    expect(String(df.storageLevel)).toBe("Disk Memory Deserialized 1x Replicated");
    expect(df.is_cached).toBe(true);
    df.unpersist();
    expect(df.is_cached).toBe(false);
    expect(String(df.persist(StorageLevel.DISK_ONLY).storageLevel)).toBe(
      "Disk Serialized 1x Replicated",
    );
    expect(df.filter("id > 0").is_cached).toBe(false);
    df.unpersist();
  });

  it("leave the rows as they are", async () => {
    const df = spark().range(5);
    expect(await df.cache().count()).toBe(5);
    df.unpersist();
  });
});

describe("localCheckpoint", () => {
  it("computes once: rand() values stay the same across actions", async () => {
    const df = spark()
      .createDataFrame(
        [
          [1, "a", 1.5, "2024-01-02"],
          [2, null, null, null],
        ],
        "id int, s string, d double, day string",
      )
      .withColumn("day", F.to_date(F.col("day")))
      .withColumn("r", F.rand());
    const frozen = await df.localCheckpoint();
    expect((await frozen.schema).simpleString()).toBe(
      "struct<id:int,s:string,d:double,day:date,r:double>",
    );
    const first = await frozen.collect();
    expect(await frozen.collect()).toEqual(first);
    expect(first.map((r) => r.s)).toEqual(["a", null]);
    expect(await (await df.checkpoint()).count()).toBe(2);
  });
});
