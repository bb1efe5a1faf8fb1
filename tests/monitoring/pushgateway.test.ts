/**
 * PushGatewaySink against a real Prometheus pushgateway (Debian's prometheus-pushgateway):
 * the pushed group carries a job and a grouping value containing `/` (sent base64-encoded),
 * and the gateway serves the series with those labels decoded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetricRegistry } from "../../src/monitoring/metrics/registry.js";
import { PushGatewaySink } from "../../src/monitoring/sinks/pushgateway-sink.js";
import { PushGateway } from "./pushgateway.js";

let gateway: PushGateway;

beforeAll(async () => {
  gateway = new PushGateway(); // fails with "run scripts/monitoring/setup.sh" if not installed
  await gateway.start();
});

afterAll(async () => {
  await gateway?.stop();
});

interface ApiGroup {
  readonly labels: Record<string, string>;
  readonly [family: string]: unknown;
}

async function groups(): Promise<ApiGroup[]> {
  const response = await fetch(`${gateway.address}/api/v1/metrics`);
  const body = (await response.json()) as { status: string; data: ApiGroup[] };
  expect(body.status).toBe("success");
  return body.data;
}

describe("PushGatewaySink -> prometheus-pushgateway", () => {
  it("pushes a group whose job and grouping value contain /", async () => {
    const registry = new MetricRegistry({ app: "itest" });
    registry.counter("pipeline.rows.read", "Rows read.").inc(1000);
    registry.gauge("pipeline.table.version", "Table version.").set(12);
    const read = registry.timer("pipeline.stage.duration", "Stage duration.", { stage: "read" });
    for (const ms of [10, 20, 30]) read.update(ms);
    const warnings: string[] = [];
    const sink = new PushGatewaySink(() => registry.snapshot(), {
      address: gateway.address,
      job: "nightly/ingest",
      groupingKey: { table: "lake/flights", instance: "etl-1" },
      warn: (m) => warnings.push(m),
    });
    expect(sink.url).toBe(
      `${gateway.address}/metrics/job@base64/bmlnaHRseS9pbmdlc3Q/table@base64/bGFrZS9mbGlnaHRz/instance/etl-1`,
    );
    await sink.start();
    await sink.stop(); // a batch run pushes once, at the end
    expect(warnings).toEqual([]);

    const text = await (await fetch(`${gateway.address}/metrics`)).text();
    const labels = 'instance="etl-1",job="nightly/ingest",table="lake/flights"';
    expect(text).toContain("# TYPE pipeline_rows_read_total counter\n");
    expect(text).toContain(`pipeline_rows_read_total{${labels}} 1000\n`);
    expect(text).toContain(`pipeline_table_version{${labels}} 12\n`);
    expect(text).toContain("# TYPE pipeline_stage_duration_seconds summary\n");
    // The gateway sorts labels by name (quantile stays last).
    const timer = 'instance="etl-1",job="nightly/ingest",stage="read",table="lake/flights"';
    expect(text).toContain(`pipeline_stage_duration_seconds{${timer},quantile="0.5"} 0.02\n`);
    expect(text).toContain(`pipeline_stage_duration_seconds{${timer},quantile="0.99"} 0.03\n`);
    expect(text).toContain(`pipeline_stage_duration_seconds_sum{${timer}} 0.06\n`);
    expect(text).toContain(`pipeline_stage_duration_seconds_count{${timer}} 3\n`);

    const group = (await groups()).find((g) => g.labels.job === "nightly/ingest");
    expect(group?.labels).toEqual({
      job: "nightly/ingest",
      table: "lake/flights",
      instance: "etl-1",
    });
    expect(Object.keys(group ?? {})).toEqual(
      expect.arrayContaining([
        "pipeline_rows_read_total",
        "pipeline_table_version",
        "pipeline_stage_duration_seconds",
        "push_time_seconds",
      ]),
    );
  });

  it("replaces the group on the next PUT, and encodes an empty grouping value", async () => {
    const registry = new MetricRegistry();
    const rows = registry.counter("batch.rows");
    const sink = () =>
      new PushGatewaySink(() => registry.snapshot(), {
        address: gateway.address,
        job: "replace",
        groupingKey: { shard: "" },
      });
    rows.inc(1);
    await sink().stop();
    rows.inc(1);
    await sink().stop();
    const text = await (await fetch(`${gateway.address}/metrics`)).text();
    // The second PUT replaced the first; the empty value arrived (as `shard@base64/=`).
    expect(text).toContain('batch_rows_total{instance="",job="replace",shard=""} 2\n');
    expect(text).not.toContain('batch_rows_total{instance="",job="replace",shard=""} 1\n');
  });

  it("turns a push the gateway refuses into a warning", async () => {
    // The same name as a counter in another group: the gateway rejects inconsistent metrics.
    const registry = new MetricRegistry();
    registry.gauge("pipeline.rows.read_total").set(1);
    const warnings: string[] = [];
    const sink = new PushGatewaySink(() => registry.snapshot(), {
      address: gateway.address,
      job: "conflict",
      warn: (m) => warnings.push(m),
    });
    await expect(sink.stop()).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Pushgateway sink "pushgateway"');
    expect(warnings[0]).toContain("HTTP 400");
  });
});
