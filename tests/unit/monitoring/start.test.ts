import { writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { MetricRegistry } from "../../../src/monitoring/metrics/registry.js";
import { PrometheusEndpoint } from "../../../src/monitoring/sinks/prometheus-endpoint.js";
import { startMetricsSinks } from "../../../src/monitoring/sinks/start.js";
import { useTempDirs } from "../config/helpers.js";
import { HttpRecorder, LineServer, until } from "./servers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const tempDir = useTempDirs();

describe("startMetricsSinks", () => {
  it("starts every sink metrics.properties names and flushes them all at stop", async () => {
    const carbon = new LineServer();
    await carbon.start();
    const gateway = new HttpRecorder();
    await gateway.start();
    cleanups.push(
      () => carbon.stop(),
      () => gateway.stop(),
    );
    const text = [
      "*.sink.graphite.class=org.apache.spark.metrics.sink.GraphiteSink",
      "*.sink.graphite.host=127.0.0.1",
      `*.sink.graphite.port=${carbon.port}`,
      "*.sink.graphite.prefix=ci",
      "*.sink.prom.class=org.apache.spark.metrics.sink.PrometheusServlet",
      "*.sink.prom.port=0",
      "*.sink.console.class=org.apache.spark.metrics.sink.ConsoleSink",
      "*.sink.pgw.class=tributary.PushGatewaySink",
      `*.sink.pgw.address=${gateway.address}`,
      "*.sink.pgw.job=ingest",
      "*.sink.pgw.groupingKey.table=lake/flights",
    ].join("\n");
    const registry = new MetricRegistry({ app: "flights" });
    const printed: string[] = [];
    const warnings: string[] = [];
    const metrics = await startMetricsSinks(
      registry,
      { text },
      { write: (t) => printed.push(t), warn: (m) => warnings.push(m) },
    );
    expect(metrics.sinks.map((s) => s.name)).toEqual(["graphite", "prom", "console", "pgw"]);
    registry.counter("pipeline.rows.read").inc(12);

    const endpoint = metrics.sinks[1];
    expect(endpoint).toBeInstanceOf(PrometheusEndpoint);
    const url = endpoint instanceof PrometheusEndpoint ? (endpoint.url ?? "") : "";
    expect(await (await fetch(url)).text()).toContain("pipeline_rows_read_total 12\n");

    await metrics.stop();
    await until(() => carbon.lines.length === 1);
    expect(carbon.lines[0]).toMatch(/^ci\.flights\.pipeline\.rows\.read\.count 12 \d+$/);
    expect(printed.join("")).toContain("pipeline.rows.read\n             count = 12\n");
    expect(gateway.requests.map((r) => r.url)).toEqual([
      "/metrics/job/ingest/table@base64/bGFrZS9mbGlnaHRz",
    ]);
    expect(warnings).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  });

  it("reads a file, and names a missing one", async () => {
    const dir = await tempDir();
    const path = `${dir}/metrics.properties`;
    await writeFile(path, "*.sink.console.class=org.apache.spark.metrics.sink.ConsoleSink\n");
    const metrics = await startMetricsSinks(new MetricRegistry(), { path }, { write: () => {} });
    expect(metrics.sinks.map((s) => s.name)).toEqual(["console"]);
    await metrics.stop();

    const missing = await startMetricsSinks(new MetricRegistry(), { path: `${dir}/nope` }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as ConfigError).code).toBe("CONFIG_FILE_NOT_FOUND");
  });

  it("names the file in configuration errors", async () => {
    const error = await startMetricsSinks(new MetricRegistry(), {
      text: "*.sink.x.class=Nope\n",
      file: "/etc/tributary/metrics.properties",
    }).catch((e: unknown) => e);
    expect((error as ConfigError).message).toContain("/etc/tributary/metrics.properties:1:");
  });

  it("stops the sinks already started when a later one cannot start", async () => {
    const taken = new PrometheusEndpoint(() => new MetricRegistry().snapshot(), { port: 0 });
    await taken.start();
    cleanups.push(() => taken.stop());
    const port = new URL(taken.url ?? "").port;
    const printed: string[] = [];
    const text = [
      "*.sink.console.class=org.apache.spark.metrics.sink.ConsoleSink",
      "*.sink.prom.class=org.apache.spark.metrics.sink.PrometheusServlet",
      `*.sink.prom.port=${port}`,
    ].join("\n");
    const error = await startMetricsSinks(
      new MetricRegistry(),
      { text },
      {
        write: (t) => printed.push(t),
      },
    ).catch((e: unknown) => e);
    expect((error as ConfigError).code).toBe("METRICS_ENDPOINT_LISTEN_FAILED");
    expect((error as ConfigError).hint).toContain("*.sink.prom.port");
    expect(printed).toHaveLength(1); // the console sink was stopped (its final report)
  });
});
