/**
 * GraphiteSink against a real carbon-cache (Debian's graphite-carbon): metrics land in whisper
 * files, a carbon restart in the middle of the run costs only the reports made while it was
 * down, and the sink warns instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetricRegistry } from "../../src/monitoring/metrics/registry.js";
import { GraphiteSink } from "../../src/monitoring/sinks/graphite-sink.js";
import { Carbon } from "./carbon.js";
import { eventually } from "./eventually.js";

let carbon: Carbon;

beforeAll(async () => {
  carbon = new Carbon(); // fails with "run scripts/monitoring/setup.sh" if not installed
  await carbon.start();
});

afterAll(async () => {
  await carbon?.destroy();
});

/** Waits until whisper holds `value` for `metric`. */
async function stored(metric: string, value: number): Promise<number[]> {
  return eventually(async () => {
    const values = await carbon.values(metric);
    return values.includes(value) ? values : undefined;
  }, `${metric} = ${value} in whisper (carbon output:\n${carbon.output()})`);
}

describe("GraphiteSink -> carbon-cache -> whisper", () => {
  it("stores counters, gauges and timers over TCP and survives a carbon restart", async () => {
    const registry = new MetricRegistry({ app: "itest" });
    const rows = registry.counter("pipeline.rows.read");
    const version = registry.gauge("pipeline.table.version");
    const read = registry.timer("pipeline.stage.duration", undefined, { stage: "read" });
    const warnings: string[] = [];
    const sink = new GraphiteSink(() => registry.snapshot(), {
      host: "127.0.0.1",
      port: carbon.port,
      prefix: "tributary",
      periodMs: 1_000,
      warn: (m) => warnings.push(m),
    });
    await sink.start();
    try {
      rows.inc(100);
      version.set(1);
      for (const ms of [10, 20, 30]) read.update(ms);
      await stored("tributary.itest.pipeline.rows.read.count", 100);
      expect(warnings).toEqual([]);

      // carbon goes away: reports are dropped with one warning, the pipeline goes on.
      await carbon.pause();
      rows.inc(50);
      version.set(2);
      await eventually(async () => (warnings.length > 0 ? true : undefined), "a warning");
      expect(warnings[0]).toContain("ECONNREFUSED");
      expect(warnings[0]).toContain("report dropped, retrying every period");
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // one more failed period
      expect(warnings).toHaveLength(1);

      // carbon is back on the same port: the next period reaches it.
      await carbon.resume();
      await stored("tributary.itest.pipeline.rows.read.count", 150);
      await eventually(async () => (warnings.length > 1 ? true : undefined), "recovery notice");
      expect(warnings[1]).toMatch(/working again after \d+ dropped report\(s\)/);
    } finally {
      await sink.stop();
    }

    const counts = await carbon.values("tributary.itest.pipeline.rows.read.count");
    expect(new Set(counts)).toEqual(new Set([100, 150]));
    const versions = await stored("tributary.itest.pipeline.table.version", 2);
    expect(versions[0]).toBe(1);
    const timer = "tributary.itest.pipeline.stage.duration.stage.read";
    expect((await stored(`${timer}.count`, 3)).every((v) => v === 3)).toBe(true);
    await stored(`${timer}.max`, 30);
    await stored(`${timer}.min`, 10);
    await stored(`${timer}.mean`, 20);
    await stored(`${timer}.p50`, 20);
    await stored(`${timer}.p99`, 30);
    await stored(`${timer}.stddev`, 10);
  });

  it("stores metrics sent over UDP", async () => {
    const registry = new MetricRegistry({ app: "itest" });
    registry.counter("pipeline.files.written").inc(7);
    const warnings: string[] = [];
    const sink = new GraphiteSink(() => registry.snapshot(), {
      host: "127.0.0.1",
      port: carbon.port,
      protocol: "udp",
      prefix: "udp",
      warn: (m) => warnings.push(m),
    });
    await sink.start();
    await sink.stop(); // the final report
    await stored("udp.itest.pipeline.files.written.count", 7);
    expect(warnings).toEqual([]);
  });
});
