/**
 * The change data feed on the Spark engine: the reader options (readChangeFeed,
 * startingVersion, endingVersion) go through Spark Connect to delta-spark, which answers; the
 * embedded engine reads the same table's feed identically.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { type Row, SparkSession } from "../../src/index.js";

const tuples = (rows: readonly Row[]) =>
  rows
    .map((r) => [Number(r.id), r.v, r._change_type, Number(r._commit_version)])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("change data feed on the Spark engine", () => {
  it("passes readChangeFeed to delta-spark; the embedded engine reads the same feed", async () => {
    const spark = await SparkSession.builder()
      .remote(inject("sparkConnectUrl"))
      .config("spark.sql.session.timeZone", "UTC")
      .create();
    const path = join(mkdtempSync(join(tmpdir(), "trib-spark-cdf-")), "t");
    let theirs: Row[];
    try {
      await spark
        .createDataFrame(
          [
            { id: 1, v: "a" },
            { id: 2, v: "b" },
          ],
          "id INT, v STRING",
        )
        .write.format("delta")
        .option("delta.enableChangeDataFeed", "true")
        .save(path);
      await spark.sqlCommand(`UPDATE delta.\`${path}\` SET v = 'bb' WHERE id = 2`);
      theirs = await spark.read
        .format("delta")
        .option("readChangeFeed", true)
        .option("startingVersion", 1)
        .option("endingVersion", 1)
        .load(path)
        .collect();
    } finally {
      await spark.stop();
    }
    expect(tuples(theirs)).toEqual([
      [2, "b", "update_preimage", 1],
      [2, "bb", "update_postimage", 1],
    ]);
    const local = await SparkSession.builder().master("local[1]").create();
    try {
      const ours = await local.read
        .format("delta")
        .option("readChangeFeed", true)
        .option("startingVersion", 1)
        .option("endingVersion", 1)
        .load(path)
        .collect();
      expect(tuples(ours)).toEqual(tuples(theirs));
    } finally {
      await local.stop();
    }
  }, 300_000);
});
