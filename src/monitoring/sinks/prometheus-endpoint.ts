/**
 * Spark's `PrometheusServlet`, as a small HTTP server of our own (we have no Spark UI to
 * mount it on): while the pipeline runs, `GET <path>` returns the registry's metrics in the
 * text exposition format, rendered at scrape time. It binds to 127.0.0.1 unless told
 * otherwise, so metrics are not exposed beyond the machine by accident.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "../../errors.js";
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from "./prometheus-format.js";
import { type MetricsSink, reasonOf, type SnapshotSource } from "./sink.js";

/** Options of a {@link PrometheusEndpoint}. */
export interface PrometheusEndpointOptions {
  /** The TCP port; 0 picks a free one (read it back from `url`). */
  readonly port: number;
  /** The interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** The path served; default `/metrics`. */
  readonly path?: string;
  /** The sink's name in `metrics.properties`. */
  readonly name?: string;
}

/**
 * Serves metrics for Prometheus to scrape.
 *
 * @example
 * ```ts
 * const endpoint = new PrometheusEndpoint(() => registry.snapshot(), { port: 9464 });
 * await endpoint.start();
 * console.log(endpoint.url); // http://127.0.0.1:9464/metrics
 * await endpoint.stop();
 * ```
 */
export class PrometheusEndpoint implements MetricsSink {
  readonly name: string;
  readonly #source: SnapshotSource;
  readonly #host: string;
  readonly #port: number;
  readonly #path: string;
  #server: Server | undefined;
  #url: string | undefined;

  constructor(source: SnapshotSource, options: PrometheusEndpointOptions) {
    this.name = options.name ?? "prometheusServlet";
    this.#source = source;
    this.#host = options.host ?? "127.0.0.1";
    this.#port = options.port;
    this.#path = options.path ?? "/metrics";
  }

  /** The URL metrics are served at, once started. */
  get url(): string | undefined {
    return this.#url;
  }

  /**
   * Starts listening.
   * @throws ConfigError `METRICS_ENDPOINT_LISTEN_FAILED` when the port is taken or not allowed.
   */
  async start(): Promise<void> {
    if (this.#server !== undefined) return;
    const server = createServer((req, res) => this.#handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", (e) => {
        const where = `${this.#host}:${this.#port}`;
        reject(
          new ConfigError(
            "METRICS_ENDPOINT_LISTEN_FAILED",
            `The Prometheus endpoint cannot listen on ${where}: ${reasonOf(e)}`,
            {
              hint: `Choose another port (*.sink.${this.name}.port) or stop what uses ${where}.`,
              context: { host: this.#host, port: this.#port },
              cause: e,
            },
          ),
        );
      });
      server.listen(this.#port, this.#host, () => resolve());
    });
    // Scrapes must not keep a finished batch process alive.
    server.unref();
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    const host = this.#host.includes(":") ? `[${this.#host}]` : this.#host;
    this.#url = `http://${host}:${port}${this.#path}`;
  }

  /** Nothing to do: Prometheus pulls, and each scrape renders a fresh snapshot. */
  async report(): Promise<void> {}

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    // Scrapers keep connections alive; close them, or close() would wait for them.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== this.#path) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end(`Metrics are at ${this.#path}\n`);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const body = prometheusText(this.#source());
    res.writeHead(200, {
      "Content-Type": PROMETHEUS_CONTENT_TYPE,
      "Content-Length": Buffer.byteLength(body),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }
}
