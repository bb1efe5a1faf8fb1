import { createSocket } from "node:dgram";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MetricRegistry } from "../../../src/monitoring/metrics/registry.js";
import { GraphiteSink } from "../../../src/monitoring/sinks/graphite-sink.js";
import { LineServer, until } from "./servers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function lineServer(): Promise<LineServer> {
  const server = new LineServer();
  await server.start();
  cleanups.push(() => server.stop());
  return server;
}

function setup(port: number, extra: { periodMs?: number; timeoutMs?: number } = {}) {
  const registry = new MetricRegistry({ app: "flights" });
  const rows = registry.counter("pipeline.rows.read");
  const warnings: string[] = [];
  const sink = new GraphiteSink(() => registry.snapshot(), {
    host: "127.0.0.1",
    port,
    prefix: "test",
    timeoutMs: 1_000,
    warn: (m) => warnings.push(m),
    ...extra,
  });
  cleanups.push(() => sink.stop());
  return { registry, rows, warnings, sink };
}

describe("GraphiteSink over TCP", () => {
  it("sends plaintext lines, drops reports while carbon is down, and reconnects", async () => {
    const carbon = await lineServer();
    const { registry, rows, warnings, sink } = setup(carbon.port);

    rows.inc(1);
    await sink.report(registry.snapshot());
    await until(() => carbon.lines.length === 1);
    expect(carbon.lines[0]).toMatch(/^test\.flights\.pipeline\.rows\.read\.count 1 \d+$/);

    await carbon.stop();
    rows.inc(1);
    await expect(sink.report(registry.snapshot())).resolves.toBeUndefined();
    await sink.report(registry.snapshot());
    // One warning for the outage, not one per period.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Graphite sink "graphite" (tcp://127.0.0.1:');
    expect(warnings[0]).toContain("ECONNREFUSED");
    expect(warnings[0]).toContain("report dropped, retrying every period");

    await carbon.start(); // same port, as a restarted carbon
    rows.inc(1);
    await sink.report(registry.snapshot());
    await until(() => carbon.lines.length === 2);
    expect(carbon.lines[1]).toMatch(/\.count 3 \d+$/);
    expect(warnings[1]).toContain("working again after 2 dropped report(s)");
  });

  it("reports every period and once more at stop", async () => {
    const carbon = await lineServer();
    const { rows, sink } = setup(carbon.port, { periodMs: 50 });
    rows.inc(5);
    await sink.start();
    await until(() => carbon.lines.length >= 2);
    rows.inc(1);
    await sink.stop();
    expect(carbon.lines.at(-1)).toMatch(/\.count 6 \d+$/);
  });

  it("never waits longer than the timeout for a carbon that accepts but never answers", async () => {
    // Accepts and never reads nor closes: the report must not hang the caller.
    const sockets: import("node:net").Socket[] = [];
    const stuck = createServer((s) => {
      sockets.push(s);
      s.pause();
    });
    await new Promise<void>((resolve) => stuck.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          stuck.close(() => resolve());
        }),
    );
    const { registry, warnings, sink } = setup((stuck.address() as AddressInfo).port, {
      timeoutMs: 200,
    });
    registry.counter("x").inc();
    const began = Date.now();
    const first = sink.report(registry.snapshot());
    // A second report while the first is in flight is dropped rather than queued.
    await sink.report(registry.snapshot());
    expect(warnings[0]).toContain("the previous report is still being sent");
    await first;
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it("warns, without throwing, for a host that does not resolve", async () => {
    const { registry, warnings, sink } = setup(2003);
    const named = new GraphiteSink(() => registry.snapshot(), {
      host: "no-such-host.invalid",
      port: 2003,
      timeoutMs: 2_000,
      warn: (m) => warnings.push(m),
    });
    registry.counter("x").inc();
    await named.report(registry.snapshot());
    await named.stop();
    await sink.stop();
    expect(warnings[0]).toContain("no-such-host.invalid");
  });
});

describe("GraphiteSink over UDP", () => {
  it("sends lines in datagrams", async () => {
    const received: string[] = [];
    const udp = createSocket("udp4");
    udp.on("message", (m) => received.push(...m.toString().split("\n").filter(Boolean)));
    await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => udp.close(() => resolve())));
    const registry = new MetricRegistry({ app: "flights" });
    const warnings: string[] = [];
    const sink = new GraphiteSink(() => registry.snapshot(), {
      host: "127.0.0.1",
      port: udp.address().port,
      protocol: "udp",
      warn: (m) => warnings.push(m),
    });
    registry.counter("pipeline.rows.read").inc(9);
    registry.timer("stage").update(3);
    await sink.stop(); // the final report
    // One counter line and a timer's 11 (count, max, mean, min, stddev, 6 quantiles).
    await until(() => received.length === 12);
    expect(received[0]).toMatch(/^flights\.pipeline\.rows\.read\.count 9 \d+$/);
    expect(received.slice(1).map((l) => l.split(" ")[0])).toEqual(
      ["count", "max", "mean", "min", "stddev", "p50", "p75", "p95", "p98", "p99", "p999"].map(
        (f) => `flights.stage.${f}`,
      ),
    );
    expect(warnings).toEqual([]);
  });
});
