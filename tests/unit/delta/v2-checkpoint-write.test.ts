/**
 * Checkpoints of tables created with `delta.checkpointPolicy=v2`, in the layout delta-spark
 * 4.0.1 writes (checked by running it): `n.checkpoint.<uuid>.json` holding
 * `checkpointMetadata`, one `sidecar` action, protocol and metaData; the file actions in one
 * Parquet sidecar under `_delta_log/_sidecars/`; `_last_checkpoint` with a `v2Checkpoint`
 * summary. delta-spark reading and extending them is in tests/interop/v2-checkpoints.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { commit, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();
const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, v: `r${from + i}` }));

describe("v2 checkpoint writes", () => {
  it("creates the table with the v2Checkpoint feature and writes UUID-named checkpoints with a sidecar", async () => {
    const path = tmpTable();
    const props = { "delta.checkpointPolicy": "v2", "delta.checkpointInterval": "2" };
    await writeTable(spark(), path, rows(0, 3), "id INT, v STRING", { options: props });
    expect(commit(path, 0).find((a) => "protocol" in a)?.protocol).toEqual({
      minReaderVersion: 3,
      minWriterVersion: 7,
      readerFeatures: ["v2Checkpoint"],
      writerFeatures: ["appendOnly", "invariants", "v2Checkpoint"],
    });
    await writeTable(spark(), path, rows(3, 2), "id INT, v STRING", { mode: "append" });
    const t = await DeltaTable.forPath(spark(), path);
    await t.delete("id = 1");
    await writeTable(spark(), path, rows(5, 1), "id INT, v STRING", { mode: "append" });

    const log = join(path, "_delta_log");
    const names = readdirSync(log);
    const top = names.filter((n) => /^\d{20}\.checkpoint\.[0-9a-f-]{36}\.json$/.test(n));
    expect(top.map((n) => n.slice(0, 20))).toEqual(["00000000000000000002"]);
    expect(names.some((n) => n.endsWith(".checkpoint.parquet"))).toBe(false);
    const lines = readFileSync(join(log, top[0] ?? ""), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    expect(Object.keys(lines[0] ?? {})).toEqual(["checkpointMetadata"]);
    expect(lines[0]?.checkpointMetadata).toEqual({ version: 2 });
    expect(lines.map((l) => Object.keys(l)[0])).toEqual([
      "checkpointMetadata",
      "sidecar",
      "protocol",
      "metaData",
    ]);
    const sidecar = lines[1]?.sidecar as { path: string; sizeInBytes: number };
    expect(readdirSync(join(log, "_sidecars"))).toEqual([sidecar.path]);
    expect(sidecar.sizeInBytes).toBeGreaterThan(0);

    const last = JSON.parse(readFileSync(join(log, "_last_checkpoint"), "utf8"));
    expect(last).toMatchObject({
      version: 2,
      numOfAddFiles: 2,
      v2Checkpoint: { path: top[0], sidecarFiles: [{ path: sidecar.path }] },
    });
    expect(last.v2Checkpoint.nonFileActions.map((a: object) => Object.keys(a)[0])).toEqual([
      "protocol",
      "metaData",
      "checkpointMetadata",
    ]);
    // The snapshot is rebuilt from the checkpoint and the commit after it.
    expect(await sorted(t.toDF())).toEqual(rows(0, 6).filter((r) => r.id !== 1));
    const v2 = spark().read.format("delta").option("versionAsOf", 2).load(path);
    expect(await v2.count()).toBe(4);
  });

  it("refuses an unknown checkpoint policy", async () => {
    const path = tmpTable();
    await expect(
      writeTable(spark(), path, rows(0, 1), "id INT, v STRING", {
        options: { "delta.checkpointPolicy": "v3" },
      }),
    ).rejects.toMatchObject({ code: "DELTA_INVALID_TABLE_PROPERTY" });
  });
});
