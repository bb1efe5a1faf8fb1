/**
 * Metrics: a registry of counters, gauges and timers, read by sinks through snapshots.
 *
 * Contract: a metric is named once, in Spark's dotted Graphite style (`pipeline.rows.read`),
 * optionally with Prometheus labels; asking again for the same name and labels returns the
 * same metric, so code in different places can share it without passing it around. Updating a
 * metric is synchronous and cheap and never does I/O; sinks call {@link MetricRegistry.snapshot}
 * on their own schedule. A name can hold one kind of metric only.
 */
import { IllegalArgumentError } from "../../errors.js";
import { Counter } from "./counter.js";
import { Gauge } from "./gauge.js";
import {
  labelsKey,
  prometheusFamilyName,
  sortedLabels,
  validateLabels,
  validateMetricName,
} from "./names.js";
import type { Labels, MetricKind, MetricSample, MetricsSnapshot } from "./snapshot.js";
import { Timer } from "./timer.js";

/** Options of a {@link MetricRegistry}. */
export interface MetricRegistryOptions {
  /**
   * The application name, Spark's `spark.metrics.namespace` (Spark defaults it to the app id):
   * Graphite paths start `<prefix>.<app>.`.
   */
  readonly app?: string;
}

type MetricOf = { counter: Counter; gauge: Gauge; timer: Timer };

interface Series<K extends MetricKind> {
  readonly labels: Labels;
  readonly metric: MetricOf[K];
}

interface Family<K extends MetricKind = MetricKind> {
  readonly kind: K;
  help: string | undefined;
  readonly series: Map<string, Series<K>>;
}

const CREATE: { readonly [K in MetricKind]: () => MetricOf[K] } = {
  counter: () => new Counter(),
  gauge: () => new Gauge(),
  timer: () => new Timer(),
};

/**
 * Holds the metrics of one application.
 *
 * @example
 * ```ts
 * const registry = new MetricRegistry({ app: "flights" });
 * registry.counter("pipeline.rows.read", "Rows read from the sources.").inc(1000);
 * registry.gauge("pipeline.table.version").set(7);
 * await registry.timer("pipeline.stage.duration", undefined, { stage: "write" }).time(write);
 * const snapshot = registry.snapshot();
 * ```
 */
export class MetricRegistry {
  readonly app: string | undefined;
  readonly #families = new Map<string, Family>();
  // Prometheus family name -> dotted name: `a.b` and `a_b` would expose the same series.
  readonly #exposed = new Map<string, string>();

  constructor(options: MetricRegistryOptions = {}) {
    this.app = options.app;
  }

  /**
   * The counter `name` with `labels`, created on first use.
   * @throws IllegalArgumentError for an invalid name or label, or a name used by another kind.
   */
  counter(name: string, help?: string, labels: Labels = {}): Counter {
    return this.#get("counter", name, help, labels);
  }

  /** The gauge `name` with `labels`, created on first use (see {@link Gauge}). */
  gauge(name: string, help?: string, labels: Labels = {}): Gauge {
    return this.#get("gauge", name, help, labels);
  }

  /** The timer `name` with `labels`, created on first use (see {@link Timer}). */
  timer(name: string, help?: string, labels: Labels = {}): Timer {
    return this.#get("timer", name, help, labels);
  }

  /** Every series now, sorted by name and labels. Never throws (a failing gauge reads NaN). */
  snapshot(now: number = Date.now()): MetricsSnapshot {
    const samples: MetricSample[] = [];
    for (const name of [...this.#families.keys()].sort()) {
      const family = this.#families.get(name);
      if (family === undefined) continue;
      const keys = [...family.series.keys()].sort();
      for (const key of keys) {
        const series = family.series.get(key);
        if (series !== undefined) samples.push(sampleOf(name, family, series));
      }
    }
    return Object.freeze({ timestamp: now, app: this.app, samples: Object.freeze(samples) });
  }

  #get<K extends MetricKind>(kind: K, name: string, help: string | undefined, labels: Labels) {
    const family = this.#family(kind, name, help);
    const key = labelsKey(labels);
    const found = family.series.get(key);
    if (found !== undefined) return found.metric;
    validateLabels(name, labels);
    const metric = CREATE[kind]();
    family.series.set(key, { labels: sortedLabels(labels), metric });
    return metric;
  }

  #family<K extends MetricKind>(kind: K, name: string, help: string | undefined): Family<K> {
    const found = this.#families.get(name);
    if (found !== undefined) {
      if (!isKind(found, kind)) {
        throw new IllegalArgumentError(
          `Metric "${name}" is a ${found.kind}; it cannot also be a ${kind}.`,
          { hint: "Give the new metric another name.", context: { metric: name } },
        );
      }
      found.help ??= help;
      return found;
    }
    validateMetricName(name);
    const exposed = prometheusFamilyName(kind, name);
    const clash = this.#exposed.get(exposed);
    if (clash !== undefined) {
      throw new IllegalArgumentError(
        `Metrics "${clash}" and "${name}" would both be exposed to Prometheus as ${exposed}.`,
        { hint: "Rename one of them.", context: { metric: name, other: clash } },
      );
    }
    const family: Family<K> = { kind, help, series: new Map() };
    this.#families.set(name, family as Family);
    this.#exposed.set(exposed, name);
    return family;
  }
}

function isKind<K extends MetricKind>(family: Family, kind: K): family is Family<K> {
  return family.kind === kind;
}

function sampleOf(name: string, family: Family, series: Series<MetricKind>): MetricSample {
  const base = { name, help: family.help, labels: series.labels };
  const metric = series.metric;
  if (metric instanceof Timer) return { ...base, kind: "timer", stats: metric.stats() };
  if (metric instanceof Counter) return { ...base, kind: "counter", value: metric.value };
  return { ...base, kind: "gauge", value: metric.value };
}
