/**
 * Without httpfs where the settings say it is, an s3:// read fails with an error that says
 * how to get it. Its own file (its own process): once one DuckDB instance of a process has
 * loaded httpfs, later instances find it loaded.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../src/index.js";
import { s3Session } from "./helpers.js";

let spark: SparkSession | undefined;
afterAll(async () => {
  await spark?.stop();
});

describe("DuckDB without httpfs", () => {
  it("without httpfs in the configured extension directory, says how to get it", async () => {
    const empty = mkdtempSync(join(tmpdir(), "no-extensions-"));
    spark = await s3Session({ "spark.tributary.duckdb.extensionDirectory": empty });
    const failure = await spark.read
      .parquet("s3://any-bucket/t")
      .collect()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: "DUCKDB_HTTPFS_UNAVAILABLE",
      message: `Reading or writing s3:// locations needs DuckDB's httpfs extension, and it is not installed in the extension directory ${empty}.`,
    });
    expect((failure as { hint: string }).hint).toContain("scripts/storage/setup.sh");
  });
});
