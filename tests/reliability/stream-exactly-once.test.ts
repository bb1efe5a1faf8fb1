/**
 * Exactly once under crashes: a streaming ingestion process (50 files, one per batch, into
 * a Delta table) is killed with SIGKILL at random points several times and restarted from
 * its checkpoint each time. At the end every input row is in the table exactly once, and
 * the table has one commit per batch.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { functions as F } from "../../src/index.js";
import { useSpark } from "../helpers/session.js";

const spark = useSpark();
const script = fileURLToPath(new URL("./stream-ingest.ts", import.meta.url));
const FILES = 50;
const ROWS = 20;

interface Run {
  readonly child: ChildProcess;
  /** Resolves with the batch ids reported, and whether the process finished by itself. */
  readonly exited: Promise<{ finished: boolean; batches: number[] }>;
  /** Resolves once `n` more batches were reported. */
  readonly afterBatches: (n: number) => Promise<void>;
}

function startIngest(input: string, cp: string, out: string): Run {
  const child = spawn(process.execPath, ["--import", "tsx", script, input, cp, out], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const batches: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let err = "";
  let finished = false;
  child.stdout?.on("data", (d: Buffer) => {
    for (const line of d.toString().split("\n")) {
      const m = /^batch (\d+)$/.exec(line);
      if (m !== null) batches.push(Number(m[1]));
      if (line === "done") finished = true;
    }
    for (const w of waiters.filter((x) => batches.length >= x.count)) w.resolve();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ finished: boolean; batches: number[] }>((resolve, reject) => {
    child.on("exit", (code, signal) => {
      for (const w of waiters) w.resolve();
      if (code !== 0 && signal === null) reject(new Error(`ingest failed (${code}): ${err}`));
      else resolve({ finished, batches });
    });
  });
  const afterBatches = (n: number): Promise<void> =>
    new Promise((resolve) => {
      if (batches.length >= n) resolve();
      else waiters.push({ count: n, resolve });
    });
  return { child, exited, afterBatches };
}

describe("streaming exactly once", () => {
  it("SIGKILL at random points during 50 batches, restarted each time: every row exactly once", {
    timeout: 300_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-stream-rel-"));
    const input = join(dir, "in");
    mkdirSync(input);
    for (let f = 0; f < FILES; f++) {
      const rows = Array.from({ length: ROWS }, (_, i) => `${f},${f * ROWS + i}`);
      writeFileSync(
        join(input, `part-${String(f).padStart(3, "0")}.csv`),
        `file,id\n${rows.join("\n")}\n`,
      );
    }
    const cp = join(dir, "cp");
    const out = join(dir, "out");
    let kills = 0;
    for (let attempt = 0; attempt < 30; attempt++) {
      const run = startIngest(input, cp, out);
      if (kills < 6) {
        // Let a few batches pass, then kill somewhere inside the next ones.
        // Batches take milliseconds now: kill early enough that six runs never finish 50.
        await run.afterBatches(1 + Math.floor(Math.random() * 3));
        await new Promise((r) => setTimeout(r, Math.random() * 100));
        run.child.kill("SIGKILL");
        const { finished } = await run.exited;
        if (!finished) kills++;
        if (finished) break;
      } else {
        const { finished } = await run.exited;
        expect(finished).toBe(true);
        break;
      }
    }
    expect(kills).toBe(6);
    const table = spark().read.format("delta").load(out);
    const stats = await table
      .agg(F.count("*").alias("n"), F.countDistinct("id").alias("d"), F.max("id").alias("max"))
      .first();
    expect(stats).toEqual({
      n: BigInt(FILES * ROWS),
      d: BigInt(FILES * ROWS),
      max: FILES * ROWS - 1,
    });
    const perFile = await table.groupBy("file").count().collect();
    expect(perFile).toHaveLength(FILES);
    expect(perFile.every((r) => r.count === BigInt(ROWS))).toBe(true);
    // One commit per batch that wrote data: a replayed batch was skipped, never written again.
    const commits = readdirSync(join(out, "_delta_log")).filter((n) => /^\d{20}\.json$/.test(n));
    const batches = readdirSync(join(cp, "commits")).filter((n) => /^\d+$/.test(n));
    expect(commits.length).toBe(batches.length);
  });
});
