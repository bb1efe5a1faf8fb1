import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { parseMetricsProperties } from "../../../src/monitoring/sinks/metrics-properties.js";
import { thrown } from "./helpers.js";

const GRAPHITE = "org.apache.spark.metrics.sink.GraphiteSink";
const FILE = "conf/metrics.properties";

const parse = (text: string) => parseMetricsProperties(text, FILE);
const error = (text: string) => {
  const e = thrown(() => parse(text));
  expect(e).toBeInstanceOf(ConfigError);
  return e;
};

describe("parseMetricsProperties", () => {
  it("reads Spark's template for Graphite, with defaults", () => {
    const sinks = parse(
      [
        "# Enable Graphite",
        `*.sink.graphite.class=${GRAPHITE}`,
        "*.sink.graphite.host=127.0.0.1",
        "*.sink.graphite.port=2003",
        "*.source.jvm.class=org.apache.spark.metrics.source.JvmSource",
        "executor.sink.graphite.port=9999",
      ].join("\n"),
    );
    expect(sinks).toEqual([
      {
        kind: "graphite",
        name: "graphite",
        host: "127.0.0.1",
        port: 2003,
        protocol: "tcp",
        periodMs: 10_000,
        prefix: "",
        filter: undefined,
      },
    ]);
  });

  it("applies driver entries over * entries and reads every option", () => {
    const [sink] = parse(
      [
        `*.sink.graphite.class=${GRAPHITE}`,
        "*.sink.graphite.host=graphite",
        "*.sink.graphite.port=2003",
        "driver.sink.graphite.port=2103",
        "*.sink.graphite.period=2",
        "*.sink.graphite.unit=MINUTES",
        "*.sink.graphite.prefix=prod.etl",
        "*.sink.graphite.protocol=UDP",
        "*.sink.graphite.regex=^flights\\\\.",
      ].join("\n"),
    );
    expect(sink).toMatchObject({
      port: 2103,
      periodMs: 120_000,
      prefix: "prod.etl",
      protocol: "udp",
    });
    expect(sink?.kind === "graphite" && sink.filter?.source).toBe("^flights\\.");
  });

  it("reads console, Prometheus servlet and pushgateway sinks", () => {
    const sinks = parse(
      [
        "*.sink.console.class=org.apache.spark.metrics.sink.ConsoleSink",
        "*.sink.console.period=1",
        "*.sink.prometheusServlet.class=org.apache.spark.metrics.sink.PrometheusServlet",
        "*.sink.prometheusServlet.path=/metrics/prometheus",
        "*.sink.prometheusServlet.port=0",
        "*.sink.pushgateway.class=tributary.PushGatewaySink",
        "*.sink.pushgateway.address=127.0.0.1:9091",
        "*.sink.pushgateway.job=ingest",
        "*.sink.pushgateway.groupingKey.table=lake/flights",
        "*.sink.pushgateway.groupingKey.instance=",
      ].join("\n"),
    );
    expect(sinks).toEqual([
      { kind: "console", name: "console", periodMs: 1000 },
      {
        kind: "prometheus",
        name: "prometheusServlet",
        host: "127.0.0.1",
        port: 0,
        path: "/metrics/prometheus",
      },
      {
        kind: "pushgateway",
        name: "pushgateway",
        address: "127.0.0.1:9091",
        job: "ingest",
        groupingKey: { table: "lake/flights", instance: "" },
        method: "put",
        periodMs: undefined,
      },
    ]);
  });

  it("configures nothing from an empty file", () => {
    expect(parse("# nothing\n")).toEqual([]);
  });

  it("names file, line, key and the supported classes for an unknown class", () => {
    const e = error("*.sink.csv.class=org.apache.spark.metrics.sink.CsvSink\n");
    expect(e.code).toBe("METRICS_SINK_UNKNOWN_CLASS");
    expect(e.message).toBe(
      `${FILE}:1: unknown metrics sink class "org.apache.spark.metrics.sink.CsvSink" for *.sink.csv.class.`,
    );
    expect(e.hint).toContain(GRAPHITE);
    expect(e.context).toMatchObject({ file: FILE, key: "*.sink.csv.class" });
  });

  it("shows the line to add for a missing required option", () => {
    const e = error(`driver.sink.graphite.class=${GRAPHITE}\ndriver.sink.graphite.host=h\n`);
    expect(e.code).toBe("METRICS_SINK_MISSING_OPTION");
    expect(e.message).toBe(`${FILE}: the metrics sink "graphite" needs driver.sink.graphite.port.`);
    expect(e.hint).toBe(`Add a line such as driver.sink.graphite.port=2003 to ${FILE}.`);
  });

  it("requires a class", () => {
    const e = error("*.sink.graphite.host=h\n");
    expect(e.code).toBe("METRICS_SINK_MISSING_OPTION");
    expect(e.hint).toBe(`Add a line such as *.sink.graphite.class=${GRAPHITE} to ${FILE}.`);
  });

  it("suggests the closest option for an unknown one", () => {
    const e = error(`*.sink.graphite.class=${GRAPHITE}\n*.sink.graphite.hots=h\n`);
    expect(e.code).toBe("METRICS_SINK_UNKNOWN_OPTION");
    expect(e.message).toBe(
      `${FILE}:2: unknown option *.sink.graphite.hots for the metrics sink "graphite".`,
    );
    expect(e.hint).toBe("Did you mean *.sink.graphite.host?");
  });

  it.each([
    ["port", "70000", "a port number from 1 to 65535"],
    ["port", "20o3", "a port number from 1 to 65535"],
    ["period", "0", "a whole number greater than 0"],
    ["period", "1.5", "a whole number greater than 0"],
    ["unit", "fortnights", "one of nanoseconds, microseconds"],
    ["protocol", "pickle", "one of tcp, udp"],
    ["regex", "(", "a regular expression"],
  ])("rejects %s=%s", (option, value, expected) => {
    const base = [`*.sink.graphite.class=${GRAPHITE}`, "*.sink.graphite.host=h"];
    if (option !== "port") base.push("*.sink.graphite.port=2003");
    const e = error([...base, `*.sink.graphite.${option}=${value}`].join("\n"));
    expect(e.code).toBe("METRICS_SINK_INVALID_VALUE");
    expect(e.message).toContain(
      `${FILE}:${base.length + 1}: invalid value "${value}" for *.sink.graphite.${option}.`,
    );
    expect(e.message).toContain(`Expected ${expected}`);
  });

  it("refuses periods under one second, as Spark does", () => {
    const e = error(
      [
        "*.sink.console.class=org.apache.spark.metrics.sink.ConsoleSink",
        "*.sink.console.period=500",
        "*.sink.console.unit=milliseconds",
      ].join("\n"),
    );
    expect(e.message).toContain("Expected a period of at least 1 second.");
  });

  it.each(["job", "bad-label"])("refuses the grouping label %j", (label) => {
    const e = error(
      [
        "*.sink.g.class=tributary.PushGatewaySink",
        "*.sink.g.address=127.0.0.1:9091",
        `*.sink.g.groupingKey.${label}=x`,
      ].join("\n"),
    );
    expect(e.code).toBe("METRICS_SINK_INVALID_VALUE");
    expect(e.message).toBe(
      `${FILE}:3: invalid value "x" for *.sink.g.groupingKey.${label}. ` +
        "Expected a label name [a-zA-Z_][a-zA-Z0-9_]* other than job.",
    );
  });

  it("needs a port for the Prometheus endpoint and an address for the pushgateway", () => {
    const p = error("*.sink.p.class=org.apache.spark.metrics.sink.PrometheusServlet\n");
    expect(p.hint).toBe(`Add a line such as *.sink.p.port=9464 to ${FILE}.`);
    const g = error("*.sink.g.class=tributary.PushGatewaySink\n");
    expect(g.hint).toBe(
      `Add a line such as *.sink.g.address=http://pushgateway.example.com:9091 to ${FILE}.`,
    );
  });
});
