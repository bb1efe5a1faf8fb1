/** A scripted Transport for client tests: each method answers from a handler. */
import { create, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import {
  type CallOptions,
  type Method,
  RpcError,
  SparkConnectClient,
  type SparkConnectClientOptions,
  type Transport,
} from "../../../src/engine/spark-connect/index.js";
import { ErrorInfoSchema } from "../../../src/proto/gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "../../../src/proto/gen/google/rpc/status_pb.js";
import {
  AnalyzePlanResponseSchema,
  ExecutePlanResponseSchema,
  type Plan,
  PlanSchema,
  ReleaseExecuteResponseSchema,
  ReleaseSessionResponseSchema,
} from "../../../src/proto/gen/spark/connect/base_pb.js";

export type UnaryHandler = (request: Uint8Array, call: number) => Promise<Uint8Array>;
export type StreamHandler = (request: Uint8Array, call: number) => AsyncIterable<Uint8Array>;

export interface Call {
  readonly method: Method;
  readonly request: Uint8Array;
  readonly options: CallOptions | undefined;
}

export class FakeTransport implements Transport {
  readonly calls: Call[] = [];
  closed = false;
  readonly #unary: Partial<Record<Method, UnaryHandler>>;
  readonly #streams: Partial<Record<Method, StreamHandler>>;

  constructor(
    unary: Partial<Record<Method, UnaryHandler>>,
    streams: Partial<Record<Method, StreamHandler>> = {},
  ) {
    this.#unary = unary;
    this.#streams = streams;
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  requests(method: Method): Uint8Array[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  unary(method: Method, request: Uint8Array, options?: CallOptions): Promise<Uint8Array> {
    this.calls.push({ method, request, options });
    const handler = this.#unary[method];
    if (handler === undefined) return Promise.reject(new Error(`unexpected ${method}`));
    return handler(request, this.count(method));
  }

  serverStream(
    method: Method,
    request: Uint8Array,
    options?: CallOptions,
  ): AsyncIterable<Uint8Array> {
    this.calls.push({ method, request, options });
    const handler = this.#streams[method];
    if (handler === undefined) throw new Error(`unexpected stream ${method}`);
    return handler(request, this.count(method));
  }

  close(): void {
    this.closed = true;
  }
}

/** An ExecutePlanResponse, serialized. */
export function response(fields: MessageInitShape<typeof ExecutePlanResponseSchema>): Uint8Array {
  return toBinary(ExecutePlanResponseSchema, create(ExecutePlanResponseSchema, fields));
}

/** A failure as Spark sends it: a google.rpc.Status with an ErrorInfo in the trailers. */
export function sparkError(
  code: number,
  message: string,
  metadata: Record<string, string>,
): RpcError {
  const info = create(ErrorInfoSchema, {
    reason: "org.apache.spark.sql.AnalysisException",
    domain: "org.apache.spark",
    metadata,
  });
  const status = create(StatusSchema, { code, message, details: [anyPack(ErrorInfoSchema, info)] });
  return new RpcError(
    code,
    message,
    new Map([["grpc-status-details-bin", toBinary(StatusSchema, status)]]),
  );
}

/** Resolves with `bytes` (for unary handlers). */
export const reply = (bytes: Uint8Array): Promise<Uint8Array> => Promise.resolve(bytes);

export const SESSION = "6f1c2b9e-3d1a-4c57-9e1b-2a3b4c5d6e7f";
const fast = { initialBackoffMs: 1, backoffMultiplier: 1, minJitterThresholdMs: 1e9 };

export const plan: Plan = create(PlanSchema, {
  opType: { case: "root", value: { relType: { case: "sql", value: { query: "SELECT 1" } } } },
});

/** AnalyzePlan answering with the Spark version and a server-side session id. */
export const version: UnaryHandler = () =>
  reply(
    toBinary(
      AnalyzePlanResponseSchema,
      create(AnalyzePlanResponseSchema, {
        serverSideSessionId: "server-1",
        result: { case: "sparkVersion", value: { version: "4.0.1" } },
      }),
    ),
  );
export const released: UnaryHandler = () =>
  reply(toBinary(ReleaseExecuteResponseSchema, create(ReleaseExecuteResponseSchema)));
export const sessionReleased: UnaryHandler = () =>
  reply(toBinary(ReleaseSessionResponseSchema, create(ReleaseSessionResponseSchema)));

/** A client over `transport` with near-zero backoff. */
export function testClient(transport: FakeTransport, options: SparkConnectClientOptions = {}) {
  return SparkConnectClient.connect(`sc://h/;user_id=etl;user_agent=test;session_id=${SESSION}`, {
    transport,
    retry: fast,
    ...options,
  });
}

export async function* stream(...messages: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const m of messages) yield m;
}

export async function* failing(error: unknown, ...before: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const m of before) yield m;
  throw error;
}

export const batch = (id: string) =>
  response({ responseId: id, responseType: { case: "executionProgress", value: {} } });
export const done = (id: string) =>
  response({ responseId: id, responseType: { case: "resultComplete", value: {} } });
