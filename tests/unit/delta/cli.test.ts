import { describe, expect, it } from "vitest";
import type { CliIO } from "../../../src/cli/command.js";
import { main } from "../../../src/cli/main.js";
import { SparkSession } from "../../../src/index.js";
import { latestVersion, tmpTable, writeTable } from "./helpers.js";

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => {
      out.push(t);
    },
    stderr: (t) => {
      err.push(t);
    },
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, out: out.join(""), err: err.join("") };
}

/** A table with two appends (versions 0 and 1), written by a session stopped before the CLI runs. */
async function table(options: Record<string, string> = {}): Promise<string> {
  const spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
  try {
    const path = tmpTable();
    await writeTable(spark, path, [{ id: 1, p: "a" }], "id INT, p STRING", {
      partitionBy: ["p"],
      options,
    });
    await writeTable(spark, path, [{ id: 2, p: "a" }], "id INT, p STRING", { mode: "append" });
    return path;
  } finally {
    await spark.stop();
  }
}

const lines = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** One end-to-end case per command, so a new command cannot ship untested. */
const CASES: Record<string, (path: string) => Promise<void>> = {
  history: async (path) => {
    const table = await run("delta", "history", path);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/\|version\|\s+timestamp\|operation\|/);
    const newest = expect.objectContaining({
      version: 1,
      operation: "WRITE",
      operationParameters: { mode: "Append", partitionBy: `["p"]` },
    });
    // --json: one document (jq and json.tool read it); --json-lines: one commit per line.
    const json = await run("delta", "history", path, "--limit", "1", "--json");
    expect(JSON.parse(json.out)).toEqual([newest]);
    const all = await run("delta", "history", path, "--json-lines");
    expect(lines(all.out).map((c) => c.version)).toEqual([1, 0]);
    for (const limit of ["x", "1e3", "12abc", "2.9", "0", "-5"]) {
      const bad = await run("delta", "history", path, "--limit", limit);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe(
        `error [CLI_INVALID_FLAG]: --limit must be a whole number of at least 1, got '${limit}'.\nhint: Pass --limit <a whole number of at least 1>, or leave it out for the default.\n`,
      );
    }
  },
  describe: async (path) => {
    const table = await run("delta", "describe", path);
    expect(table.out).toMatch(/ format\s+\| delta/);
    const [detail] = lines((await run("delta", "describe", path, "--json")).out);
    expect(detail).toMatchObject({
      format: "delta",
      location: path,
      partitionColumns: ["p"],
      numFiles: 2,
      minReaderVersion: 1,
      minWriterVersion: 2,
    });
  },
  vacuum: async (path) => {
    const dry = await run("delta", "vacuum", path, "--dry-run");
    expect(dry).toMatchObject({
      code: 0,
      out: "Found 0 files and directories in a total of 2 directories that are safe to delete.\n",
    });
    const refused = await run("delta", "vacuum", path, "--retain-hours", "1");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /^error \[DELTA_VACUUM_RETENTION_TOO_SHORT\]: requirement failed: Are you sure/,
    );
    const [result] = lines((await run("delta", "vacuum", path, "--json")).out);
    expect(result).toMatchObject({ dryRun: false, numDeletedFiles: 0, files: [] });
    expect(latestVersion(path)).toBe(3); // VACUUM START + VACUUM END
    // What the refusal suggests works from the command line: every command takes --conf.
    const allowed = await run(
      "delta",
      "vacuum",
      path,
      "--retain-hours",
      "0",
      "--dry-run",
      "--conf",
      "spark.databricks.delta.retentionDurationCheck.enabled=false",
    );
    expect(allowed.code).toBe(0);
    expect(allowed.out).toMatch(/^Found \d+ files and directories in a total of 2 directories/);
  },
  optimize: async (path) => {
    const [result] = lines(
      (await run("delta", "optimize", path, "--where", "p = 'a'", "--json")).out,
    );
    expect(result).toMatchObject({ path, metrics: { numFilesAdded: 1, numFilesRemoved: 2 } });
    expect((await run("delta", "optimize", path, "--where", "id = 1")).err).toMatch(
      /DELTA_NON_PARTITION_COLUMN_REFERENCE/,
    );
  },
  restore: async (path) => {
    const [metrics] = lines((await run("delta", "restore", path, "--version", "0", "--json")).out);
    expect(metrics).toMatchObject({
      num_of_files_after_restore: 1,
      num_restored_files: 0,
      num_removed_files: 1,
    });
    const table = await run("delta", "restore", path, "--version", "1");
    expect(table.out).toMatch(
      /\|table_size_after_restore\|num_of_files_after_restore\|num_removed_files\|num_restored_files\|/,
    );
    expect(table.out).toMatch(/\|\s+2\|\s+0\|\s+1\|/);
    const both = await run("delta", "restore", path, "--version", "1", "--timestamp", "2024-01-01");
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/exactly one of --version and --timestamp/);
    const early = await run("delta", "restore", path, "--timestamp", "2000-01-01");
    expect(early.err).toMatch(/DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION/);
  },
  changes: async () => {
    const path = await table({ "delta.enableChangeDataFeed": "true" });
    const all = lines((await run("delta", "changes", path, "--from", "0", "--json-lines")).out);
    expect(all.map((r) => [r.id, r._change_type, r._commit_version])).toEqual([
      [1, "insert", 0],
      [2, "insert", 1],
    ]);
    const last = JSON.parse((await run("delta", "changes", path, "--from", "1", "--json")).out);
    expect(last).toEqual([
      expect.objectContaining({ id: 2, p: "a", _change_type: "insert", _commit_version: 1 }),
    ]);
    const first = await run("delta", "changes", path, "--from", "0", "--to", "0");
    expect(first.out).toMatch(/\| id\| {2}p\|_change_type\|_commit_version\|/);
    const bad = await run("delta", "changes", path, "--from", "1", "--to", "0");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/DELTA_INVALID_CDC_RANGE/);
  },
  show: async (path) => {
    const latest = await run("show", path, "--json");
    expect((JSON.parse(latest.out) as { id: number }[]).map((r) => r.id).sort()).toEqual([1, 2]);
    const v0 = await run("show", path, "--version", "0", "--json-lines");
    expect(lines(v0.out)).toEqual([{ id: 1, p: "a" }]);
    expect((await run("show", path, "--json", "--json-lines")).code).toBe(2);
    const table = await run("show", path, "--format", "delta", "--version", "1");
    expect(table.out).toMatch(/\| id\| {2}p\|/);
    expect((await run("show", path, "--format", "parquet", "--version", "0")).code).toBe(2);
  },
};

describe("tributary delta / show (end to end)", () => {
  for (const [name, check] of Object.entries(CASES)) {
    it(name, async () => check(await table()));
  }

  it("fails with exit code 2 on a path that is not a Delta table", async () => {
    const r = await run("delta", "history", "/nonexistent/table");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'error [DELTA_MISSING_DELTA_TABLE]: `/nonexistent/table` is not a Delta table.\nhint: Check the path: a Delta table is a directory with a _delta_log folder of commits. Create one with df.write.format("delta").save(path).\n',
    );
  });
});
