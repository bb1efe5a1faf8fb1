/**
 * Metrics sinks: where snapshots of a {@link MetricRegistry} go (Graphite, Prometheus, the
 * pushgateway, the console), configured from Spark's `metrics.properties`.
 *
 * Contract: a sink never throws into the pipeline once started and never blocks it. Network
 * failures become one warning through the injectable {@link WarnFn} and a dropped report;
 * every wait is bounded by a timeout. `stop()` sends a final report, so a batch run that
 * ends before the first period still reports.
 */
import { redactSecrets } from "../../logging/redactor.js";
import type { MetricsSnapshot } from "../metrics/snapshot.js";

/** Receives a sink's warnings (a dropped report, a failed push). */
export type WarnFn = (message: string) => void;

/** Where a sink takes its snapshots from: usually `() => registry.snapshot()`. */
export type SnapshotSource = () => MetricsSnapshot;

/** The default {@link WarnFn}: one line on stderr, secrets redacted. */
export const defaultWarn: WarnFn = (message) => {
  console.warn(redactSecrets(`[tributary metrics] ${message}`));
};

/**
 * One destination for metrics.
 *
 * @example
 * ```ts
 * const sink = new ConsoleSink(() => registry.snapshot(), { periodMs: 10_000 });
 * await sink.start();
 * // ... the pipeline runs ...
 * await sink.stop(); // prints a final report
 * ```
 */
export interface MetricsSink {
  /** The sink's name in `metrics.properties` (`graphite`), or its kind. */
  readonly name: string;
  /** Starts periodic reporting (or serving). Rejects only for a setup error (port in use). */
  start(): Promise<void>;
  /** Sends one snapshot now. Never rejects: failures are warnings. */
  report(snapshot: MetricsSnapshot): Promise<void>;
  /** Stops the schedule after a final report. Never rejects. */
  stop(): Promise<void>;
}

/** A message for an unknown thrown value, with its cause (fetch hides ECONNREFUSED there). */
export function reasonOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e.cause instanceof Error ? `${e.message} (${e.cause.message})` : e.message;
}

/**
 * Runs `tick` every `periodMs` without overlapping runs (a slow tick skips the next ones
 * rather than piling up) and without keeping the process alive (`unref`).
 */
export class Schedule {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly periodMs: number,
    private readonly tick: () => Promise<void>,
  ) {}

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (this.#running !== undefined) return;
      this.#running = this.tick().finally(() => {
        this.#running = undefined;
      });
    }, this.periodMs);
    this.#timer.unref();
  }

  /** Stops the schedule and waits for a tick in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}

/**
 * Warns once when reports start failing and once when they work again, so an hour-long
 * outage of the metrics server is two lines in the log, not one per period.
 */
export class FailureLog {
  #dropped = 0;

  constructor(
    private readonly what: string,
    private readonly warn: WarnFn,
  ) {}

  failed(reason: string): void {
    this.#dropped++;
    if (this.#dropped === 1) {
      this.warn(`${this.what}: ${reason}; report dropped, retrying every period.`);
    }
  }

  succeeded(): void {
    if (this.#dropped > 0) {
      this.warn(`${this.what}: working again after ${this.#dropped} dropped report(s).`);
    }
    this.#dropped = 0;
  }
}
