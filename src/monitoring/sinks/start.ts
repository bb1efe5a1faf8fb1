/**
 * One call from `metrics.properties` to running sinks, and one `stop()` that flushes them all.
 */
import { readConfigFile } from "../../config/read-file.js";
import type { MetricRegistry } from "../metrics/registry.js";
import { ConsoleSink } from "./console-sink.js";
import { GraphiteSink } from "./graphite-sink.js";
import { parseMetricsProperties, type SinkConfig } from "./metrics-properties.js";
import { PrometheusEndpoint } from "./prometheus-endpoint.js";
import { PushGatewaySink } from "./pushgateway-sink.js";
import { defaultWarn, type MetricsSink, type SnapshotSource, type WarnFn } from "./sink.js";

/** Where the configuration comes from: a file, or text (`file` names it in errors). */
export type MetricsConfigSource =
  | { readonly path: string }
  | { readonly text: string; readonly file?: string };

/** Options of {@link startMetricsSinks}. */
export interface StartMetricsSinksOptions {
  /** Receives every sink's warnings; default one line on stderr. */
  readonly warn?: WarnFn;
  /** Where console sinks print; default standard output. */
  readonly write?: (text: string) => void;
  /** The Spark instance whose entries apply besides `*`; default `driver`. */
  readonly instance?: string;
}

/** Running sinks. */
export interface MetricsSinksHandle {
  readonly sinks: readonly MetricsSink[];
  /** Stops every sink after its final report. Never rejects. */
  stop(): Promise<void>;
}

/**
 * Builds the sink one configuration entry describes.
 *
 * @example
 * ```ts
 * const [config] = parseMetricsProperties(text, "metrics.properties");
 * const sink = createSink(config, () => registry.snapshot());
 * ```
 */
export function createSink(
  config: SinkConfig,
  source: SnapshotSource,
  options: StartMetricsSinksOptions = {},
): MetricsSink {
  const warn = options.warn ?? defaultWarn;
  switch (config.kind) {
    case "graphite":
      return new GraphiteSink(source, { ...config, warn });
    case "prometheus":
      return new PrometheusEndpoint(source, config);
    case "pushgateway":
      return new PushGatewaySink(source, { ...config, warn });
    case "console":
      return new ConsoleSink(source, { ...config, write: options.write });
  }
}

/**
 * Reads `metrics.properties` and starts every sink it configures on `registry`.
 *
 * @example
 * ```ts
 * const registry = new MetricRegistry({ app: "flights" });
 * const metrics = await startMetricsSinks(registry, { path: "conf/metrics.properties" });
 * try {
 *   await runPipeline(registry);
 * } finally {
 *   await metrics.stop(); // final Graphite report, pushgateway push, endpoint closed
 * }
 * ```
 * @throws ConfigError for an unreadable file or a bad configuration (nothing is left running),
 *   or `METRICS_ENDPOINT_LISTEN_FAILED` when a Prometheus endpoint cannot bind its port.
 */
export async function startMetricsSinks(
  registry: MetricRegistry,
  config: MetricsConfigSource,
  options: StartMetricsSinksOptions = {},
): Promise<MetricsSinksHandle> {
  const file = "path" in config ? config.path : (config.file ?? "metrics.properties");
  const text =
    "path" in config
      ? ((await readConfigFile(config.path, true, "metrics file")) ?? "")
      : config.text;
  const source: SnapshotSource = () => registry.snapshot();
  const sinks = parseMetricsProperties(text, file, options.instance).map((c) =>
    createSink(c, source, options),
  );
  const started: MetricsSink[] = [];
  try {
    for (const sink of sinks) {
      await sink.start();
      started.push(sink);
    }
  } catch (e) {
    await Promise.all(started.map((s) => s.stop()));
    throw e;
  }
  return {
    sinks,
    stop: async () => {
      await Promise.all(sinks.map((s) => s.stop()));
    },
  };
}
