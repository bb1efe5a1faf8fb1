/**
 * A readable block of every metric, laid out as Dropwizard's `ConsoleReporter` (Spark's
 * `ConsoleSink`) prints it: a dated rule, then gauges, counters and timers, one indented
 * `field = value` per line, timer values in milliseconds.
 */
import type { Labels, MetricSample, MetricsSnapshot } from "../metrics/snapshot.js";

const WIDTH = 80;
const SECTIONS = [
  ["gauge", "Gauges"],
  ["counter", "Counters"],
  ["timer", "Timers"],
] as const;

function rule(title: string): string {
  const head = `-- ${title} `;
  return head + "-".repeat(Math.max(0, WIDTH - head.length));
}

const field = (label: string, value: string) => `${label.padStart(18)} = ${value}`;
const ms = (value: number) => `${value.toFixed(2)} milliseconds`;

function title(sample: MetricSample): string {
  const labels: Labels = sample.labels;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? sample.name : `${sample.name}{${pairs.join(",")}}`;
}

function body(sample: MetricSample): string[] {
  switch (sample.kind) {
    case "gauge":
      return [field("value", String(sample.value))];
    case "counter":
      return [field("count", String(sample.value))];
    case "timer": {
      const s = sample.stats;
      return [
        field("count", String(s.count)),
        field("min", ms(s.min)),
        field("max", ms(s.max)),
        field("mean", ms(s.mean)),
        field("stddev", ms(s.stddev)),
        field("median", ms(s.p50)),
        field("75%", ms(s.p75)),
        field("95%", ms(s.p95)),
        field("98%", ms(s.p98)),
        field("99%", ms(s.p99)),
        field("99.9%", ms(s.p999)),
      ];
    }
  }
}

/**
 * Renders a snapshot for people (one string, ending in a blank line).
 *
 * @example
 * ```ts
 * process.stdout.write(consoleText(registry.snapshot()));
 * // 2026-01-01T00:00:00.000Z flights ==============================================
 * // -- Counters --------------------------------------------------------------------
 * // pipeline.rows.read
 * //              count = 1000
 * ```
 */
export function consoleText(snapshot: MetricsSnapshot): string {
  const head = `${new Date(snapshot.timestamp).toISOString()}${snapshot.app ? ` ${snapshot.app}` : ""} `;
  const lines = [head + "=".repeat(Math.max(0, WIDTH - head.length))];
  for (const [kind, name] of SECTIONS) {
    const samples = snapshot.samples.filter((s) => s.kind === kind);
    if (samples.length === 0) continue;
    lines.push(rule(name));
    for (const sample of samples) lines.push(title(sample), ...body(sample));
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
