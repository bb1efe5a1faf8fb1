import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import {
  errorInfoOf,
  RetriesExhaustedError,
  RpcError,
  Status,
  toTributaryError,
} from "../../../src/engine/spark-connect/index.js";
import { EngineError } from "../../../src/errors.js";
import { FetchErrorDetailsResponseSchema } from "../../../src/proto/gen/spark/connect/base_pb.js";
import { sparkError } from "./fake-transport.js";

const URL = "sc://h:15002/;token=*********(redacted)";
const ctx = { url: URL, operation: "ExecutePlan" };

const unresolved = () =>
  sparkError(Status.INTERNAL, "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... `nope` ...", {
    classes: JSON.stringify([
      "org.apache.spark.sql.catalyst.ExtendedAnalysisException",
      "org.apache.spark.sql.AnalysisException",
    ]),
    errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
    sqlState: "42703",
    messageParameters: JSON.stringify({ objectName: "`nope`", proposal: "`id`" }),
    errorId: "e-42",
  });

describe("errorInfoOf", () => {
  it("reads Spark's ErrorInfo from the grpc-status-details-bin trailer", () => {
    expect(errorInfoOf(unresolved())).toEqual({
      reason: "org.apache.spark.sql.AnalysisException",
      errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
      sqlState: "42703",
      errorId: "e-42",
      classes: [
        "org.apache.spark.sql.catalyst.ExtendedAnalysisException",
        "org.apache.spark.sql.AnalysisException",
      ],
      messageParameters: { objectName: "`nope`", proposal: "`id`" },
    });
  });

  it("is undefined without the trailer or with garbage in it", () => {
    expect(errorInfoOf(new RpcError(Status.INTERNAL, "x"))).toBeUndefined();
    const garbage = new Map([["grpc-status-details-bin", new Uint8Array([0xff, 0xff, 0xff])]]);
    expect(errorInfoOf(new RpcError(Status.INTERNAL, "x", garbage))).toBeUndefined();
  });
});

describe("toTributaryError: server errors", () => {
  it("keeps Spark's error class, SQL state and message", async () => {
    const e = await toTributaryError(unresolved(), ctx);
    expect(e).toBeInstanceOf(EngineError);
    expect(e).toMatchObject({
      code: "SPARK_CONNECT_SERVER_ERROR",
      engine: "spark-connect",
      errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
      sqlState: "42703",
    });
    expect(e.message).toContain("`nope`");
    expect(e.context).toMatchObject({
      exception: "org.apache.spark.sql.catalyst.ExtendedAnalysisException",
      errorId: "e-42",
      messageParameters: { proposal: "`id`" },
    });
  });

  it("prefers the untruncated message and parameters from FetchErrorDetails", async () => {
    const asked: string[] = [];
    const e = await toTributaryError(unresolved(), {
      ...ctx,
      fetchDetails: async (id) => {
        asked.push(id);
        return create(FetchErrorDetailsResponseSchema, {
          rootErrorIdx: 1,
          errors: [
            { message: "cause" },
            {
              message: "the whole message",
              sparkThrowable: { messageParameters: { objectName: "`nope`" } },
            },
          ],
        });
      },
    });
    expect(asked).toEqual(["e-42"]);
    expect(e.message).toBe("the whole message");
    expect(e.context).toMatchObject({ messageParameters: { objectName: "`nope`" } });
  });

  it("falls back to the status message when FetchErrorDetails fails", async () => {
    const e = await toTributaryError(unresolved(), {
      ...ctx,
      fetchDetails: () => Promise.reject(new Error("down")),
    });
    expect(e.message).toContain("[UNRESOLVED_COLUMN.WITH_SUGGESTION]");
  });
});

describe("toTributaryError: transport failures", () => {
  it.each([
    [Status.UNAVAILABLE, "SPARK_CONNECT_UNAVAILABLE", "spark:start"],
    [Status.UNAUTHENTICATED, "SPARK_CONNECT_UNAUTHENTICATED", "token"],
    [Status.PERMISSION_DENIED, "SPARK_CONNECT_UNAUTHENTICATED", "token"],
    [Status.DEADLINE_EXCEEDED, "SPARK_CONNECT_TIMEOUT", "in time"],
    [Status.RESOURCE_EXHAUSTED, "SPARK_CONNECT_RESOURCE_EXHAUSTED", "maxMessageBytes"],
    [Status.UNIMPLEMENTED, "SPARK_CONNECT_UNIMPLEMENTED", "older"],
  ])("status %i -> %s with a hint", async (status, code, hint) => {
    const e = await toTributaryError(new RpcError(status, "details"), ctx);
    expect(e.code).toBe(code);
    expect(e.hint).toContain(hint);
    expect(e.message).toContain(URL);
    expect(e.message).toContain("details");
  });

  it("names unknown statuses", async () => {
    const e = await toTributaryError(new RpcError(Status.DATA_LOSS, "lost"), ctx);
    expect(e.code).toBe("SPARK_CONNECT_RPC_ERROR");
    expect(e.message).toContain("DATA_LOSS");
  });

  it("says how long it retried", async () => {
    const inner = new RpcError(Status.UNAVAILABLE, "connect ECONNREFUSED 127.0.0.1:1");
    const e = await toTributaryError(new RetriesExhaustedError(inner, 4, 1050), ctx);
    expect(e.code).toBe("SPARK_CONNECT_UNAVAILABLE");
    expect(e.message).toMatch(/ECONNREFUSED .*\(4 attempts in 1\.1 s\)$/);
    expect(e.context).toMatchObject({ attempts: 4, elapsedMs: 1050 });
  });

  it("keeps the error class through a retry that ran out", async () => {
    const e = await toTributaryError(new RetriesExhaustedError(unresolved(), 2, 10), ctx);
    expect(e).toMatchObject({ errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION", sqlState: "42703" });
  });

  it("wraps anything else as a client error", async () => {
    const e = await toTributaryError(new TypeError("bad bytes"), ctx);
    expect(e.code).toBe("SPARK_CONNECT_CLIENT_ERROR");
    expect(e.message).toBe("ExecutePlan failed: bad bytes");
  });
});
