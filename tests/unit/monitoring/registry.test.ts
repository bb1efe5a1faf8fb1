import { describe, expect, it } from "vitest";
import { IllegalArgumentError } from "../../../src/errors.js";
import { PipelineMetrics } from "../../../src/monitoring/metrics/pipeline-metrics.js";
import { MetricRegistry } from "../../../src/monitoring/metrics/registry.js";
import { quantileOf, UniformReservoir } from "../../../src/monitoring/metrics/reservoir.js";
import { Timer } from "../../../src/monitoring/metrics/timer.js";
import { thrown } from "./helpers.js";

describe("MetricRegistry", () => {
  it("returns the same metric for the same name and labels, in any label order", () => {
    const r = new MetricRegistry();
    const a = r.counter("rows", undefined, { a: "1", b: "2" });
    expect(r.counter("rows", undefined, { b: "2", a: "1" })).toBe(a);
    expect(r.counter("rows", undefined, { a: "1" })).not.toBe(a);
  });

  it("counts, and refuses to count down", () => {
    const c = new MetricRegistry().counter("rows");
    c.inc();
    c.inc(41);
    expect(c.value).toBe(42);
    expect(thrown(() => c.inc(-1))).toBeInstanceOf(IllegalArgumentError);
    expect(thrown(() => c.inc(Number.NaN)).code).toBe("ILLEGAL_ARGUMENT");
  });

  it("reads gauges set or tracked, and a failing callback as NaN", () => {
    const r = new MetricRegistry();
    const g = r.gauge("version");
    g.set(3);
    expect(g.value).toBe(3);
    let n = 5;
    g.track(() => n);
    n = 6;
    expect(g.value).toBe(6);
    g.track(() => {
      throw new Error("boom");
    });
    expect(g.value).toBeNaN();
    expect(r.snapshot().samples[0]).toMatchObject({ kind: "gauge", value: Number.NaN });
  });

  it.each(["rows read", "1rows", "rows..read", "rows.", "", "rows/read"])(
    "rejects the metric name %j",
    (name) => {
      const e = thrown(() => new MetricRegistry().counter(name));
      expect(e.message).toBe(`Invalid metric name "${name}".`);
      expect(e.hint).toContain("dot-separated");
    },
  );

  it.each(["1a", "a-b", "__a", "quantile", ""])("rejects the label name %j", (label) => {
    const e = thrown(() => new MetricRegistry().counter("rows", undefined, { [label]: "x" }));
    expect(e.message).toBe(`Invalid label name "${label}" on metric "rows".`);
  });

  it("refuses one name for two kinds, and two names for one Prometheus name", () => {
    const r = new MetricRegistry();
    r.counter("a.b");
    expect(thrown(() => r.gauge("a.b")).message).toBe(
      'Metric "a.b" is a counter; it cannot also be a gauge.',
    );
    expect(thrown(() => r.counter("a_b")).message).toBe(
      'Metrics "a.b" and "a_b" would both be exposed to Prometheus as a_b_total.',
    );
  });

  it("snapshots sorted by name then labels, with the help of the first registration", () => {
    const r = new MetricRegistry({ app: "demo" });
    r.gauge("z").set(1);
    r.counter("a", undefined, { k: "2" }).inc(2);
    r.counter("a", "help", { k: "1" }).inc(1);
    const s = r.snapshot(1234);
    expect(s.timestamp).toBe(1234);
    expect(s.app).toBe("demo");
    expect(s.samples.map((x) => [x.name, x.labels, x.help])).toEqual([
      ["a", { k: "1" }, "help"],
      ["a", { k: "2" }, "help"],
      ["z", {}, undefined],
    ]);
    expect(Object.isFrozen(s.samples)).toBe(true);
  });
});

describe("Timer", () => {
  it("computes count, sum, min, max, mean, sample stddev and interpolated quantiles", () => {
    const t = new Timer();
    for (let ms = 1; ms <= 10; ms++) t.update(ms);
    const s = t.stats();
    expect(s).toMatchObject({ count: 10, sum: 55, min: 1, max: 10, mean: 5.5 });
    expect(s.stddev).toBeCloseTo(Math.sqrt(82.5 / 9), 12);
    // Dropwizard's positions q * (n + 1): 5.5 -> between 5 and 6; 8.25; beyond n -> max.
    expect([s.p50, s.p75, s.p95, s.p98, s.p99, s.p999]).toEqual([5.5, 8.25, 10, 10, 10, 10]);
  });

  it("reports zeros before the first value", () => {
    expect(new Timer().stats()).toEqual({
      count: 0,
      sum: 0,
      min: 0,
      max: 0,
      mean: 0,
      stddev: 0,
      p50: 0,
      p75: 0,
      p95: 0,
      p98: 0,
      p99: 0,
      p999: 0,
    });
  });

  it("times synchronous work, promises, and failures", async () => {
    const t = new Timer();
    expect(t.time(() => 7)).toBe(7);
    await expect(
      t.time(() => new Promise<string>((resolve) => setTimeout(() => resolve("ok"), 20))),
    ).resolves.toBe("ok");
    expect(() =>
      t.time(() => {
        throw new Error("x");
      }),
    ).toThrow("x");
    await expect(t.time(() => Promise.reject(new Error("y")))).rejects.toThrow("y");
    const s = t.stats();
    expect(s.count).toBe(4);
    expect(s.max).toBeGreaterThanOrEqual(15);
  });

  it("records a start/stop measurement once", async () => {
    const t = new Timer();
    const ctx = t.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const first = ctx.stop();
    expect(ctx.stop()).toBe(first);
    expect(t.stats().count).toBe(1);
    expect(first).toBeGreaterThanOrEqual(5);
  });

  it("refuses negative durations", () => {
    expect(thrown(() => new Timer().update(-1)).code).toBe("ILLEGAL_ARGUMENT");
  });
});

describe("UniformReservoir", () => {
  it("keeps at most its size, replacing uniformly", () => {
    let i = 0;
    const randoms = [0.0, 0.99];
    const r = new UniformReservoir(2, () => randoms[i++] ?? 0);
    for (const v of [1, 2, 3, 4]) r.update(v);
    // 3rd value: slot floor(0 * 3) = 0 replaces 1; 4th: floor(0.99 * 4) = 3 >= 2, dropped.
    expect(r.sorted()).toEqual([2, 3]);
  });

  it("interpolates quantiles as Dropwizard's UniformSnapshot", () => {
    expect(quantileOf([], 0.5)).toBe(0);
    expect(quantileOf([7], 0.99)).toBe(7);
    expect(quantileOf([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOf([1, 2, 3, 4], 0.1)).toBe(1);
  });
});

describe("PipelineMetrics", () => {
  it("registers the standard pipeline metrics with the given labels", () => {
    const r = new MetricRegistry();
    const m = new PipelineMetrics(r, { pipeline: "flights" });
    m.rowsRead.inc(10);
    m.rowsWritten.inc(8);
    m.rowsRejected.inc(1);
    m.rowsQuarantined.inc(1);
    m.tableVersion.set(3);
    m.stage("read").update(5);
    expect(m.stage("read")).toBe(m.stage("read"));
    const names = r
      .snapshot()
      .samples.map((s) => `${s.kind} ${s.name} ${JSON.stringify(s.labels)}`);
    expect(names).toEqual([
      'counter pipeline.bytes.written {"pipeline":"flights"}',
      'counter pipeline.expectations.failed {"pipeline":"flights"}',
      'counter pipeline.files.written {"pipeline":"flights"}',
      'gauge pipeline.freshness.delay.seconds {"pipeline":"flights"}',
      'counter pipeline.rows.quarantined {"pipeline":"flights"}',
      'counter pipeline.rows.read {"pipeline":"flights"}',
      'counter pipeline.rows.rejected {"pipeline":"flights"}',
      'counter pipeline.rows.written {"pipeline":"flights"}',
      'timer pipeline.stage.duration {"pipeline":"flights","stage":"read"}',
      'gauge pipeline.table.version {"pipeline":"flights"}',
    ]);
  });
});
