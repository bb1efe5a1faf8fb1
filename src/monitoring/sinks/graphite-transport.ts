/**
 * Delivers plaintext-protocol payloads to carbon over TCP or UDP. Every call is bounded by a
 * timeout and leaves nothing open that could keep the process alive.
 *
 * TCP opens a fresh connection per report and closes it afterwards, as Dropwizard's
 * `GraphiteReporter` does for Spark: a restarted carbon is simply reached again on the next
 * report, and a dead connection can never swallow reports silently (a long-lived socket
 * accepts writes into the kernel buffer for a while after the server is gone).
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createConnection, isIPv6 } from "node:net";

/** Sends one report's payload; rejects with the reason it could not. */
export interface GraphiteTransport {
  send(payload: string): Promise<void>;
  close(): void;
}

/** Where and how to send. */
export interface GraphiteEndpoint {
  readonly host: string;
  readonly port: number;
  /** The longest one report may take (connect + write + close), in ms. */
  readonly timeoutMs: number;
}

/** TCP: connect, write, half-close, and wait for carbon to close after reading it all. */
export function tcpTransport(endpoint: GraphiteEndpoint): GraphiteTransport {
  return {
    send: (payload) =>
      new Promise<void>((resolve, reject) => {
        const socket = createConnection({ host: endpoint.host, port: endpoint.port });
        let written = false;
        let settled = false;
        const settle = (error?: Error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          if (error === undefined) resolve();
          else reject(error);
        };
        const timer = setTimeout(() => {
          // Written to the kernel but carbon never closed: it has the data, count it as sent.
          settle(written ? undefined : new Error(`no connection within ${endpoint.timeoutMs} ms`));
        }, endpoint.timeoutMs);
        timer.unref();
        socket.once("error", (e) => settle(e));
        socket.once("connect", () => socket.end(payload, () => (written = true)));
        // Carbon closes once it has read to our FIN: only then is the report surely received.
        // (A close with an error has already settled through the 'error' event.)
        socket.once("close", () =>
          settle(written ? undefined : new Error("connection closed before the report was sent")),
        );
      }),
    close: () => {},
  };
}

// Stays under a 1500-byte Ethernet MTU with IP and UDP headers, so no datagram fragments.
const MAX_DATAGRAM = 1400;

/** UDP: lines packed into datagrams (carbon splits each datagram into lines). */
export function udpTransport(endpoint: GraphiteEndpoint): GraphiteTransport {
  let socket: UdpSocket | undefined;
  const open = (): UdpSocket => {
    if (socket !== undefined) return socket;
    const created = createSocket(isIPv6(endpoint.host) ? "udp6" : "udp4");
    // Errors surface through the send callbacks; this keeps an async ICMP error from
    // becoming an unhandled 'error' event.
    created.on("error", () => {});
    created.unref();
    socket = created;
    return created;
  };
  return {
    send: async (payload) => {
      const udp = open();
      const sends = packDatagrams(payload).map(
        (datagram) =>
          new Promise<void>((resolve, reject) => {
            udp.send(datagram, endpoint.port, endpoint.host, (e) => (e ? reject(e) : resolve()));
          }),
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`send not done within ${endpoint.timeoutMs} ms`)),
          endpoint.timeoutMs,
        );
        timer.unref();
      });
      try {
        await Promise.race([Promise.all(sends), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => {
      socket?.close();
      socket = undefined;
    },
  };
}

/** Splits newline-terminated lines into datagrams of at most {@link MAX_DATAGRAM} bytes. */
export function packDatagrams(payload: string, max: number = MAX_DATAGRAM): Buffer[] {
  const datagrams: Buffer[] = [];
  let current = "";
  for (const line of payload.split(/(?<=\n)/)) {
    if (current !== "" && Buffer.byteLength(current + line) > max) {
      datagrams.push(Buffer.from(current));
      current = "";
    }
    current += line;
  }
  if (current !== "") datagrams.push(Buffer.from(current));
  return datagrams;
}
