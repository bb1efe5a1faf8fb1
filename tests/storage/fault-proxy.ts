/**
 * A small HTTP proxy on loopback between a client and the S3 server, to inject faults: it
 * answers the first `failFirst` requests with 503 SlowDown itself (the server never sees
 * them), delays each of the first `delayFirst` requests by `delayMs` before forwarding, and
 * can drop the connection of the first `dropAfterForward` requests after forwarding them (the
 * server applied the request, the client sees a reset: the ambiguous case). An `outage` plays
 * the server stopping and starting again: at the first request it matches, the proxy cuts
 * that request's connection (after the server applied it, or before it reached the server)
 * and stops listening (new connections are refused, as by a stopped server) until `restart()`
 * makes it listen again on the same port.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Faults {
  failFirst?: number;
  delayFirst?: number;
  delayMs?: number;
  dropAfterForward?: number;
  outage?: Outage;
}

export interface Outage {
  /** Whether a request (as `METHOD /path?query`) starts the outage; only the first match does. */
  readonly at: (request: string) => boolean;
  /** The server applied the matched request before it stopped (its answer is lost). */
  readonly afterForward: boolean;
}

export interface FaultProxy {
  readonly url: string;
  /** Requests seen, as `METHOD /path?query`. */
  readonly seen: string[];
  /** Resolves when the outage starts (connections are refused from then on). */
  readonly down: Promise<void>;
  /** Ends the outage: resolves when the proxy listens again on its port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const SLOW_DOWN =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';

export async function startFaultProxy(target: string, faults: Faults): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen: string[] = [];
  const { outage } = faults;
  let outageRequest = 0;
  let port = 0;
  let markDown = (): void => {};
  const down = new Promise<void>((resolve) => {
    markDown = resolve;
  });
  const stop = (): void => {
    server.close();
    server.closeAllConnections();
    markDown();
  };
  const server: Server = createServer((req, res) => {
    const line = `${req.method ?? "?"} ${req.url ?? ""}`;
    const n = seen.push(line);
    if (outage !== undefined && outageRequest === 0 && outage.at(line)) {
      outageRequest = n;
      if (!outage.afterForward) {
        req.socket.destroy();
        stop();
        return;
      }
    }
    if (n <= (faults.failFirst ?? 0)) {
      req.resume();
      res.writeHead(503, { "content-type": "application/xml" }).end(SLOW_DOWN);
      return;
    }
    const forward = (): void => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          if (n === outageRequest) {
            answer.resume();
            req.socket.destroy();
            stop();
            return;
          }
          if (n <= (faults.dropAfterForward ?? 0)) {
            answer.resume();
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", () => req.socket.destroy());
      req.pipe(out);
    };
    if (n <= (faults.delayFirst ?? 0)) setTimeout(forward, faults.delayMs ?? 0);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    down,
    restart: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        if (!server.listening) resolve();
        else server.close(() => resolve());
      }),
  };
}
