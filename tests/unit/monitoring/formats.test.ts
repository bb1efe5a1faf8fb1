import { describe, expect, it } from "vitest";
import {
  graphitePath,
  prometheusFamilyName,
  prometheusName,
} from "../../../src/monitoring/metrics/names.js";
import { MetricRegistry } from "../../../src/monitoring/metrics/registry.js";
import { consoleText } from "../../../src/monitoring/sinks/console-format.js";
import {
  formatGraphiteValue,
  graphiteLines,
} from "../../../src/monitoring/sinks/graphite-format.js";
import { packDatagrams } from "../../../src/monitoring/sinks/graphite-transport.js";
import { prometheusText } from "../../../src/monitoring/sinks/prometheus-format.js";
import { pushgatewayUrl } from "../../../src/monitoring/sinks/pushgateway-path.js";
import { sampleRegistry, T0 } from "./helpers.js";

describe("names", () => {
  it("maps dotted names to Prometheus names and family names", () => {
    expect(prometheusName("pipeline.rows-read")).toBe("pipeline_rows_read");
    expect(prometheusFamilyName("counter", "pipeline.rows.read")).toBe("pipeline_rows_read_total");
    expect(prometheusFamilyName("counter", "requests.total")).toBe("requests_total");
    expect(prometheusFamilyName("gauge", "pipeline.table.version")).toBe("pipeline_table_version");
    expect(prometheusFamilyName("timer", "stage.duration")).toBe("stage_duration_seconds");
    expect(prometheusFamilyName("timer", "stage.seconds")).toBe("stage_seconds");
  });

  it("builds Spark-style Graphite paths: prefix, app, name, then label pairs", () => {
    expect(graphitePath("", undefined, "a.b", {})).toBe("a.b");
    expect(graphitePath("prod.etl", "My App", "a.b", { stage: "read/x" })).toBe(
      "prod.etl.My_App.a.b.stage.read_x",
    );
  });
});

describe("Graphite plaintext lines", () => {
  it("expands counters, gauges and timers as Dropwizard's GraphiteReporter", () => {
    const lines = graphiteLines(sampleRegistry().snapshot(T0), { prefix: "prod" });
    expect(lines.join("")).toBe(
      [
        "prod.flights.pipeline.rows.read.count 1000 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.count 4 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.max 40 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.mean 25 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.min 10 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.stddev 12.909944 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.p50 25 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.p75 37.5 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.p95 40 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.p98 40 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.p99 40 1767225600",
        "prod.flights.pipeline.stage.duration.stage.read.p999 40 1767225600",
        "prod.flights.pipeline.table.version.pipeline.flights 7 1767225600",
        "",
      ].join("\n"),
    );
  });

  it("filters by Spark's regex (without the prefix) and skips non-finite values", () => {
    const registry = sampleRegistry();
    registry.gauge("broken").track(() => Number.NaN);
    const lines = graphiteLines(registry.snapshot(T0), {
      prefix: "p",
      filter: /^flights\.(pipeline\.rows|broken)/,
    });
    expect(lines).toEqual(["p.flights.pipeline.rows.read.count 1000 1767225600\n"]);
  });

  it.each([
    [3, "3"],
    [-2, "-2"],
    [0.5, "0.5"],
    [1 / 3, "0.333333"],
    [1e-9, "0"],
    [12.5, "12.5"],
  ])("formats %d as %s", (value, text) => {
    expect(formatGraphiteValue(value)).toBe(text);
  });

  it("packs lines into datagrams without splitting a line", () => {
    const packets = packDatagrams("aaaa 1 1\nbbbb 2 2\ncccc 3 3\n", 18);
    expect(packets.map(String)).toEqual(["aaaa 1 1\nbbbb 2 2\n", "cccc 3 3\n"]);
  });
});

describe("Prometheus text exposition", () => {
  it("renders families with HELP, TYPE, _total counters and summaries in seconds", () => {
    expect(prometheusText(sampleRegistry().snapshot(T0))).toBe(
      [
        "# HELP pipeline_rows_read_total Rows read from the sources.",
        "# TYPE pipeline_rows_read_total counter",
        "pipeline_rows_read_total 1000",
        "# HELP pipeline_stage_duration_seconds Stage duration.",
        "# TYPE pipeline_stage_duration_seconds summary",
        'pipeline_stage_duration_seconds{stage="read",quantile="0.5"} 0.025',
        'pipeline_stage_duration_seconds{stage="read",quantile="0.75"} 0.0375',
        'pipeline_stage_duration_seconds{stage="read",quantile="0.95"} 0.04',
        'pipeline_stage_duration_seconds{stage="read",quantile="0.98"} 0.04',
        'pipeline_stage_duration_seconds{stage="read",quantile="0.99"} 0.04',
        'pipeline_stage_duration_seconds{stage="read",quantile="0.999"} 0.04',
        'pipeline_stage_duration_seconds_sum{stage="read"} 0.1',
        'pipeline_stage_duration_seconds_count{stage="read"} 4',
        "# HELP pipeline_table_version Table version.",
        "# TYPE pipeline_table_version gauge",
        'pipeline_table_version{pipeline="flights"} 7',
        "",
      ].join("\n"),
    );
  });

  it("escapes help and label values, spells special values, NaN quantiles when empty", () => {
    const r = new MetricRegistry();
    r.gauge("g", 'a\\b\nc "q"', { path: 'C:\\x\n"y"' }).set(Number.POSITIVE_INFINITY);
    r.gauge("h").set(Number.NEGATIVE_INFINITY);
    r.timer("t");
    expect(prometheusText(r.snapshot(T0))).toBe(
      [
        '# HELP g a\\\\b\\nc "q"',
        "# TYPE g gauge",
        'g{path="C:\\\\x\\n\\"y\\""} +Inf',
        "# TYPE h gauge",
        "h -Inf",
        "# TYPE t_seconds summary",
        't_seconds{quantile="0.5"} NaN',
        't_seconds{quantile="0.75"} NaN',
        't_seconds{quantile="0.95"} NaN',
        't_seconds{quantile="0.98"} NaN',
        't_seconds{quantile="0.99"} NaN',
        't_seconds{quantile="0.999"} NaN',
        "t_seconds_sum 0",
        "t_seconds_count 0",
        "",
      ].join("\n"),
    );
  });
});

describe("pushgateway URLs", () => {
  it("percent-encodes plain values and base64-encodes values with / or empty ones", () => {
    expect(pushgatewayUrl("127.0.0.1:9091/", "ingest")).toBe(
      "http://127.0.0.1:9091/metrics/job/ingest",
    );
    expect(
      pushgatewayUrl("https://pgw.example.com", "nightly/ingest", {
        table: "lake/flights",
        empty: "",
        zone: "Europe Paris?",
      }),
    ).toBe(
      "https://pgw.example.com/metrics/job@base64/bmlnaHRseS9pbmdlc3Q" +
        "/table@base64/bGFrZS9mbGlnaHRz/empty@base64/=/zone/Europe%20Paris%3F",
    );
  });
});

describe("console text", () => {
  it("prints a dated block with gauges, counters and timers", () => {
    const text = consoleText(sampleRegistry().snapshot(T0));
    const lines = text.split("\n");
    expect(lines[0]).toBe(`2026-01-01T00:00:00.000Z flights ${"=".repeat(47)}`);
    expect(lines).toContain(`-- Counters ${"-".repeat(68)}`);
    expect(text).toContain("pipeline.rows.read\n             count = 1000\n");
    expect(text).toContain("pipeline.table.version{pipeline=flights}\n             value = 7\n");
    expect(text).toContain("            median = 25.00 milliseconds\n");
    expect(text).toContain("             99.9% = 40.00 milliseconds\n");
  });
});
