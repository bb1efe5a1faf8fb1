/**
 * Graphite's plaintext protocol: one `path value timestamp\n` line per value, the timestamp
 * in whole seconds. Metrics expand as Dropwizard's `GraphiteReporter` (Spark's Graphite sink)
 * expands them, so dashboards built for Spark read ours: a counter is `<name>.count`, a gauge
 * is `<name>`, a timer is `<name>.count`, `.max`, `.mean`, `.min`, `.stddev`, `.p50`, `.p75`,
 * `.p95`, `.p98`, `.p99`, `.p999` in milliseconds (Dropwizard's rates are not kept).
 */
import { graphitePath } from "../metrics/names.js";
import { type MetricsSnapshot, TIMER_QUANTILES, type TimerStats } from "../metrics/snapshot.js";

/** What selects and names the lines. */
export interface GraphiteFormatOptions {
  /** Spark's `prefix` option: the first path segment(s); empty for none. */
  readonly prefix?: string;
  /** Spark's `regex` option: only metrics whose `<app>.<name>` this matches are sent. */
  readonly filter?: RegExp;
}

const TIMER_FIELDS: readonly (keyof TimerStats)[] = [
  "count",
  "max",
  "mean",
  "min",
  "stddev",
  ...TIMER_QUANTILES.map(([key]) => key),
];

/**
 * Renders a snapshot as plaintext-protocol lines (each ending in `\n`). Non-finite values
 * (a gauge whose callback failed) are left out: carbon would store them as garbage.
 *
 * @example
 * ```ts
 * graphiteLines(snapshot, { prefix: "prod" });
 * // ["prod.flights.pipeline.rows.read.count 1000 1767225600\n", ...]
 * ```
 */
export function graphiteLines(
  snapshot: MetricsSnapshot,
  options: GraphiteFormatOptions = {},
): string[] {
  const seconds = Math.floor(snapshot.timestamp / 1000);
  const prefix = options.prefix ?? "";
  const lines: string[] = [];
  const line = (path: string, value: number) => {
    if (Number.isFinite(value)) lines.push(`${path} ${formatGraphiteValue(value)} ${seconds}\n`);
  };
  for (const sample of snapshot.samples) {
    if (options.filter !== undefined) {
      // Spark matches its regex against the registry name, i.e. without the prefix.
      const registryName = graphitePath("", snapshot.app, sample.name, sample.labels);
      if (!options.filter.test(registryName)) continue;
    }
    const path = graphitePath(prefix, snapshot.app, sample.name, sample.labels);
    switch (sample.kind) {
      case "counter":
        line(`${path}.count`, sample.value);
        break;
      case "gauge":
        line(path, sample.value);
        break;
      case "timer":
        for (const field of TIMER_FIELDS) line(`${path}.${field}`, sample.stats[field]);
        break;
    }
  }
  return lines;
}

/**
 * A number as carbon parses it (Python's `float()`): integers without a fraction, others
 * with up to six decimals, never in exponent form, which some Graphite relays reject.
 */
export function formatGraphiteValue(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(0);
  return value.toFixed(6).replace(/\.?0+$/, "");
}
