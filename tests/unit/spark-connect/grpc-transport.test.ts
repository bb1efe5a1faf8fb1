/**
 * The gRPC transport against loopback endpoints only: a closed port, a port that accepts
 * TCP but never speaks HTTP/2, and a tiny HTTP/2 server that records what it receives.
 */
import http2 from "node:http2";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGrpcTransport } from "../../../src/engine/spark-connect/grpc-transport.js";
import {
  parseConnectionString,
  RpcError,
  SparkConnectClient,
  Status,
} from "../../../src/engine/spark-connect/index.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function listen(server: net.Server | http2.Http2Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("gRPC transport", () => {
  it("fails fast with UNAVAILABLE on a refused connection", async () => {
    const port = await closedPort();
    const t = createGrpcTransport(parseConnectionString(`sc://127.0.0.1:${port}`, { env: {} }));
    cleanups.push(() => t.close());
    const started = Date.now();
    const error = await t
      .unary("Config", new Uint8Array(), { connectTimeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(Status.UNAVAILABLE);
    expect((error as RpcError).details).toContain("ECONNREFUSED");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("bounds the wait on a server that never answers", async () => {
    const port = await listen(net.createServer(() => {}));
    const t = createGrpcTransport(parseConnectionString(`sc://127.0.0.1:${port}`, { env: {} }));
    cleanups.push(() => t.close());
    const started = Date.now();
    const error = await t
      .unary("Config", new Uint8Array(), { connectTimeoutMs: 300 })
      .catch((e: unknown) => e);
    expect((error as RpcError).code).toBe(Status.UNAVAILABLE);
    expect((error as RpcError).details).toContain("within 300 ms");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("sends the bearer token, extra parameters and the path; reads status and trailers", async () => {
    const seen: http2.IncomingHttpHeaders[] = [];
    const server = http2.createServer();
    server.on("stream", (stream, headers) => {
      seen.push(headers);
      stream.respond(
        { ":status": 200, "content-type": "application/grpc" },
        { waitForTrailers: true },
      );
      stream.on("wantTrailers", () =>
        stream.sendTrailers({
          "grpc-status": "16",
          "grpc-message": "Invalid%20token",
          "x-extra": "1",
        }),
      );
      stream.end();
    });
    const port = await listen(server);
    const conn = parseConnectionString(`sc://localhost:${port}/;token=t0k;x-team=data`, {
      env: {},
    });
    const t = createGrpcTransport(conn, { userAgent: "tributary-test" });
    cleanups.push(() => t.close());
    const error = await t.unary("AnalyzePlan", new Uint8Array([1, 2])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: Status.UNAUTHENTICATED, details: "Invalid token" });
    expect((error as RpcError).trailers.get("x-extra")).toBe("1");
    expect(seen[0]?.[":path"]).toBe("/spark.connect.SparkConnectService/AnalyzePlan");
    expect(seen[0]?.authorization).toBe("Bearer t0k");
    expect(seen[0]?.["x-team"]).toBe("data");
    expect(seen[0]?.["user-agent"]).toContain("tributary-test");
  });

  it("a client on a closed port fails within seconds with a hint", async () => {
    const port = await closedPort();
    const client = SparkConnectClient.connect(`sc://127.0.0.1:${port}`);
    cleanups.push(() => void client.close());
    const started = Date.now();
    const error = await client.sparkVersion().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ code: "SPARK_CONNECT_UNAVAILABLE" });
    expect((error as Error & { hint: string }).hint).toContain("npm run spark:start");
  });
});
