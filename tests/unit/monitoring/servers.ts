/**
 * Tiny real servers for sink tests: a carbon-like TCP line receiver that can be stopped and
 * restarted on the same port, and an HTTP server that records requests.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, createServer, type Socket } from "node:net";

/** A TCP server that collects newline-terminated lines, like carbon's line receiver. */
export class LineServer {
  readonly lines: string[] = [];
  port = 0;
  #server: ReturnType<typeof createServer> | undefined;
  readonly #sockets = new Set<Socket>();

  /** Listens (again) on 127.0.0.1, on the same port after a restart. */
  async start(): Promise<void> {
    const server = createServer((socket) => {
      this.#sockets.add(socket);
      let pending = "";
      socket.on("data", (chunk) => {
        pending += chunk.toString();
        const parts = pending.split("\n");
        pending = parts.pop() ?? "";
        this.lines.push(...parts);
      });
      socket.on("close", () => this.#sockets.delete(socket));
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening and drops open connections, as a crashed or restarting carbon would. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** One request an {@link HttpRecorder} received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly body: string;
  /** Present only when the client sent one. */
  readonly authorization?: string;
}

/** An HTTP server on 127.0.0.1 that records requests and answers with `status`. */
export class HttpRecorder {
  readonly requests: RecordedRequest[] = [];
  status = 200;
  answer = "";
  #server: Server | undefined;

  get address(): string {
    const port = (this.#server?.address() as AddressInfo | null)?.port ?? 0;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const server = createHttpServer((req: IncomingMessage, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        this.requests.push({
          method: req.method ?? "",
          url: req.url ?? "",
          contentType: req.headers["content-type"],
          body,
          ...(req.headers.authorization === undefined
            ? {}
            : { authorization: req.headers.authorization }),
        });
        res.writeHead(this.status).end(this.answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    server?.closeAllConnections();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Waits until `check` holds, polling every 10 ms, for at most `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
