import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { collectResult, RpcError, Status } from "../../../src/engine/spark-connect/index.js";
import { TributaryError } from "../../../src/errors.js";
import {
  ExecutePlanRequestSchema,
  FetchErrorDetailsResponseSchema,
  InterruptRequestSchema,
  InterruptResponseSchema,
  ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema,
} from "../../../src/proto/gen/spark/connect/base_pb.js";
import {
  batch,
  done,
  FakeTransport,
  failing,
  plan,
  released,
  reply,
  sessionReleased,
  sparkError,
  stream,
  testClient,
} from "./fake-transport.js";

describe("SparkConnectClient.executePlan", () => {
  it("asks for a reattachable execution with its own operation id", async () => {
    const t = new FakeTransport(
      { ReleaseExecute: released },
      { ExecutePlan: () => stream(done("r1")) },
    );
    await collectResult(testClient(t).executePlan(plan, { tags: ["nightly"] }));
    const req = fromBinary(
      ExecutePlanRequestSchema,
      t.requests("ExecutePlan")[0] ?? new Uint8Array(),
    );
    expect(req.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.tags).toEqual(["nightly"]);
    expect(req.requestOptions[0]?.requestOption).toMatchObject({
      case: "reattachOptions",
      value: { reattachable: true },
    });
  });

  it("reattaches after the last response when a stream ends early, then releases", async () => {
    const t = new FakeTransport(
      { ReleaseExecute: released, ReleaseSession: sessionReleased },
      {
        ExecutePlan: () => stream(batch("r1")),
        ReattachExecute: () => stream(batch("r2"), done("r3")),
      },
    );
    const c = testClient(t);
    const ids: string[] = [];
    for await (const r of c.executePlan(plan)) ids.push(r.responseId);
    await c.close();
    expect(ids).toEqual(["r1", "r2", "r3"]);
    const reattach = fromBinary(
      ReattachExecuteRequestSchema,
      t.requests("ReattachExecute")[0] ?? new Uint8Array(),
    );
    expect(reattach.lastResponseId).toBe("r1");
    const releases = t
      .requests("ReleaseExecute")
      .map((b) => fromBinary(ReleaseExecuteRequestSchema, b).release);
    expect(releases).toEqual([
      expect.objectContaining({
        case: "releaseUntil",
        value: expect.objectContaining({ responseId: "r1" }),
      }),
      expect.objectContaining({
        case: "releaseUntil",
        value: expect.objectContaining({ responseId: "r2" }),
      }),
      expect.objectContaining({ case: "releaseAll" }),
    ]);
  });

  it("reattaches after a transient failure mid-stream", async () => {
    const t = new FakeTransport(
      { ReleaseExecute: released },
      {
        ExecutePlan: () => failing(new RpcError(Status.UNAVAILABLE, "reset"), batch("r1")),
        ReattachExecute: () => stream(done("r2")),
      },
    );
    const ids: string[] = [];
    for await (const r of testClient(t).executePlan(plan)) ids.push(r.responseId);
    expect(ids).toEqual(["r1", "r2"]);
  });

  it("executes again when the first request never reached the server", async () => {
    const notFound = sparkError(Status.INTERNAL, "[INVALID_HANDLE.OPERATION_NOT_FOUND] ...", {
      errorClass: "INVALID_HANDLE.OPERATION_NOT_FOUND",
    });
    const t = new FakeTransport(
      { ReleaseExecute: released },
      {
        ExecutePlan: (_req, n) =>
          n === 1 ? failing(new RpcError(Status.UNAVAILABLE, "refused")) : stream(done("r1")),
        ReattachExecute: () => failing(notFound),
      },
    );
    const ids: string[] = [];
    for await (const r of testClient(t).executePlan(plan)) ids.push(r.responseId);
    expect(ids).toEqual(["r1"]);
    expect(t.count("ExecutePlan")).toBe(2);
  });

  it("maps a server error with the full message from FetchErrorDetails", async () => {
    const t = new FakeTransport(
      {
        ReleaseExecute: released,
        FetchErrorDetails: () =>
          reply(
            toBinary(
              FetchErrorDetailsResponseSchema,
              create(FetchErrorDetailsResponseSchema, {
                rootErrorIdx: 0,
                errors: [{ message: "[UNRESOLVED_COLUMN.WITH_SUGGESTION] full message" }],
              }),
            ),
          ),
      },
      {
        ExecutePlan: () =>
          failing(
            sparkError(Status.INTERNAL, "[UNRESOLVED_COLUMN.WITH_SUGGESTION] trunc", {
              errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
              sqlState: "42703",
              errorId: "e-1",
            }),
          ),
      },
    );
    const error = await collectResult(testClient(t).executePlan(plan)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "SPARK_CONNECT_SERVER_ERROR",
      errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
      sqlState: "42703",
      message: "[UNRESOLVED_COLUMN.WITH_SUGGESTION] full message",
    });
    expect(t.count("ExecutePlan")).toBe(1);
  });

  it("an abort cancels the stream and interrupts the operation on the server", async () => {
    const controller = new AbortController();
    const t = new FakeTransport(
      {
        ReleaseExecute: released,
        Interrupt: () => reply(toBinary(InterruptResponseSchema, create(InterruptResponseSchema))),
      },
      {
        ExecutePlan: (_req) =>
          (async function* () {
            yield batch("r1");
            controller.abort();
            throw new RpcError(Status.CANCELLED, "Cancelled on client");
          })(),
      },
    );
    const c = testClient(t);
    const error = await collectResult(c.executePlan(plan, { signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TributaryError);
    expect(error).toMatchObject({ code: "ACTION_ABORTED" });
    const exec = fromBinary(
      ExecutePlanRequestSchema,
      t.requests("ExecutePlan")[0] ?? new Uint8Array(),
    );
    const interrupt = fromBinary(
      InterruptRequestSchema,
      t.requests("Interrupt")[0] ?? new Uint8Array(),
    );
    expect(interrupt.interrupt).toEqual({ case: "operationId", value: exec.operationId });
  });
});
