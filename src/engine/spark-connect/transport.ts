/**
 * What the Spark Connect client needs from a gRPC transport, without naming one: unary and
 * server-streaming calls of serialized messages, failures as {@link RpcError}. The real
 * implementation is grpc-transport.ts (the only file that imports `@grpc/grpc-js`); tests
 * pass a fake one.
 */

/** gRPC status codes (a protocol fact: https://grpc.io/docs/guides/status-codes/). */
export const Status = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** The name of a status code (`UNAVAILABLE`), for messages. */
export function statusName(code: number): string {
  for (const [name, value] of Object.entries(Status)) if (value === code) return name;
  return `STATUS_${code}`;
}

/** A failed call: the gRPC status, its message, and the trailers (binary ones as bytes). */
export class RpcError extends Error {
  readonly code: number;
  readonly details: string;
  readonly trailers: ReadonlyMap<string, string | Uint8Array>;

  constructor(
    code: number,
    details: string,
    trailers: ReadonlyMap<string, string | Uint8Array> = new Map(),
  ) {
    super(`${statusName(code)}: ${details}`);
    this.name = "RpcError";
    this.code = code;
    this.details = details;
    this.trailers = trailers;
  }
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (the stream ends with CANCELLED). */
  readonly signal?: AbortSignal | undefined;
  /**
   * How long a call may wait for a connection before failing with UNAVAILABLE. Without it a
   * call to an address that never answers waits for TCP's own timeout.
   */
  readonly connectTimeoutMs?: number | undefined;
}

/** Method names are the RPCs of `spark.connect.SparkConnectService`. */
export type Method =
  | "ExecutePlan"
  | "AnalyzePlan"
  | "Config"
  | "Interrupt"
  | "ReattachExecute"
  | "ReleaseExecute"
  | "ReleaseSession"
  | "FetchErrorDetails";

export interface Transport {
  unary(method: Method, request: Uint8Array, options?: CallOptions): Promise<Uint8Array>;
  /** Messages of a server stream; the iterator throws {@link RpcError} on failure. */
  serverStream(
    method: Method,
    request: Uint8Array,
    options?: CallOptions,
  ): AsyncIterable<Uint8Array>;
  /** Closes the channel; calls in flight fail with CANCELLED. */
  close(): void;
}
