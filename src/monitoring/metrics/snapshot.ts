/**
 * The one shape every sink reads: a frozen, point-in-time copy of a registry. Sinks never
 * touch live metrics, so a slow sink cannot see a half-updated timer and a snapshot can be
 * rendered twice (Graphite and Prometheus) with the same numbers.
 */

/** Prometheus-style labels: label name to value. Graphite appends them to the path. */
export type Labels = Readonly<Record<string, string>>;

/** Statistics of a timer, in milliseconds (as Spark's reporters convert durations). */
export interface TimerStats {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly stddev: number;
  /** Quantiles over the timer's sample reservoir, keyed as Dropwizard names them. */
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  readonly p98: number;
  readonly p99: number;
  readonly p999: number;
}

/** The quantile fields of {@link TimerStats} and the fraction each stands for. */
export const TIMER_QUANTILES = [
  ["p50", 0.5],
  ["p75", 0.75],
  ["p95", 0.95],
  ["p98", 0.98],
  ["p99", 0.99],
  ["p999", 0.999],
] as const satisfies ReadonlyArray<readonly [keyof TimerStats, number]>;

interface SampleBase {
  /** Dotted Graphite-style name without prefix or app, e.g. `pipeline.rows.read`. */
  readonly name: string;
  readonly help: string | undefined;
  readonly labels: Labels;
}

/** A monotonically increasing count. */
export interface CounterSample extends SampleBase {
  readonly kind: "counter";
  readonly value: number;
}

/** A value that goes up and down; `NaN` when its callback failed. */
export interface GaugeSample extends SampleBase {
  readonly kind: "gauge";
  readonly value: number;
}

/** A distribution of durations. */
export interface TimerSample extends SampleBase {
  readonly kind: "timer";
  readonly stats: TimerStats;
}

/** One metric series in a snapshot. */
export type MetricSample = CounterSample | GaugeSample | TimerSample;

/** The kinds of metric a registry holds. */
export type MetricKind = MetricSample["kind"];

/** Every metric of a registry at one instant. */
export interface MetricsSnapshot {
  /** Milliseconds since the epoch when the snapshot was taken. */
  readonly timestamp: number;
  /** The application name (Spark's `spark.metrics.namespace`), if the registry has one. */
  readonly app: string | undefined;
  /** Sorted by name, then by labels, so every rendering is deterministic. */
  readonly samples: readonly MetricSample[];
}
