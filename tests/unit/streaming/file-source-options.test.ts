/**
 * The file source's options, each checked against what PySpark 4.0.1 gives for the same
 * files (foreachBatch collecting the ids of each batch).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DataFrame } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();
const BASE = Date.UTC(2026, 0, 1) / 1000;

function dir(): string {
  return mkdtempSync(join(tmpdir(), "trib-fso-"));
}

/** f<i>.csv with ids 10i .. 10i+1+extra, modified i seconds after BASE (or at `mtime`). */
function land(
  d: string,
  i: number,
  o: { extra?: number; mtime?: number; name?: string } = {},
): string {
  mkdirSync(d, { recursive: true });
  const p = join(d, o.name ?? `f${i}.csv`);
  const rows = Array.from({ length: 2 + (o.extra ?? 0) }, (_, k) => `${i * 10 + k},n${i}\n`);
  writeFileSync(p, `id,name\n${rows.join("")}`);
  const t = o.mtime ?? BASE + i;
  utimesSync(p, t, t);
  return p;
}

/** Runs `df` availableNow into foreachBatch; resolves [batchId, sorted ids] per batch. */
async function batches(df: DataFrame, cp: string): Promise<[number, number[]][]> {
  const seen: [number, number[]][] = [];
  const q = await df.writeStream
    .foreachBatch(async (b, id) => {
      const ids = (await b.collect()).map((r) => (r.id === null ? -1 : Number(r.id)));
      seen.push([id, ids.sort((x, y) => x - y)]);
    })
    .option("checkpointLocation", cp)
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  return seen;
}

const csv = (path: string, options: Record<string, string | number | boolean> = {}) =>
  spark()
    .readStream.schema("id INT, name STRING")
    .option("header", true)
    .options(options)
    .csv(path);

describe("file source options (answers from PySpark 4.0.1)", () => {
  it("latestFirst with maxFilesPerTrigger takes the newest file first", async () => {
    const d = dir();
    for (let i = 0; i < 4; i++) land(join(d, "in"), i);
    const got = await batches(
      csv(join(d, "in"), { latestFirst: true, maxFilesPerTrigger: 1 }),
      join(d, "cp"),
    );
    expect(got).toEqual([
      [0, [30, 31]],
      [1, [20, 21]],
      [2, [10, 11]],
      [3, [0, 1]],
    ]);
  });

  it("maxBytesPerTrigger fills a batch up to the limit, and takes one file when it is bigger", async () => {
    const d = dir();
    const sizes = [0, 1, 2, 3].map((i) => statSync(land(join(d, "in"), i, { extra: i })).size);
    expect(sizes).toEqual([18, 26, 32, 38]);
    const limit = (sizes[0] ?? 0) + (sizes[1] ?? 0);
    expect(await batches(csv(join(d, "in"), { maxBytesPerTrigger: limit }), join(d, "cp"))).toEqual(
      [
        [0, [0, 1, 10, 11, 12]],
        [1, [20, 21, 22, 23]],
        [2, [30, 31, 32, 33, 34]],
      ],
    );
    expect(
      await batches(csv(join(d, "in"), { maxBytesPerTrigger: 5 }), join(d, "cp2")),
    ).toHaveLength(4);
    expect(() => csv(join(d, "in"), { maxBytesPerTrigger: 5, maxFilesPerTrigger: 1 })).toThrow(
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    );
  });

  it("cleanSource archive keeps each file's full path below sourceArchiveDir; delete removes them", async () => {
    const d = dir();
    const input = join(d, "ar");
    for (let i = 0; i < 2; i++) land(input, i);
    const archive = join(d, "arch");
    const got = await batches(
      csv(input, { cleanSource: "archive", sourceArchiveDir: archive, maxFilesPerTrigger: 1 }),
      join(d, "cp"),
    );
    expect(got).toEqual([
      [0, [0, 1]],
      [1, [10, 11]],
    ]);
    expect(existsSync(join(archive, input, "f0.csv"))).toBe(true);
    // Spark cleans a batch's files when the next batch starts (so its last batch's stay);
    // here they are cleaned as soon as the batch commits.
    expect(existsSync(join(archive, input, "f1.csv"))).toBe(true);
    expect(readdirSync(input)).toEqual([]);

    const del = join(d, "de");
    for (let i = 0; i < 2; i++) land(del, i);
    expect(await batches(csv(del, { cleanSource: "delete" }), join(d, "cp2"))).toEqual([
      [0, [0, 1, 10, 11]],
    ]);
    expect(readdirSync(del)).toEqual([]);
    expect(() => csv(del, { cleanSource: "archive" })).toThrow(
      "Archive mode must be used with 'sourceArchiveDir' option.",
    );
  });

  it("recursiveFileLookup reads every file below (hidden names skipped); a glob path filters", async () => {
    const d = join(dir(), "gl");
    land(d, 0);
    land(d, 1, { name: "x.txt" });
    land(join(d, "sub"), 2);
    land(join(d, "k=5"), 3);
    land(d, 4, { name: "_hidden.csv" });
    land(d, 5, { name: ".dot.csv" });
    expect(await batches(csv(d, { recursiveFileLookup: true }), join(d, "..", "cp1"))).toEqual([
      [0, [0, 1, 10, 11, 20, 21, 30, 31]],
    ]);
    expect(await batches(csv(join(d, "f*.csv")), join(d, "..", "cp2"))).toEqual([[0, [0, 1]]]);
    expect(
      await batches(
        csv(d, { recursiveFileLookup: true, pathGlobFilter: "*.csv" }),
        join(d, "..", "cp3"),
      ),
    ).toEqual([[0, [0, 1, 20, 21, 30, 31]]]);
    // Spark fails too (CONFLICTING_DIRECTORY_STRUCTURES): it would infer partitions.
    await expect(batches(csv(d), join(d, "..", "cp4"))).rejects.toThrow(
      /has files in subdirectories/,
    );
  });

  it("maxFileAge: after the first batch, files older than the newest seen minus 7 days are ignored", async () => {
    const d = dir();
    const input = join(d, "age");
    land(input, 0);
    land(input, 1, { mtime: BASE - 20 * 86400 });
    expect(await batches(csv(input), join(d, "cp"))).toEqual([[0, [0, 1, 10, 11]]]);
    land(input, 2, { mtime: BASE - 20 * 86400 });
    land(input, 3);
    expect(await batches(csv(input), join(d, "cp"))).toEqual([[1, [30, 31]]]);
  });

  it("bad records are handled as in batch reads (DROPMALFORMED drops them)", async () => {
    const d = dir();
    mkdirSync(join(d, "bad"));
    writeFileSync(join(d, "bad", "a.csv"), "id,name\n1,a\nx,b\n3,c\n");
    expect(await batches(csv(join(d, "bad"), { mode: "DROPMALFORMED" }), join(d, "cp"))).toEqual([
      [0, [1, 3]],
    ]);
  });
});
