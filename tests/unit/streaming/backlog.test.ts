/** A stuck stream shows: files waiting in the source, from the checkpoint alone. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { streamBacklog } from "../../../src/index.js";
import { runCli } from "../../helpers/cli.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

describe("stream backlog", () => {
  it("streamBacklog and tributary health --backlog report files no batch took", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-backlog-"));
    const input = join(dir, "in");
    mkdirSync(input);
    const land = (i: number, ageMs: number) => {
      const file = join(input, `f${i}.json`);
      writeFileSync(file, `{"id":${i}}\n`);
      const t = new Date(Date.now() - ageMs);
      utimesSync(file, t, t);
    };
    land(0, 0);
    land(1, 0);
    const cp = join(dir, "cp");
    const out = join(dir, "out");
    const q = await spark()
      .readStream.format("json")
      .schema("id BIGINT")
      .option("maxFilesPerTrigger", 1)
      .load(input)
      .writeStream.option("checkpointLocation", cp)
      .trigger({ availableNow: true })
      .start(out);
    await q.awaitTermination();
    expect(await streamBacklog(cp)).toMatchObject({
      queryId: q.id,
      files: 0,
      oldestFile: null,
      lastBatchId: 1,
    });

    land(2, 3 * 3_600_000);
    land(3, 60_000);
    const b = await streamBacklog(cp);
    expect(b).toMatchObject({
      files: 2,
      bytes: 18,
      lastBatchId: 1,
      source: `FileStreamSource[file:${input}]`,
    });
    expect(Date.now() - (b.oldestFile?.getTime() ?? 0)).toBeGreaterThanOrEqual(3 * 3_600_000);

    const unhealthy = await runCli([
      "health",
      out,
      "--backlog",
      cp,
      "--backlog-error-after",
      "2h",
      "--json",
    ]);
    expect(unhealthy.code, unhealthy.err).toBe(1);
    const checks = JSON.parse(unhealthy.out).checks as {
      name: string;
      status: string;
      message: string;
    }[];
    expect(checks.find((c) => c.name === "backlog")).toMatchObject({ status: "error" });
    const warned = await runCli(["health", out, "--backlog", cp, "--backlog-warn-after", "2h"]);
    expect(warned.code).toBe(0);
    expect(warned.out).toMatch(
      /WARN {2}backlog: 2 file\(s\), 18 bytes waiting, the oldest for 180 min; last batch 1 committed at /,
    );
  });
});
