/**
 * A Delta table whose data files were deleted or damaged behind the log's back fails with a
 * typed DELTA_* error naming the file and the table version, never with DuckDB's message.
 */
import { readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaError, InputError } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

async function tableWithOneFile(): Promise<{ path: string; file: string }> {
  const path = tmpTable();
  await writeTable(
    spark(),
    path,
    [
      { id: 1, v: "a" },
      { id: 2, v: "b" },
    ],
    "id INT, v STRING",
  );
  const name = readdirSync(path).find((n) => n.endsWith(".parquet"));
  if (name === undefined) throw new Error("no data file written");
  return { path, file: join(path, name) };
}

describe("damaged Delta data files", () => {
  it("a deleted data file is DELTA_FILE_NOT_FOUND_DETAILED, naming the file and version", async () => {
    const { path, file } = await tableWithOneFile();
    rmSync(file);
    const e = await spark()
      .read.format("delta")
      .load(path)
      .collect()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeltaError);
    expect(e).toMatchObject({
      code: "DELTA_FILE_NOT_FOUND_DETAILED",
      context: { file, version: 0 },
    });
    expect((e as DeltaError).message).toContain(file);
    expect((e as DeltaError).message).toContain("version 0");
    expect((e as DeltaError).hint).toMatch(/restore/i);
  });

  it("a file deleted after the DataFrame was defined fails the same way at the action", async () => {
    const { path, file } = await tableWithOneFile();
    const df = spark().read.format("delta").load(path);
    expect(await df.count()).toBe(2);
    rmSync(file);
    await expect(df.collect()).rejects.toMatchObject({ code: "DELTA_FILE_NOT_FOUND_DETAILED" });
  });

  it("a truncated data file is DELTA_DATA_FILE_UNREADABLE, naming the file and version", async () => {
    const { path, file } = await tableWithOneFile();
    truncateSync(file, 10);
    const e = await spark()
      .read.format("delta")
      .load(path)
      .collect()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeltaError);
    expect(e).toMatchObject({ code: "DELTA_DATA_FILE_UNREADABLE", context: { file, version: 0 } });
    expect((e as DeltaError).message).not.toMatch(/^(IO|Invalid Input) Error/);
  });
});

describe("a damaged checkpoint", () => {
  it("is DELTA_CORRUPT_CHECKPOINT naming the checkpoint file, without DuckDB's message", async () => {
    const path = tmpTable();
    await spark()
      .createDataFrame([[0]], "v INT")
      .write.format("delta")
      .option("delta.checkpointInterval", "2")
      .save(path);
    for (let i = 1; i <= 2; i++)
      await spark()
        .createDataFrame([[i]], "v INT")
        .write.format("delta")
        .mode("append")
        .save(path);
    const checkpoint = join(path, "_delta_log", "00000000000000000002.checkpoint.parquet");
    truncateSync(checkpoint, 10);
    const e = await spark()
      .read.format("delta")
      .load(path)
      .collect()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeltaError);
    expect(e).toMatchObject({ code: "DELTA_CORRUPT_CHECKPOINT" });
    expect((e as DeltaError).message).toContain("00000000000000000002.checkpoint.parquet");
    expect((e as DeltaError).message).not.toMatch(/Invalid Input Error|IO Error/);
  });
});

describe("unreadable plain data files", () => {
  it("a file that is not Parquet is FAILED_READ_FILE naming it", async () => {
    const file = join(tmpTable(), "..", "bad.parquet");
    writeFileSync(file, "not parquet at all");
    const e = await spark()
      .read.parquet(file)
      .collect()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ code: "FAILED_READ_FILE", file });
  });
});
