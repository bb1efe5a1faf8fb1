/**
 * A delta extension that is present but does not load (a build for another DuckDB, a damaged
 * file) must not cost rows: reads of tables with deletion vectors take the join path, and the
 * session says why once, so a slow read has a reason in the log.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeltaTable, SparkSession } from "../../../../src/index.js";
import { configureLogging, MemoryAppender, resetLogging } from "../../../../src/logging/index.js";

let logs: MemoryAppender;
beforeAll(async () => {
  logs = new MemoryAppender();
  await configureLogging({ appenders: [logs] });
});
afterAll(() => resetLogging());

describe("a delta extension that fails to load", () => {
  it("reads the same rows by the join path and warns once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-badext-"));
    const platform = join(dir, "extensions", "v1.5.5", "linux_amd64");
    mkdirSync(platform, { recursive: true });
    writeFileSync(join(platform, "delta.duckdb_extension"), "not a shared library");
    const spark = await SparkSession.builder()
      .config("spark.tributary.duckdb.extensionDirectory", join(dir, "extensions"))
      .create();
    try {
      const path = join(dir, "t");
      const rows = Array.from({ length: 100 }, (_, i) => ({ id: i }));
      await spark
        .createDataFrame(rows, "id INT")
        .write.format("delta")
        .option("delta.enableDeletionVectors", "true")
        .save(path);
      await (await DeltaTable.forPath(spark, path)).delete("id % 4 = 0");
      for (let i = 0; i < 2; i++) {
        const read = spark.read.format("delta").load(path);
        expect(await read.count()).toBe(75);
        expect(await read.explainString("extended")).not.toContain("delta_scan");
      }
      const warnings = logs.events.filter((e) => e.message.includes("delta extension"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe("WARN");
      expect(warnings[0]?.message).toContain(join(dir, "extensions"));
      expect(warnings[0]?.message).toContain("spark.tributary.duckdb.deltaExtension=false");
    } finally {
      await spark.stop();
    }
  });
});
