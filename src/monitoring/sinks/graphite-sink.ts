/**
 * Spark's `GraphiteSink`: every period, the registry's metrics as plaintext-protocol lines to
 * carbon over TCP or UDP. A report that cannot be delivered is dropped with a warning and the
 * next period tries again, so a carbon restart costs the reports made while it was down and
 * never the pipeline.
 */
import type { MetricsSnapshot } from "../metrics/snapshot.js";
import { graphiteLines } from "./graphite-format.js";
import { type GraphiteTransport, tcpTransport, udpTransport } from "./graphite-transport.js";
import {
  defaultWarn,
  FailureLog,
  type MetricsSink,
  reasonOf,
  Schedule,
  type SnapshotSource,
  type WarnFn,
} from "./sink.js";

/** Options of a {@link GraphiteSink}; the names follow Spark's `*.sink.graphite.*` keys. */
export interface GraphiteSinkOptions {
  readonly host: string;
  readonly port: number;
  /** `tcp` (default) or `udp`. */
  readonly protocol?: "tcp" | "udp";
  /** Time between reports in ms (Spark: `period` x `unit`, default 10 seconds). */
  readonly periodMs?: number;
  /** First path segment(s), Spark's `prefix`; none by default. */
  readonly prefix?: string;
  /** Spark's `regex`: only metrics whose `<app>.<name>` matches are sent. */
  readonly filter?: RegExp;
  /** Longest a report may take, in ms; default the smaller of 5 s and the period. */
  readonly timeoutMs?: number;
  readonly warn?: WarnFn;
  /** The sink's name in `metrics.properties`. */
  readonly name?: string;
}

/**
 * Reports to Graphite (carbon's plaintext protocol).
 *
 * @example
 * ```ts
 * const sink = new GraphiteSink(() => registry.snapshot(), { host: "graphite", port: 2003 });
 * await sink.start();
 * // ... run the pipeline ...
 * await sink.stop(); // final report, then closes
 * ```
 */
export class GraphiteSink implements MetricsSink {
  readonly name: string;
  readonly #source: SnapshotSource;
  readonly #options: GraphiteSinkOptions;
  readonly #transport: GraphiteTransport;
  readonly #schedule: Schedule;
  readonly #failures: FailureLog;
  #inFlight = false;

  constructor(source: SnapshotSource, options: GraphiteSinkOptions) {
    this.name = options.name ?? "graphite";
    this.#source = source;
    this.#options = options;
    const periodMs = options.periodMs ?? 10_000;
    const protocol = options.protocol ?? "tcp";
    const endpoint = {
      host: options.host,
      port: options.port,
      timeoutMs: options.timeoutMs ?? Math.min(5_000, periodMs),
    };
    this.#transport = protocol === "udp" ? udpTransport(endpoint) : tcpTransport(endpoint);
    const where = `${protocol}://${options.host}:${options.port}`;
    const warn = options.warn ?? defaultWarn;
    this.#failures = new FailureLog(`Graphite sink "${this.name}" (${where})`, warn);
    this.#schedule = new Schedule(periodMs, () => this.report(this.#source()));
  }

  async start(): Promise<void> {
    this.#schedule.start();
  }

  /** Sends `snapshot` now; resolves when sent or dropped (at most the timeout). */
  async report(snapshot: MetricsSnapshot): Promise<void> {
    // One report at a time: a hung carbon cannot make reports (and their memory) pile up.
    if (this.#inFlight) {
      this.#failures.failed("the previous report is still being sent");
      return;
    }
    const lines = graphiteLines(snapshot, this.#options);
    if (lines.length === 0) return;
    this.#inFlight = true;
    try {
      await this.#transport.send(lines.join(""));
      this.#failures.succeeded();
    } catch (e) {
      this.#failures.failed(reasonOf(e));
    } finally {
      this.#inFlight = false;
    }
  }

  async stop(): Promise<void> {
    await this.#schedule.stop();
    await this.report(this.#source());
    this.#transport.close();
  }
}
