/**
 * Closing a DuckDB session while a native call still runs was a use-after-free: the CLI
 * died with a segmentation fault (exit 139) when `showString`'s schema failed and its
 * sibling query was still running as the session stopped.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBSession } from "../../../../src/engine/duckdb/connection.js";
import { SparkSession } from "../../../../src/index.js";

const settings = { threads: 2, memoryLimit: undefined, timeZone: "UTC", tempDirectory: undefined };

describe("DuckDB session close", () => {
  it("waits for native calls still running, then refuses new ones with a typed error", async () => {
    const db = await DuckDBSession.open(settings);
    const slow = db.query("SELECT count(*) AS n FROM range(30000000) t(a), range(3) u(b)");
    await db.close();
    // The query finished on its own before the instance went away.
    expect((await slow).rows).toEqual([[90000000n]]);
    await expect(db.query("SELECT 1")).rejects.toMatchObject({ code: "DUCKDB_CLOSED" });
    await db.close(); // idempotent
  });

  it("stops a session whose failed action left a sibling query running", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-close-"));
    const csv = join(dir, "a.csv");
    writeFileSync(csv, "id,name\n1,a\n");
    for (let i = 0; i < 5; i++) {
      const spark = await SparkSession.builder().appName("close").getOrCreate();
      await expect(
        spark.read.format("parquet").load(csv).showString(20, true),
      ).rejects.toMatchObject({ code: "FAILED_READ_FILE" });
      await spark.stop();
    }
  });
});
