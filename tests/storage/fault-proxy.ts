/**
 * A small HTTP proxy on loopback between a client and the S3 server, to inject faults: it
 * answers the first `failFirst` requests with 503 SlowDown itself (the server never sees
 * them), delays each of the first `delayFirst` requests by `delayMs` before forwarding, and
 * can drop the connection of the first `dropAfterForward` requests after forwarding them (the
 * server applied the request, the client sees a reset: the ambiguous case).
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Faults {
  failFirst?: number;
  delayFirst?: number;
  delayMs?: number;
  dropAfterForward?: number;
}

export interface FaultProxy {
  readonly url: string;
  /** Requests seen, as `METHOD /path?query`. */
  readonly seen: string[];
  close(): Promise<void>;
}

const SLOW_DOWN =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';

export async function startFaultProxy(target: string, faults: Faults): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const n = seen.push(`${req.method ?? "?"} ${req.url ?? ""}`);
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
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
