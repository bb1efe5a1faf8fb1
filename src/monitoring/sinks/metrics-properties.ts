/**
 * Spark's `metrics.properties`: `[instance].sink.[name].[option]=value`. We run as Spark's
 * `driver` instance, so `*.` entries apply, overridden by `driver.` ones; other instances
 * (`executor.`, `master.`...) and sources (`*.source.jvm.class`) are ignored, as a driver
 * ignores them. Each sink's `class` picks its kind:
 *
 * - `org.apache.spark.metrics.sink.GraphiteSink`: `host`, `port` (required), `period` (10),
 *   `unit` (seconds), `prefix`, `protocol` (tcp | udp), `regex`;
 * - `org.apache.spark.metrics.sink.PrometheusServlet`: `path` (/metrics), and ours: `port`
 *   (required: we have no Spark UI to serve it on), `host` (127.0.0.1);
 * - `org.apache.spark.metrics.sink.ConsoleSink`: `period`, `unit`;
 * - `tributary.PushGatewaySink` (ours): `address` (required), `job` (tributary), `method`
 *   (put | post), `groupingKey.<label>`, and `period`/`unit` to push while running too.
 *
 * Spark splits `sink.<name>.<option>` at the last dot; we split at the first, so an option may
 * hold dots (`groupingKey.table`). Unlike Spark, unknown classes and options are errors, so a
 * typo cannot silently turn metrics off.
 */

import { parseProperties } from "../../config/properties.js";
import { ConfigError } from "../../errors.js";
import type { Labels } from "../metrics/snapshot.js";
import { type SinkOption, SinkOptions } from "./sink-options.js";

/** A Graphite sink's settings. */
export interface GraphiteSinkConfig {
  readonly kind: "graphite";
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: "tcp" | "udp";
  readonly periodMs: number;
  readonly prefix: string;
  readonly filter: RegExp | undefined;
}

/** A Prometheus endpoint's settings. */
export interface PrometheusEndpointConfig {
  readonly kind: "prometheus";
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

/** A pushgateway sink's settings. */
export interface PushGatewaySinkConfig {
  readonly kind: "pushgateway";
  readonly name: string;
  readonly address: string;
  readonly job: string;
  readonly groupingKey: Labels;
  readonly method: "put" | "post";
  readonly periodMs: number | undefined;
}

/** A console sink's settings. */
export interface ConsoleSinkConfig {
  readonly kind: "console";
  readonly name: string;
  readonly periodMs: number;
}

/** One configured sink. */
export type SinkConfig =
  | GraphiteSinkConfig
  | PrometheusEndpointConfig
  | PushGatewaySinkConfig
  | ConsoleSinkConfig;

type Reader = (o: SinkOptions) => SinkConfig;

const PERIOD = ["period", "unit"];

const SINK_CLASSES: Readonly<Record<string, Reader>> = {
  "org.apache.spark.metrics.sink.GraphiteSink": (o) => {
    o.checkKnown(["class", "host", "port", "prefix", "protocol", "regex", ...PERIOD]);
    const regex = o.optional("regex");
    return {
      kind: "graphite",
      name: o.name,
      host: o.required("host", "graphite.example.com"),
      port: o.port("port", "2003"),
      protocol: o.choice("protocol", ["tcp", "udp"], "tcp"),
      periodMs: o.periodMs(10) ?? 10_000,
      prefix: o.optional("prefix") ?? "",
      filter: regex === undefined || regex === "" ? undefined : compile(o, regex),
    };
  },
  "org.apache.spark.metrics.sink.PrometheusServlet": (o) => {
    o.checkKnown(["class", "path", "port", "host"]);
    const path = o.optional("path") || "/metrics";
    if (!path.startsWith("/")) throw o.invalid("path", 'a path starting with "/"');
    return {
      kind: "prometheus",
      name: o.name,
      host: o.optional("host") || "127.0.0.1",
      port: o.port("port", "9464", true),
      path,
    };
  },
  "tributary.PushGatewaySink": (o) => {
    o.checkKnown(["class", "address", "job", "method", ...PERIOD], ["groupingKey"]);
    const address = o.required("address", "http://pushgateway.example.com:9091");
    const url = URL.canParse(/:\/\//.test(address) ? address : `http://${address}`);
    if (!url) throw o.invalid("address", "a URL such as http://pushgateway.example.com:9091");
    return {
      kind: "pushgateway",
      name: o.name,
      address,
      job: o.optional("job") || "tributary",
      groupingKey: groupingKey(o),
      method: o.choice("method", ["put", "post"], "put"),
      periodMs: o.periodMs(undefined),
    };
  },
  "org.apache.spark.metrics.sink.ConsoleSink": (o) => {
    o.checkKnown(["class", ...PERIOD]);
    return { kind: "console", name: o.name, periodMs: o.periodMs(10) ?? 10_000 };
  },
};

/** `groupingKey.<label>` options; label names as Prometheus allows them. */
function groupingKey(o: SinkOptions): Labels {
  const labels = o.group("groupingKey");
  for (const label of Object.keys(labels)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(label) || label === "job") {
      throw o.invalid(`groupingKey.${label}`, "a label name [a-zA-Z_][a-zA-Z0-9_]* other than job");
    }
  }
  return labels;
}

function compile(o: SinkOptions, regex: string): RegExp {
  try {
    return new RegExp(regex);
  } catch {
    throw o.invalid("regex", "a regular expression");
  }
}

/**
 * Reads the sinks that `metrics.properties` text configures for the driver. `file` names the
 * file in errors.
 *
 * @example
 * ```ts
 * parseMetricsProperties(
 *   "*.sink.graphite.class=org.apache.spark.metrics.sink.GraphiteSink\n" +
 *     "*.sink.graphite.host=127.0.0.1\n*.sink.graphite.port=2003\n",
 *   "conf/metrics.properties",
 * ); // [{ kind: "graphite", name: "graphite", host: "127.0.0.1", port: 2003, periodMs: 10000, ... }]
 * ```
 * @throws ConfigError `METRICS_SINK_UNKNOWN_CLASS`, `METRICS_SINK_MISSING_OPTION`,
 *   `METRICS_SINK_UNKNOWN_OPTION` or `METRICS_SINK_INVALID_VALUE`, naming file, key and fix.
 */
export function parseMetricsProperties(
  text: string,
  file = "metrics.properties",
  instance = "driver",
): SinkConfig[] {
  // sink name -> option -> entry; `*` first so the instance's own entries override it.
  const sinks = new Map<string, Map<string, SinkOption>>();
  const classInstance = new Map<string, string>();
  const entries = parseProperties(text, file);
  for (const prefix of ["*", instance]) {
    for (const entry of entries) {
      const match = /^sink\.([^.]+)\.(.+)$/.exec(entry.key.slice(prefix.length + 1));
      if (!entry.key.startsWith(`${prefix}.`) || match === null) continue;
      const [, name = "", option = ""] = match;
      const options = sinks.get(name) ?? new Map<string, SinkOption>();
      sinks.set(name, options);
      options.set(option, { key: entry.key, value: entry.value, line: entry.line });
      if (option === "class") classInstance.set(name, prefix);
    }
  }
  return [...sinks].map(([name, options]) => {
    const reader = new SinkOptions(file, name, classInstance.get(name) ?? "*", options);
    const className = reader.required("class", "org.apache.spark.metrics.sink.GraphiteSink");
    const read = Object.hasOwn(SINK_CLASSES, className) ? SINK_CLASSES[className] : undefined;
    if (read === undefined) throw unknownClass(reader, className, options.get("class"));
    return read(reader);
  });
}

function unknownClass(o: SinkOptions, className: string, entry: SinkOption | undefined) {
  return new ConfigError(
    "METRICS_SINK_UNKNOWN_CLASS",
    `${o.file}:${entry?.line ?? 0}: unknown metrics sink class "${className}" for ${o.keyOf("class")}.`,
    {
      hint: `Supported classes: ${Object.keys(SINK_CLASSES).join(", ")}.`,
      context: { file: o.file, key: o.keyOf("class"), sink: o.name, className },
    },
  );
}
