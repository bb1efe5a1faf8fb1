/**
 * Failed calls -> tributary errors. Spark puts a `google.rpc.Status` in the
 * `grpc-status-details-bin` trailer with an `ErrorInfo` whose metadata carries the error
 * class, the SQL state, the exception classes and, when the server keeps the full error,
 * an `errorId` to ask FetchErrorDetails for the untruncated message. Transport failures
 * become `SPARK_CONNECT_*` codes with a hint; a server error keeps Spark's class and state.
 */
import { fromBinary } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { EngineError, type ErrorCode, TributaryError } from "../../errors.js";
import { ErrorInfoSchema } from "../../proto/gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "../../proto/gen/google/rpc/status_pb.js";
import type { FetchErrorDetailsResponse } from "../../proto/gen/spark/connect/base_pb.js";
import { RetriesExhaustedError } from "./retry.js";
import { RpcError, Status, statusName } from "./transport.js";

const ENGINE = "spark-connect";
const DETAILS_TRAILER = "grpc-status-details-bin";

/** What Spark's `ErrorInfo` says about a server-side failure. */
export interface SparkErrorInfo {
  readonly reason: string;
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly errorId: string | undefined;
  /** The exception's class and superclasses, most specific first. */
  readonly classes: readonly string[];
  readonly messageParameters: Readonly<Record<string, string>>;
}

/**
 * Spark's `ErrorInfo` from a failed call's trailers, if the server sent one.
 *
 * @example
 * ```ts
 * errorInfoOf(rpcError)?.errorClass; // "UNRESOLVED_COLUMN.WITH_SUGGESTION"
 * ```
 */
export function errorInfoOf(error: RpcError): SparkErrorInfo | undefined {
  const raw = error.trailers.get(DETAILS_TRAILER);
  if (!(raw instanceof Uint8Array)) return undefined;
  let status: ReturnType<typeof fromBinary<typeof StatusSchema>>;
  try {
    status = fromBinary(StatusSchema, raw);
  } catch {
    return undefined;
  }
  for (const detail of status.details) {
    const info = anyUnpack(detail, ErrorInfoSchema);
    if (info === undefined) continue;
    const meta = info.metadata;
    return {
      reason: info.reason,
      errorClass: meta.errorClass || undefined,
      sqlState: meta.sqlState || undefined,
      errorId: meta.errorId || undefined,
      classes: jsonOr<string[]>(meta.classes, []),
      messageParameters: jsonOr<Record<string, string>>(meta.messageParameters, {}),
    };
  }
  return undefined;
}

function jsonOr<T>(text: string | undefined, fallback: T): T {
  if (text === undefined || text === "") return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Context for {@link toTributaryError}. */
export interface ErrorContext {
  /** The connection string, already redacted. */
  readonly url: string;
  /** What was being done, for the message ("ExecutePlan"). */
  readonly operation: string;
  /** FetchErrorDetails, when the client can call it. */
  readonly fetchDetails?: (errorId: string) => Promise<FetchErrorDetailsResponse | undefined>;
}

/**
 * The tributary error for a failed call (or a {@link RetriesExhaustedError} around one).
 *
 * @example
 * ```ts
 * try { await transport.unary("Config", bytes); }
 * catch (e) { throw await toTributaryError(e, { url: conn.redacted, operation: "Config" }); }
 * ```
 */
export async function toTributaryError(error: unknown, ctx: ErrorContext): Promise<TributaryError> {
  if (error instanceof TributaryError) return error;
  if (error instanceof RetriesExhaustedError) {
    const inner = await toTributaryError(error.cause, ctx);
    const seconds = (error.elapsedMs / 1000).toFixed(1);
    return new EngineError(
      ENGINE,
      `${inner.message} (${error.attempts} ${error.attempts === 1 ? "attempt" : "attempts"} in ${seconds} s)`,
      {
        code: inner.code,
        cause: error,
        ...(inner.hint === undefined ? {} : { hint: inner.hint }),
        ...(inner instanceof EngineError ? engineFields(inner) : {}),
        context: { ...inner.context, attempts: error.attempts, elapsedMs: error.elapsedMs },
      },
    );
  }
  if (!(error instanceof RpcError)) {
    const text = error instanceof Error ? error.message : String(error);
    return new EngineError(ENGINE, `${ctx.operation} failed: ${text}`, {
      code: "SPARK_CONNECT_CLIENT_ERROR",
      cause: error,
    });
  }
  const info = errorInfoOf(error);
  if (info !== undefined) return serverError(error, info, ctx);
  return transportError(error, ctx);
}

function engineFields(e: EngineError): { sqlState?: string; errorClass?: string } {
  return {
    ...(e.sqlState === undefined ? {} : { sqlState: e.sqlState }),
    ...(e.errorClass === undefined ? {} : { errorClass: e.errorClass }),
  };
}

async function serverError(
  error: RpcError,
  info: SparkErrorInfo,
  ctx: ErrorContext,
): Promise<EngineError> {
  let message = error.details;
  let parameters = info.messageParameters;
  if (info.errorId !== undefined && ctx.fetchDetails !== undefined) {
    const details = await ctx.fetchDetails(info.errorId).catch(() => undefined);
    const root = details?.errors[details.rootErrorIdx ?? -1];
    if (root !== undefined) {
      message = root.message;
      const thrown = root.sparkThrowable?.messageParameters;
      if (thrown !== undefined && Object.keys(thrown).length > 0) parameters = thrown;
    }
  }
  return new EngineError(ENGINE, message, {
    code: "SPARK_CONNECT_SERVER_ERROR",
    ...(info.errorClass === undefined ? {} : { errorClass: info.errorClass }),
    ...(info.sqlState === undefined ? {} : { sqlState: info.sqlState }),
    cause: error,
    context: {
      operation: ctx.operation,
      exception: info.classes[0] ?? info.reason,
      ...(Object.keys(parameters).length === 0 ? {} : { messageParameters: parameters }),
      ...(info.errorId === undefined ? {} : { errorId: info.errorId }),
    },
  });
}

const TRANSPORT: Partial<Record<number, { code: ErrorCode; hint: (url: string) => string }>> = {
  [Status.UNAVAILABLE]: {
    code: "SPARK_CONNECT_UNAVAILABLE",
    hint: (url) =>
      `Check that a Spark Connect server is running at ${url} (locally: npm run spark:start), and that host, port and use_ssl are right.`,
  },
  [Status.DEADLINE_EXCEEDED]: {
    code: "SPARK_CONNECT_TIMEOUT",
    hint: () => "The server did not answer in time; check the network and the server's load.",
  },
  [Status.UNAUTHENTICATED]: {
    code: "SPARK_CONNECT_UNAUTHENTICATED",
    hint: () =>
      "Check the token: ;token=... in the connection string, or SPARK_CONNECT_AUTHENTICATE_TOKEN.",
  },
  [Status.PERMISSION_DENIED]: {
    code: "SPARK_CONNECT_UNAUTHENTICATED",
    hint: () => "The server refused these credentials; check the token and user_id.",
  },
  [Status.RESOURCE_EXHAUSTED]: {
    code: "SPARK_CONNECT_RESOURCE_EXHAUSTED",
    hint: () =>
      "A message exceeded the gRPC size limit or the server ran out of resources; collect fewer rows at once (stream, limit) or raise maxMessageBytes.",
  },
  [Status.UNIMPLEMENTED]: {
    code: "SPARK_CONNECT_UNIMPLEMENTED",
    hint: () => "The server does not implement this call; it may be older than Spark 4.0.",
  },
  [Status.CANCELLED]: {
    code: "SPARK_CONNECT_CANCELLED",
    hint: () => "The call was cancelled (client closed, or interrupted).",
  },
};

function transportError(error: RpcError, ctx: ErrorContext): EngineError {
  const known = TRANSPORT[error.code];
  const name = statusName(error.code);
  const what =
    error.code === Status.UNAVAILABLE
      ? `Cannot reach the Spark Connect server at ${ctx.url}`
      : `${ctx.operation} failed at ${ctx.url} with ${name}`;
  return new EngineError(ENGINE, `${what}: ${error.details}`, {
    code: known?.code ?? "SPARK_CONNECT_RPC_ERROR",
    cause: error,
    ...(known === undefined ? {} : { hint: known.hint(ctx.url) }),
    context: { operation: ctx.operation, grpcStatus: name },
  });
}
