import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { RpcError, Status } from "../../../src/engine/spark-connect/index.js";
import { EngineError } from "../../../src/errors.js";
import {
  AnalyzePlanRequestSchema,
  ConfigRequestSchema,
  ConfigResponseSchema,
} from "../../../src/proto/gen/spark/connect/base_pb.js";
import {
  FakeTransport,
  reply,
  SESSION,
  sessionReleased,
  testClient,
  version,
} from "./fake-transport.js";

describe("SparkConnectClient requests", () => {
  it("carry the session, the user and the client type; learn the server session", async () => {
    const t = new FakeTransport({ AnalyzePlan: version, ReleaseSession: sessionReleased });
    const c = testClient(t);
    expect(await c.sparkVersion()).toBe("4.0.1");
    await c.sparkVersion();
    const [first, second] = t
      .requests("AnalyzePlan")
      .map((b) => fromBinary(AnalyzePlanRequestSchema, b));
    expect(first?.sessionId).toBe(SESSION);
    expect(first?.userContext?.userId).toBe("etl");
    expect(first?.clientType).toMatch(/^test os\/\w+ node\//);
    expect(first?.clientObservedServerSideSessionId).toBeUndefined();
    expect(second?.clientObservedServerSideSessionId).toBe("server-1");
  });

  it("bound the wait for a connection only until the server first answers", async () => {
    const t = new FakeTransport({ AnalyzePlan: version });
    const c = testClient(t, { connectTimeoutMs: 1234 });
    await c.sparkVersion();
    await c.sparkVersion();
    expect(t.calls.map((call) => call.options?.connectTimeoutMs)).toEqual([1234, undefined]);
  });

  it("get and set configuration", async () => {
    const t = new FakeTransport({
      Config: (bytes) => {
        const req = fromBinary(ConfigRequestSchema, bytes);
        const op = req.operation?.opType;
        const pairs =
          op?.case === "getOption" ? [{ key: "k", value: "v" }] : op?.case === "set" ? [] : [];
        return reply(toBinary(ConfigResponseSchema, create(ConfigResponseSchema, { pairs })));
      },
    });
    const c = testClient(t);
    await c.setConf({ "spark.sql.session.timeZone": "UTC" });
    expect(await c.getConf("k")).toBe("v");
    const set = fromBinary(ConfigRequestSchema, t.requests("Config")[0] ?? new Uint8Array());
    expect(set.operation?.opType).toMatchObject({
      case: "set",
      value: { pairs: [{ key: "spark.sql.session.timeZone", value: "UTC" }] },
    });
  });
});

describe("SparkConnectClient retries", () => {
  it("retries UNAVAILABLE and then succeeds", async () => {
    const t = new FakeTransport({
      AnalyzePlan: (bytes, n) =>
        n < 3 ? Promise.reject(new RpcError(Status.UNAVAILABLE, "refused")) : version(bytes, n),
    });
    expect(await testClient(t).sparkVersion()).toBe("4.0.1");
    expect(t.count("AnalyzePlan")).toBe(3);
  });

  it("does not retry a refused token, and says what to check", async () => {
    const t = new FakeTransport({
      AnalyzePlan: () =>
        Promise.reject(new RpcError(Status.UNAUTHENTICATED, "Invalid authentication token")),
    });
    const error = await testClient(t)
      .sparkVersion()
      .catch((e: unknown) => e);
    expect(t.count("AnalyzePlan")).toBe(1);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: "SPARK_CONNECT_UNAUTHENTICATED" });
    expect((error as EngineError).hint).toContain("token");
  });

  it("gives up on an unreachable server within the connect timeout", async () => {
    const t = new FakeTransport({
      AnalyzePlan: () => Promise.reject(new RpcError(Status.UNAVAILABLE, "ECONNREFUSED")),
    });
    const started = Date.now();
    const error = await testClient(t, {
      connectTimeoutMs: 200,
      retry: { initialBackoffMs: 20, backoffMultiplier: 2, minJitterThresholdMs: 1e9 },
    })
      .sparkVersion()
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: "SPARK_CONNECT_UNAVAILABLE" });
    expect((error as Error).message).toMatch(
      /Cannot reach .* sc:\/\/h\/.*ECONNREFUSED \(\d+ attempts/,
    );
  });
});

describe("SparkConnectClient.close", () => {
  it("releases the session once and refuses later calls", async () => {
    const t = new FakeTransport({ AnalyzePlan: version, ReleaseSession: sessionReleased });
    const c = testClient(t);
    await c.sparkVersion();
    await c.close();
    await c.close();
    expect(t.count("ReleaseSession")).toBe(1);
    expect(t.closed).toBe(true);
    await expect(c.sparkVersion()).rejects.toMatchObject({ code: "SPARK_CONNECT_CLOSED" });
  });

  it("does not call a server it never reached", async () => {
    const t = new FakeTransport({});
    await testClient(t).close();
    expect(t.calls).toEqual([]);
    expect(t.closed).toBe(true);
  });

  it("still closes when the server is gone", async () => {
    const t = new FakeTransport({
      AnalyzePlan: version,
      ReleaseSession: () => Promise.reject(new RpcError(Status.UNIMPLEMENTED, "gone")),
    });
    const c = testClient(t);
    await c.sparkVersion();
    await expect(c.close()).resolves.toBeUndefined();
    expect(t.closed).toBe(true);
  });
});
