/** Spark's `ConsoleSink`: a readable block of every metric, every period and at stop. */
import type { MetricsSnapshot } from "../metrics/snapshot.js";
import { consoleText } from "./console-format.js";
import { type MetricsSink, Schedule, type SnapshotSource } from "./sink.js";

/** Options of a {@link ConsoleSink}. */
export interface ConsoleSinkOptions {
  /** Time between reports in ms (Spark: `period` x `unit`, default 10 seconds). */
  readonly periodMs?: number;
  /** Where the text goes; default standard output. */
  readonly write?: (text: string) => void;
  /** The sink's name in `metrics.properties`. */
  readonly name?: string;
}

/**
 * Prints metrics for people watching a run.
 *
 * @example
 * ```ts
 * const sink = new ConsoleSink(() => registry.snapshot(), { periodMs: 60_000 });
 * await sink.start();
 * await sink.stop(); // prints the final values
 * ```
 */
export class ConsoleSink implements MetricsSink {
  readonly name: string;
  readonly #source: SnapshotSource;
  readonly #write: (text: string) => void;
  readonly #schedule: Schedule;

  constructor(source: SnapshotSource, options: ConsoleSinkOptions = {}) {
    this.name = options.name ?? "console";
    this.#source = source;
    this.#write = options.write ?? ((text) => process.stdout.write(text));
    this.#schedule = new Schedule(options.periodMs ?? 10_000, () => this.report(this.#source()));
  }

  async start(): Promise<void> {
    this.#schedule.start();
  }

  async report(snapshot: MetricsSnapshot): Promise<void> {
    try {
      this.#write(consoleText(snapshot));
    } catch {
      // A closed stdout (a pipe whose reader went away) must not fail the pipeline.
    }
  }

  async stop(): Promise<void> {
    await this.#schedule.stop();
    await this.report(this.#source());
  }
}
