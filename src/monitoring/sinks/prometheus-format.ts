/**
 * Prometheus' text exposition format (version 0.0.4), which Prometheus scrapes and the
 * pushgateway accepts. Each family is one `# HELP` (when there is help text), one `# TYPE`
 * and its series together: counters as `<name>_total`, gauges as-is, timers as summaries in
 * seconds (`<name>_seconds{quantile="0.5"}`, `_sum`, `_count`), the base unit Prometheus'
 * conventions ask for.
 */
import { prometheusFamilyName } from "../metrics/names.js";
import {
  type Labels,
  type MetricSample,
  type MetricsSnapshot,
  TIMER_QUANTILES,
} from "../metrics/snapshot.js";

/** The `Content-Type` of {@link prometheusText}. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const TYPE_OF: Readonly<Record<MetricSample["kind"], string>> = {
  counter: "counter",
  gauge: "gauge",
  timer: "summary",
};

/**
 * Renders a snapshot in the text exposition format, families sorted by name.
 *
 * @example
 * ```ts
 * prometheusText(registry.snapshot());
 * // # HELP pipeline_rows_read_total Rows read from the sources.
 * // # TYPE pipeline_rows_read_total counter
 * // pipeline_rows_read_total{pipeline="flights"} 1000
 * ```
 */
export function prometheusText(snapshot: MetricsSnapshot): string {
  const families = new Map<string, MetricSample[]>();
  for (const sample of snapshot.samples) {
    const family = prometheusFamilyName(sample.kind, sample.name);
    const list = families.get(family);
    if (list === undefined) families.set(family, [sample]);
    else list.push(sample);
  }
  let out = "";
  for (const family of [...families.keys()].sort()) {
    const samples = families.get(family) ?? [];
    const first = samples[0];
    if (first === undefined) continue;
    if (first.help !== undefined) out += `# HELP ${family} ${escapeHelp(first.help)}\n`;
    out += `# TYPE ${family} ${TYPE_OF[first.kind]}\n`;
    for (const sample of samples) out += seriesLines(family, sample);
  }
  return out;
}

function seriesLines(family: string, sample: MetricSample): string {
  if (sample.kind !== "timer") return `${family}${labelText(sample.labels)} ${num(sample.value)}\n`;
  const { stats } = sample;
  let out = "";
  for (const [key, q] of TIMER_QUANTILES) {
    // No observations: NaN quantiles, as Prometheus' client libraries expose them.
    const value = stats.count === 0 ? Number.NaN : stats[key] / 1000;
    out += `${family}${labelText(sample.labels, String(q))} ${num(value)}\n`;
  }
  out += `${family}_sum${labelText(sample.labels)} ${num(stats.sum / 1000)}\n`;
  out += `${family}_count${labelText(sample.labels)} ${num(stats.count)}\n`;
  return out;
}

function labelText(labels: Labels, quantile?: string): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  if (quantile !== undefined) pairs.push(`quantile="${quantile}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** Help text escapes `\` and newlines. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** Label values escape `\`, `"` and newlines. */
export function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A sample value: Go's float syntax, with `NaN`, `+Inf` and `-Inf` spelled as Prometheus does. */
function num(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}
