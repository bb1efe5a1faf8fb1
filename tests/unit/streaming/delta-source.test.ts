/** A Delta table as a streaming source; every answer checked against delta-spark 4.0.1. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type DataFrame, DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

async function batches(df: DataFrame, cp: string): Promise<[number, number[]][]> {
  const seen: [number, number[]][] = [];
  const q = await df.writeStream
    .foreachBatch(async (b, id) => {
      seen.push([id, (await b.collect()).map((r) => Number(r.id)).sort((x, y) => x - y)]);
    })
    .option("checkpointLocation", cp)
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  return seen;
}

describe("readStream.format('delta')", () => {
  it("snapshot first then new commits; startingVersion; maxFilesPerTrigger; skipChangeCommits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-dsrc-"));
    const t = join(dir, "t");
    await spark().range(0, 3).write.format("delta").save(t);
    await spark().range(3, 5).write.format("delta").mode("append").save(t);
    await spark().range(5, 6).write.format("delta").mode("append").save(t);
    const id = JSON.parse(
      readFileSync(join(t, "_delta_log", "00000000000000000000.json"), "utf8")
        .split("\n")
        .find((l) => l.includes('"metaData"')) ?? "{}",
    ).metaData.id;
    const stream = (o: Record<string, string | number | boolean> = {}) =>
      spark().readStream.format("delta").options(o).load(t);
    const offset = (v: number, index: number, isStartingVersion: boolean) => ({
      sourceVersion: 1,
      reservoirId: id,
      reservoirVersion: v,
      index,
      isStartingVersion,
    });
    const offsets = (cp: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.parse(readFileSync(join(cp, "offsets", String(i)), "utf8").split("\n")[2] ?? ""),
      );

    expect(await batches(stream(), join(dir, "cp1"))).toEqual([[0, [0, 1, 2, 3, 4, 5]]]);
    expect(offsets(join(dir, "cp1"), 1)).toEqual([offset(3, -1, false)]);
    expect(await batches(stream({ startingVersion: 1 }), join(dir, "cp2"))).toEqual([
      [0, [3, 4, 5]],
    ]);
    expect(await batches(stream({ maxFilesPerTrigger: 1 }), join(dir, "cp3"))).toEqual([
      [0, [0, 1, 2]],
      [1, [3, 4]],
      [2, [5]],
    ]);
    expect(offsets(join(dir, "cp3"), 3)).toEqual([
      offset(2, 0, true),
      offset(2, 1, true),
      offset(3, -1, false),
    ]);

    await (await DeltaTable.forPath(spark(), t)).delete("id = 4");
    await spark().range(6, 7).write.format("delta").mode("append").save(t);
    await expect(batches(stream(), join(dir, "cp1"))).rejects.toThrow(
      /DELTA_SOURCE_TABLE_IGNORE_CHANGES\] Detected a data update \(for example DELETE\) in the source table at version 3/,
    );
    const q = await stream({ skipChangeCommits: true })
      .writeStream.foreachBatch(async (b) => {
        await b.collect();
      })
      .option("checkpointLocation", join(dir, "cp1"))
      .trigger({ availableNow: true })
      .start();
    await q.awaitTermination();
    expect(q.lastProgress?.sources[0]).toMatchObject({
      description: `DeltaSource[file:${t}]`,
      startOffset: offset(3, -1, false),
      endOffset: offset(5, -1, false),
      numInputRows: 1,
    });
    expect(await batches(stream({ startingVersion: "latest" }), join(dir, "cp5"))).toEqual([]);
  });
});
