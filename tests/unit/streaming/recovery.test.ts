/**
 * Restarts from each window a crash can leave, built deterministically (the SIGKILL test in
 * tests/reliability hits them at random): every row still lands exactly once.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "trib-recover-"));
  const input = join(dir, "in");
  mkdirSync(input);
  for (let i = 0; i < 3; i++) writeFileSync(join(input, `f${i}.json`), `{"id":${i}}\n`);
  const cp = join(dir, "cp");
  const out = join(dir, "out");
  const run = async () => {
    const q = await spark()
      .readStream.format("json")
      .schema("id BIGINT")
      .option("maxFilesPerTrigger", 1)
      .load(input)
      .writeStream.option("checkpointLocation", cp)
      .trigger({ availableNow: true })
      .start(out);
    await q.awaitTermination();
    return q;
  };
  const ids = async () =>
    (await spark().read.format("delta").load(out).orderBy("id").collect()).map((r) => r.id);
  const commits = () => readdirSync(join(out, "_delta_log")).filter((n) => n.endsWith(".json"));
  return { cp, out, run, ids, commits };
}

describe("streaming recovery windows", () => {
  it("died after the table commit, before commits/<n>: the batch is replayed and the sink skips it", async () => {
    const s = setup();
    await s.run();
    expect(s.commits()).toHaveLength(3);
    rmSync(join(s.cp, "commits", "2"));
    const q = await s.run();
    expect(q.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[2, 0]]);
    expect(s.commits()).toHaveLength(3); // no second commit for batch 2
    expect(await s.ids()).toEqual([0n, 1n, 2n]);
    expect(readdirSync(join(s.cp, "commits"))).toContain("2");
  });

  it("died after sources/0/<n>, before offsets/<n>: the logged files make the next batch", async () => {
    const s = setup();
    await s.run();
    // Back to the moment batch 2's files were logged and nothing else was written.
    rmSync(join(s.cp, "commits", "2"));
    rmSync(join(s.cp, "offsets", "2"));
    rmSync(join(s.out, "_delta_log", "00000000000000000002.json"));
    const q = await s.run();
    expect(q.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[2, 1]]);
    expect(await s.ids()).toEqual([0n, 1n, 2n]);
  });
});
