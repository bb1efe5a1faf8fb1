/**
 * Metric and label names, and how one dotted name maps to each sink. A metric is named once
 * in Graphite's dotted style (`pipeline.rows.read`, as Spark's sources name theirs); Graphite
 * gets `<prefix>.<app>.<name>` and Prometheus gets the name with dots turned to underscores,
 * plus the suffix its conventions ask for (`_total`, `_seconds`).
 */
import { IllegalArgumentError } from "../../errors.js";
import type { Labels, MetricKind } from "./snapshot.js";

// Segments keep to characters both Graphite paths and Prometheus names accept (after `-` and
// `.` become `_`), so a valid name can never collide with a sink's syntax.
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Prometheus reserves `__` label names; summaries use `quantile` for their own series.
const RESERVED_LABELS = new Set(["quantile"]);

/**
 * Checks a metric name: dot-separated segments of letters, digits, `_` and `-`, starting
 * with a letter or `_`.
 *
 * @example
 * ```ts
 * validateMetricName("pipeline.rows.read"); // ok
 * validateMetricName("rows read");          // throws IllegalArgumentError
 * ```
 * @throws IllegalArgumentError naming the metric and the accepted form.
 */
export function validateMetricName(name: string): void {
  if (METRIC_NAME.test(name)) return;
  throw new IllegalArgumentError(`Invalid metric name "${name}".`, {
    hint:
      "Use dot-separated segments of letters, digits, _ and -, starting with a letter or _ " +
      '(e.g. "pipeline.rows.read").',
    context: { metric: name },
  });
}

/**
 * Checks label names as Prometheus does (`[a-zA-Z_][a-zA-Z0-9_]*`, no leading `__`, and not
 * `quantile`, which summaries use). Values may be any string.
 *
 * @example
 * ```ts
 * validateLabels("pipeline.rows.read", { pipeline: "flights" }); // ok
 * ```
 * @throws IllegalArgumentError naming the metric and the label.
 */
export function validateLabels(metric: string, labels: Labels): void {
  for (const label of Object.keys(labels)) {
    if (LABEL_NAME.test(label) && !label.startsWith("__") && !RESERVED_LABELS.has(label)) continue;
    throw new IllegalArgumentError(`Invalid label name "${label}" on metric "${metric}".`, {
      hint: "Label names match [a-zA-Z_][a-zA-Z0-9_]*, must not start with __ and must not be quantile.",
      context: { metric, label },
    });
  }
}

/**
 * The Prometheus metric name for a dotted name: `.` and `-` become `_`.
 *
 * @example
 * ```ts
 * prometheusName("pipeline.rows-read"); // "pipeline_rows_read"
 * ```
 */
export function prometheusName(name: string): string {
  return name.replace(/[.-]/g, "_");
}

/**
 * The Prometheus family name a metric of `kind` is exposed under: counters end in `_total`
 * and timers (summaries in seconds) in `_seconds`, as Prometheus' naming conventions ask.
 *
 * @example
 * ```ts
 * prometheusFamilyName("counter", "pipeline.rows.read");    // "pipeline_rows_read_total"
 * prometheusFamilyName("timer", "pipeline.stage.duration"); // "pipeline_stage_duration_seconds"
 * ```
 */
export function prometheusFamilyName(kind: MetricKind, name: string): string {
  const base = prometheusName(name);
  const suffix = kind === "counter" ? "_total" : kind === "timer" ? "_seconds" : "";
  return suffix === "" || base.endsWith(suffix) ? base : base + suffix;
}

/** Replaces what a Graphite path segment cannot hold (dots, blanks, ...) with `_`. */
export function graphiteSegment(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}

/**
 * The Graphite path of a metric, Spark's `<prefix>.<app>.<name>`; labels follow as
 * `.<label>.<value>` pairs in label order (the convention of Prometheus' Graphite bridge), so
 * two series of one metric never share a path.
 *
 * @example
 * ```ts
 * graphitePath("prod", "flights", "pipeline.rows.read", { stage: "read" });
 * // "prod.flights.pipeline.rows.read.stage.read"
 * ```
 */
export function graphitePath(
  prefix: string,
  app: string | undefined,
  name: string,
  labels: Labels,
): string {
  const parts: string[] = [];
  if (prefix !== "") parts.push(prefix);
  if (app !== undefined && app !== "") parts.push(graphiteSegment(app));
  parts.push(name);
  for (const [label, value] of Object.entries(labels)) parts.push(label, graphiteSegment(value));
  return parts.join(".");
}

/** A stable key for a label set (sorted), used to find a series again and to sort them. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(",");
}

/** A copy of `labels` with keys sorted, frozen, so renderings never depend on call order. */
export function sortedLabels(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) out[key] = labels[key] ?? "";
  return Object.freeze(out);
}
