/**
 * The standard metrics of an ingestion pipeline, registered under the `pipeline.` source so
 * every pipeline reports the same names (dashboards and alerts work for all of them).
 */
import type { Counter } from "./counter.js";
import type { Gauge } from "./gauge.js";
import type { MetricRegistry } from "./registry.js";
import type { Labels } from "./snapshot.js";
import type { Timer } from "./timer.js";

/**
 * A pipeline's metrics. Row counters keep the row accounting visible (read = written +
 * rejected + quarantined for a pipeline that drops nothing); durations are per stage.
 *
 * @example
 * ```ts
 * const m = new PipelineMetrics(registry, { pipeline: "flights" });
 * m.rowsRead.inc(rows.length);
 * await m.stage("write").time(() => df.write.format("delta").save("lake/flights"));
 * m.tableVersion.set(commit.version);
 * m.freshnessDelaySeconds.set((Date.now() - newest.getTime()) / 1000);
 * ```
 */
export class PipelineMetrics {
  /** `pipeline.rows.read`: rows read from the sources. */
  readonly rowsRead: Counter;
  /** `pipeline.rows.written`: rows committed to the target table. */
  readonly rowsWritten: Counter;
  /** `pipeline.rows.rejected`: malformed rows the reader set aside (file, line, reason). */
  readonly rowsRejected: Counter;
  /** `pipeline.rows.quarantined`: rows that failed an expectation with action quarantine. */
  readonly rowsQuarantined: Counter;
  /** `pipeline.bytes.written`: bytes of data files written. */
  readonly bytesWritten: Counter;
  /** `pipeline.files.written`: data files written. */
  readonly filesWritten: Counter;
  /** `pipeline.expectations.failed`: expectations that did not pass. */
  readonly expectationsFailed: Counter;
  /** `pipeline.table.version`: the Delta table version after the last commit. */
  readonly tableVersion: Gauge;
  /** `pipeline.freshness.delay.seconds`: age of the newest data, in seconds. */
  readonly freshnessDelaySeconds: Gauge;

  readonly #registry: MetricRegistry;
  readonly #labels: Labels;

  /** `labels` go on every series (e.g. `{ pipeline: "flights" }`). */
  constructor(registry: MetricRegistry, labels: Labels = {}) {
    this.#registry = registry;
    this.#labels = labels;
    const counter = (name: string, help: string) => registry.counter(name, help, labels);
    const gauge = (name: string, help: string) => registry.gauge(name, help, labels);
    this.rowsRead = counter("pipeline.rows.read", "Rows read from the sources.");
    this.rowsWritten = counter("pipeline.rows.written", "Rows committed to the target table.");
    this.rowsRejected = counter("pipeline.rows.rejected", "Malformed rows set aside by readers.");
    this.rowsQuarantined = counter(
      "pipeline.rows.quarantined",
      "Rows quarantined by failed expectations.",
    );
    this.bytesWritten = counter("pipeline.bytes.written", "Bytes of data files written.");
    this.filesWritten = counter("pipeline.files.written", "Data files written.");
    this.expectationsFailed = counter("pipeline.expectations.failed", "Expectations that failed.");
    this.tableVersion = gauge("pipeline.table.version", "Table version after the last commit.");
    this.freshnessDelaySeconds = gauge(
      "pipeline.freshness.delay.seconds",
      "Age of the newest data in seconds.",
    );
  }

  /** The timer `pipeline.stage.duration` of one stage (label `stage`), e.g. `"read"`. */
  stage(stage: string): Timer {
    return this.#registry.timer("pipeline.stage.duration", "Duration of a pipeline stage.", {
      ...this.#labels,
      stage,
    });
  }
}
