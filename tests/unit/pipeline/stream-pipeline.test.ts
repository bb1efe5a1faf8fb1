/** Pipelines over a streaming source: each run ingests what is new, gated per batch. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  definePipeline,
  type PipelineError,
  SparkSession,
  suite,
  summaryLines,
} from "../../../src/index.js";
import { runCli } from "../../helpers/cli.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .create();
});
afterAll(async () => spark.stop());

function world(): {
  dir: string;
  raw: string;
  lake: string;
  land: (name: string, body: string) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "trib-stream-pipe-"));
  const raw = join(dir, "raw");
  mkdirSync(raw);
  return {
    dir,
    raw,
    lake: join(dir, "lake", "orders"),
    land: (name, body) => writeFileSync(join(raw, name), `id,status,amount\n${body}`),
  };
}

const orders = (raw: string, lake: string, extra: object = {}) =>
  definePipeline({
    name: "orders_stream",
    source: {
      format: "csv",
      path: raw,
      schema: "id BIGINT, status STRING, amount BIGINT",
      options: { header: true, maxFilesPerTrigger: 1 },
      stream: true,
    },
    sink: { path: lake },
    ...extra,
  });

describe("pipelines with stream: true", () => {
  it("each run ingests only the files that landed since the last run, one batch per file", async () => {
    const w = world();
    w.land("a.csv", "1,paid,10\n2,paid,20\n");
    w.land("b.csv", "3,paid,30\n");
    const first = await orders(w.raw, w.lake).run({ spark });
    expect(first.status).toBe("succeeded");
    expect(first.rows).toMatchObject({ in: 3, out: 3 });
    expect(first.stream).toMatchObject({ batches: 2, files: 2, backlogFiles: 0 });
    expect(summaryLines(first)).toContain(
      `  stream: 2 batch(es), 2 file(s) ingested, 0 waiting (query ${first.stream?.queryId})`,
    );
    expect(readdirSync(join(w.dir, "lake", "_checkpoints", "orders_stream"))).toContain("commits");
    const idle = await orders(w.raw, w.lake).run({ spark });
    expect(idle.rows).toMatchObject({ in: 0, out: 0 });
    expect(idle.stream).toMatchObject({ queryId: first.stream?.queryId, batches: 0 });
    w.land("c.csv", "4,shipped,40\n");
    const third = await orders(w.raw, w.lake).run({ spark });
    expect(third.rows).toMatchObject({ in: 1, out: 1 });
    const ids = (await spark.read.format("delta").load(w.lake).orderBy("id").collect()).map(
      (r) => r.id,
    );
    expect(ids).toEqual([1n, 2n, 3n, 4n]);
  });

  it("a batch a quality gate blocks is not committed: the next run retries it", async () => {
    const w = world();
    w.land("a.csv", "1,paid,10\n");
    w.land("b.csv", "2,lost,20\n");
    const gate = {
      quality: {
        suite: suite("orders").expectColumnValuesToBeInSet("status", ["paid"]),
        action: "fail",
      },
    };
    const error = (await orders(w.raw, w.lake, gate)
      .run({ spark })
      .catch((e: unknown) => e)) as PipelineError;
    expect(error.code).toBe("QUALITY_GATE_FAILED");
    expect(error.summary.rows).toMatchObject({ in: 2, out: 1 });
    expect(await spark.read.format("delta").load(w.lake).count()).toBe(1);
    const cp = join(w.dir, "lake", "_checkpoints", "orders_stream");
    expect(existsSync(join(cp, "offsets", "1"))).toBe(true);
    expect(existsSync(join(cp, "commits", "1"))).toBe(false);
    w.land("b.csv", "2,paid,20\n"); // the upstream fixes the file
    const again = await orders(w.raw, w.lake, gate).run({ spark });
    expect(again.status).toBe("succeeded");
    expect(again.rows).toMatchObject({ in: 1, out: 1 });
    expect(await spark.read.format("delta").load(w.lake).count()).toBe(2);
  });

  it("continuous: keeps ingesting files as they land until the signal aborts", async () => {
    const w = world();
    w.land("a.csv", "1,paid,10\n");
    const stop = new AbortController();
    const running = orders(w.raw, w.lake, { trigger: { processingTime: "20 milliseconds" } }).run({
      spark,
      continuous: true,
      signal: stop.signal,
    });
    const count = async () =>
      existsSync(join(w.lake, "_delta_log", "00000000000000000000.json"))
        ? spark.read.format("delta").load(w.lake).count()
        : 0;
    const until = async (n: number) => {
      while ((await count()) < n) await new Promise((r) => setTimeout(r, 20));
    };
    await until(1);
    w.land("b.csv", "2,paid,20\n");
    await until(2);
    stop.abort();
    const summary = await running;
    expect(summary.status).toBe("succeeded");
    expect(summary.rows).toMatchObject({ in: 2, out: 2 });
    expect(summary.stream).toMatchObject({ batches: 2, files: 2 });
  });

  it("tributary run: a streaming pipeline ingests what is new and exits 0", async () => {
    const w = world();
    w.land("a.csv", "1,paid,10\n");
    const file = join(w.dir, "pipeline.ts");
    const index = JSON.stringify(join(import.meta.dirname, "..", "..", "..", "src", "index.js"));
    writeFileSync(
      file,
      `import { definePipeline } from ${index};\nexport default definePipeline({ name: "cli_stream", source: { format: "csv", path: ${JSON.stringify(w.raw)}, schema: "id BIGINT, status STRING, amount BIGINT", options: { header: true }, stream: true }, sink: { path: ${JSON.stringify(w.lake)} } });\n`,
    );
    const first = await runCli(["run", file, "--master", "local[1]"]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(
      /\n {2}stream: 1 batch\(es\), 1 file\(s\) ingested, 0 waiting \(query [0-9a-f-]{36}\)\n/,
    );
    const again = await runCli(["run", file, "--json"]);
    expect(JSON.parse(again.out)).toMatchObject({
      status: "succeeded",
      rows: { in: 0 },
      stream: { batches: 0 },
    });
  });
});
