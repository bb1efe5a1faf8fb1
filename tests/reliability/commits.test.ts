/**
 * Reliability of commits under real process concurrency and crashes: writer processes
 * are killed with SIGKILL at random points, and many write at once. The table must stay
 * readable, versions contiguous, every visible batch complete, no committed row lost.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { functions as F, type SparkSession } from "../../src/index.js";
import { useSpark } from "../helpers/session.js";

const spark = useSpark();
const writerScript = fileURLToPath(new URL("./writer.ts", import.meta.url));
const ROWS = 50;

function startWriter(
  table: string,
  id: string,
  batches: number,
): {
  child: ChildProcess;
  done: Promise<{ code: number | null; committed: number }>;
  committed: () => number;
} {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", writerScript, table, id, String(batches), String(ROWS)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let committed = 0;
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    committed += (d.toString().match(/committed/g) ?? []).length;
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<{ code: number | null; committed: number }>((resolve, reject) => {
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`writer ${id} failed (${code}): ${err}`));
      else resolve({ code, committed });
    });
  });
  return { child, done, committed: () => committed };
}

function versions(table: string): number[] {
  return readdirSync(join(table, "_delta_log"))
    .filter((n) => /^\d{20}\.json$/.test(n))
    .map((n) => Number(n.slice(0, 20)))
    .sort((a, b) => a - b);
}

/** Every batch visible in the version holds all its rows exactly once. */
async function checkComplete(s: SparkSession, table: string, version?: number): Promise<number> {
  const reader = s.read.format("delta");
  const df = (version === undefined ? reader : reader.option("versionAsOf", version)).load(table);
  const batches = await df
    .groupBy("writer", "batch")
    .agg(F.count("*").alias("n"), F.countDistinct("i").alias("d"))
    .collect();
  for (const b of batches) {
    expect(b.n).toBe(BigInt(ROWS));
    expect(b.d).toBe(BigInt(ROWS));
  }
  return batches.length;
}

describe("commit reliability", () => {
  it("eight writer processes appending at once: contiguous versions, no row lost", {
    timeout: 240_000,
  }, async () => {
    const table = join(mkdtempSync(join(tmpdir(), "trib-rel-")), "t");
    await spark()
      .createDataFrame([], "writer STRING, batch INT, i INT")
      .write.format("delta")
      .save(table);
    const writers = Array.from({ length: 8 }, (_, w) => startWriter(table, `w${w}`, 5));
    const results = await Promise.all(writers.map((w) => w.done));
    const committed = results.reduce((n, r) => n + r.committed, 0);
    expect(committed).toBe(40);
    const vs = versions(table);
    expect(vs).toEqual(Array.from({ length: vs.length }, (_, i) => i));
    expect(vs.at(-1)).toBe(40);
    expect(await checkComplete(spark(), table)).toBe(40);
    expect(await spark().read.format("delta").load(table).count()).toBe(40 * ROWS);
  });

  it("SIGKILL at random points: every visible version is complete and the table stays writable", {
    timeout: 240_000,
  }, async () => {
    const table = join(mkdtempSync(join(tmpdir(), "trib-kill-")), "t");
    await spark()
      .createDataFrame([], "writer STRING, batch INT, i INT")
      .write.format("delta")
      .save(table);
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 6; round++) {
      const w = startWriter(table, `k${round}`, 50);
      // Kill once the writer is committing (its start-up time varies with the machine's load),
      // at a random point of the next 0.3-2.5 s: between, inside or after commits.
      const deadline = Date.now() + 60_000;
      while (w.committed() === 0 && w.child.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300 + rand() * 2200));
      w.child.kill("SIGKILL");
      await w.done;
      const vs = versions(table);
      expect(vs).toEqual(Array.from({ length: vs.length }, (_, i) => i));
      for (const v of [vs.length - 1, Math.floor((vs.length - 1) / 2)])
        await checkComplete(spark(), table, v);
    }
    // The kills landed while commits were being made, not before the first one.
    expect(versions(table).length).toBeGreaterThan(10);
    const before = await spark().read.format("delta").load(table).count();
    const after = startWriter(table, "final", 2);
    await after.done;
    expect(await spark().read.format("delta").load(table).count()).toBe(before + 2 * ROWS);
  });
});
