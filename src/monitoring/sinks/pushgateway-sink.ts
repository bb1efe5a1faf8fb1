/**
 * Pushes metrics to a Prometheus pushgateway, for batch runs that end before Prometheus would
 * scrape them: once at `stop()`, and every period as well when one is set. A failed push is a
 * warning; the pipeline's outcome never depends on the metrics server.
 */
import { registerSecret } from "../../logging/redactor.js";
import type { Labels, MetricsSnapshot } from "../metrics/snapshot.js";
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from "./prometheus-format.js";
import { pushgatewayUrl } from "./pushgateway-path.js";
import {
  defaultWarn,
  FailureLog,
  type MetricsSink,
  reasonOf,
  Schedule,
  type SnapshotSource,
  type WarnFn,
} from "./sink.js";

/** Options of a {@link PushGatewaySink}. */
export interface PushGatewaySinkOptions {
  /** The pushgateway, `http://host:9091` (or `host:9091`). */
  readonly address: string;
  /** The `job` label of the pushed group. */
  readonly job: string;
  /** More grouping labels, e.g. `{ instance: "etl-1", table: "lake/flights" }`. */
  readonly groupingKey?: Labels;
  /** `put` (default) replaces the whole group; `post` replaces only the pushed metrics. */
  readonly method?: "put" | "post";
  /** Also push every `periodMs`; by default only at `stop()`. */
  readonly periodMs?: number;
  /** Longest one push may take, in ms; default 5 s. */
  readonly timeoutMs?: number;
  readonly warn?: WarnFn;
  /** The sink's name in `metrics.properties`. */
  readonly name?: string;
}

/**
 * Pushes the registry's metrics to a pushgateway.
 *
 * @example
 * ```ts
 * const sink = new PushGatewaySink(() => registry.snapshot(), {
 *   address: "http://127.0.0.1:9091", job: "ingest", groupingKey: { table: "lake/flights" },
 * });
 * await sink.start();
 * await runPipeline();
 * await sink.stop(); // pushes the final values
 * ```
 */
export class PushGatewaySink implements MetricsSink {
  readonly name: string;
  /** Where pushes go (grouping labels encoded). */
  readonly url: string;
  readonly #source: SnapshotSource;
  readonly #method: "PUT" | "POST";
  readonly #timeoutMs: number;
  readonly #schedule: Schedule | undefined;
  readonly #failures: FailureLog;
  readonly #authorization: string | undefined;

  constructor(source: SnapshotSource, options: PushGatewaySinkOptions) {
    this.name = options.name ?? "pushgateway";
    this.#source = source;
    // fetch refuses URLs with credentials: `user:pw@` becomes Basic auth, and never shows.
    const { url, authorization } = splitCredentials(
      pushgatewayUrl(options.address, options.job, options.groupingKey),
    );
    this.url = url;
    this.#authorization = authorization;
    this.#method = options.method === "post" ? "POST" : "PUT";
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#failures = new FailureLog(
      `Pushgateway sink "${this.name}" (${this.url})`,
      options.warn ?? defaultWarn,
    );
    this.#schedule =
      options.periodMs === undefined
        ? undefined
        : new Schedule(options.periodMs, () => this.report(this.#source()));
  }

  async start(): Promise<void> {
    this.#schedule?.start();
  }

  /** Pushes `snapshot` now; resolves when pushed or failed (at most the timeout). */
  async report(snapshot: MetricsSnapshot): Promise<void> {
    try {
      const response = await fetch(this.url, {
        method: this.#method,
        headers: {
          "Content-Type": PROMETHEUS_CONTENT_TYPE,
          ...(this.#authorization === undefined ? {} : { Authorization: this.#authorization }),
        },
        body: prometheusText(snapshot),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      // The pushgateway explains a refused push (inconsistent metrics) in the body.
      const body = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.trim()}`);
      this.#failures.succeeded();
    } catch (e) {
      this.#failures.failed(reasonOf(e));
    }
  }

  async stop(): Promise<void> {
    await this.#schedule?.stop();
    await this.report(this.#source());
  }
}

function splitCredentials(text: string): { url: string; authorization: string | undefined } {
  const url = new URL(text);
  if (url.username === "" && url.password === "") return { url: text, authorization: undefined };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  registerSecret(password);
  url.username = "";
  url.password = "";
  const token = Buffer.from(`${user}:${password}`).toString("base64");
  registerSecret(token);
  return { url: url.toString(), authorization: `Basic ${token}` };
}
