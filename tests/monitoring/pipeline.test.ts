/**
 * A pipeline run reports its metrics through the sinks of its metrics.properties: to a real
 * carbon-cache (read back from whisper) and to a real pushgateway (the batch job's final
 * push, with the last-success gauge alerting rules watch).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definePipeline, SparkSession } from "../../src/index.js";
import { graphitePath } from "../../src/monitoring/metrics/names.js";
import { Carbon } from "./carbon.js";
import { eventually } from "./eventually.js";
import { PushGateway } from "./pushgateway.js";

let carbon: Carbon;
let gateway: PushGateway;
let spark: SparkSession;
beforeAll(async () => {
  carbon = new Carbon();
  gateway = new PushGateway();
  await Promise.all([carbon.start(), gateway.start()]);
  spark = await SparkSession.builder().master("local[1]").create();
});
afterAll(async () => {
  await spark?.stop();
  await carbon?.destroy();
  await gateway?.stop();
});

describe("pipeline metrics -> Graphite and the pushgateway", () => {
  it("sends rows, version and stage timings, and pushes the final values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-pipeline-metrics-"));
    const raw = join(dir, "in.csv");
    writeFileSync(raw, "id,v\n1,a\n2,b\n3,c\n");
    const props = join(dir, "metrics.properties");
    writeFileSync(
      props,
      [
        "*.sink.graphite.class=org.apache.spark.metrics.sink.GraphiteSink",
        "*.sink.graphite.host=127.0.0.1",
        `*.sink.graphite.port=${carbon.port}`,
        "*.sink.graphite.period=1",
        "*.sink.graphite.prefix=tributary",
        "*.sink.pushgateway.class=tributary.PushGatewaySink",
        `*.sink.pushgateway.address=${gateway.address}`,
        "*.sink.pushgateway.job=ingest/nightly",
        "",
      ].join("\n"),
    );
    const summary = await definePipeline({
      name: "metered",
      source: { format: "csv", path: raw, options: { header: true } },
      sink: { path: join(dir, "lake", "t") },
      metricsProperties: props,
    }).run({ spark });
    expect(summary.rows.out).toBe(3);

    const written = `${graphitePath("tributary", "metered", "pipeline.rows.written", { pipeline: "metered" })}.count`;
    await eventually(
      async () => ((await carbon.values(written)).includes(3) ? true : undefined),
      `${written} = 3 in whisper`,
    );

    const text = await (await fetch(`${gateway.address}/metrics`)).text();
    expect(text).toMatch(
      /pipeline_rows_written_total\{[^}]*job="ingest\/nightly"[^}]*pipeline="metered"[^}]*\} 3/,
    );
    expect(text).toMatch(
      /pipeline_last_success_timestamp_seconds\{[^}]*pipeline="metered"[^}]*\} \d/,
    );
    expect(text).toMatch(/pipeline_stage_duration_seconds_count\{[^}]*stage="write"[^}]*\} 1/);
  });
});
