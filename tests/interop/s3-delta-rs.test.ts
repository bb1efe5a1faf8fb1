/**
 * Delta tables on S3 both ways with delta-rs (the loopback S3 server of tests/storage):
 * delta-rs reads what the embedded engine wrote (partitions with escaped values, a delete, a
 * checkpoint), and the embedded engine reads what delta-rs wrote.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeltaTable, type SparkSession } from "../../src/index.js";
import { ACCESS, endpoint, newBucket, SECRET, s3Session } from "../storage/helpers.js";
import { interopHome } from "./peer-process.js";

const python = join(interopHome, "venv", "bin", "python");

/** Runs Python with delta-rs; `options` are its storage options for the loopback server. */
async function deltaRs(code: string): Promise<string> {
  const options = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ALLOW_HTTP: "true",
    AWS_ACCESS_KEY_ID: ACCESS,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_REGION: "us-east-1",
    AWS_S3_ALLOW_UNSAFE_RENAME: "true",
  };
  const prelude = `import json, sys\nimport pyarrow as pa\nfrom deltalake import DeltaTable, write_deltalake\noptions = json.loads(sys.argv[1])\n`;
  // delta-rs's native threads can abort at interpreter teardown ("terminate called without
  // an active exception") after a good answer: leave without teardown, as peer.py does.
  const epilogue = `\nimport os\nsys.stdout.flush()\nos._exit(0)\n`;
  const { stdout } = await promisify(execFile)(python, [
    "-c",
    prelude + code + epilogue,
    JSON.stringify(options),
  ]);
  return stdout.trim();
}

let spark: SparkSession;
beforeAll(async () => {
  spark = await s3Session();
});
afterAll(async () => {
  await spark.stop();
});

describe("delta-rs and the embedded engine on S3", () => {
  it("delta-rs reads a table tributary wrote (escaped partitions, a delete, a checkpoint)", async () => {
    const bucket = await newBucket();
    const table = `s3://${bucket}/orders`;
    for (let id = 0; id < 11; id++)
      await spark
        .createDataFrame([{ id, city: id % 2 === 1 ? "a/b c" : "oslo" }], "id INT, city STRING")
        .write.format("delta")
        .mode("append")
        .partitionBy("city")
        .save(table);
    await (await DeltaTable.forPath(spark, table)).delete("id = 3");
    const out = await deltaRs(
      `dt = DeltaTable(${JSON.stringify(table)}, storage_options=options)\nt = dt.to_pyarrow_table()\nprint(json.dumps([dt.version(), sorted(zip(t["id"].to_pylist(), t["city"].to_pylist()))]))`,
    );
    const expected = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10].map((id) => [
      id,
      id % 2 === 1 ? "a/b c" : "oslo",
    ]);
    expect(JSON.parse(out)).toEqual([11, expected]);
  });

  it("tributary reads a table delta-rs wrote", async () => {
    const bucket = await newBucket();
    const table = `s3://${bucket}/from-rs`;
    await deltaRs(
      `write_deltalake(${JSON.stringify(table)}, pa.table({"id": [1, 2, 3], "city": ["x", "y y", "x"]}), partition_by=["city"], storage_options=options)\nwrite_deltalake(${JSON.stringify(table)}, pa.table({"id": [4], "city": ["z"]}), partition_by=["city"], mode="append", storage_options=options)`,
    );
    expect(await spark.read.format("delta").load(table).orderBy("id").collect()).toEqual([
      { id: 1n, city: "x" },
      { id: 2n, city: "y y" },
      { id: 3n, city: "x" },
      { id: 4n, city: "z" },
    ]);
    expect(await spark.read.format("delta").option("versionAsOf", 0).load(table).count()).toBe(3);
  });
});
