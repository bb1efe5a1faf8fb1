/**
 * Input without any record and without a schema: Spark 4.0.1 reads a DataFrame with no
 * columns and no rows (schema `struct<>`, count 0), for CSV and JSON alike.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "trib-empty-input-")), name);
  writeFileSync(path, text);
  return path;
}

async function shape(format: "csv" | "json", path: string, options: Record<string, string>) {
  const df = spark().read.format(format).options(options).load(path);
  return {
    schema: (await df.schema).simpleString(),
    count: await df.count(),
    rows: await df.collect(),
    columns: await df.columns,
  };
}

const none = { schema: "struct<>", count: 0, rows: [], columns: [] };

describe("reading input with no record and no schema", () => {
  it("an empty CSV file, with and without header or inference", async () => {
    const path = file("data.csv", "");
    const variants: Record<string, string>[] = [
      {},
      { header: "true" },
      { header: "true", inferSchema: "true" },
      { header: "true", inferSchema: "true", multiLine: "true" },
    ];
    for (const options of variants)
      expect(await shape("csv", path, options), JSON.stringify(options)).toEqual(none);
  });

  it("a CSV file of blank lines", async () => {
    const path = file("data.csv", "\n\n");
    expect(await shape("csv", path, { header: "true" })).toEqual(none);
    expect(await shape("csv", path, { header: "false" })).toEqual(none);
  });

  it("an empty or blank JSON file", async () => {
    expect(await shape("json", file("data.json", ""), {})).toEqual(none);
    expect(await shape("json", file("data.json", "\n\n"), {})).toEqual(none);
  });

  it("a CSV with a schema still has the schema's columns", async () => {
    const df = spark().read.schema("a INT, b STRING").csv(file("data.csv", ""));
    expect(await df.dtypes).toEqual([
      ["a", "int"],
      ["b", "string"],
    ]);
    expect(await df.count()).toBe(0);
  });
});
