/**
 * The plumbing under {@link SparkConnectClient}: every request carries the session id, the
 * user context and the client type; unary calls retry transient failures; failures become
 * tributary errors. Until the server has answered once, the retry budget is the short
 * connect timeout, so a wrong address or a stopped server fails within seconds; after
 * that, blips are retried for the policy's deadline (two minutes by default).
 */
import { randomUUID } from "node:crypto";
import {
  create,
  type DescMessage,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import { TributaryError } from "../../errors.js";
import {
  AnalyzePlanRequestSchema,
  AnalyzePlanResponseSchema,
  ConfigRequestSchema,
  ConfigResponseSchema,
  FetchErrorDetailsRequestSchema,
  FetchErrorDetailsResponseSchema,
  InterruptRequestSchema,
  InterruptResponseSchema,
  ReleaseExecuteRequestSchema,
  ReleaseExecuteResponseSchema,
  ReleaseSessionRequestSchema,
  ReleaseSessionResponseSchema,
  UserContextSchema,
} from "../../proto/gen/spark/connect/base_pb.js";
import type { ConnectionString } from "./connection-string.js";
import { toTributaryError } from "./error-mapping.js";
import type { ExecuteContext, RequestBase } from "./execute.js";
import { createGrpcTransport } from "./grpc-transport.js";
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from "./retry.js";
import type { CallOptions, Transport } from "./transport.js";

/** Options of a session (and of `SparkConnectClient.connect`). */
export interface SparkConnectClientOptions {
  /** Defaults to a gRPC channel to the connection string's endpoint. */
  readonly transport?: Transport;
  readonly retry?: Partial<RetryPolicy>;
  /**
   * How long to wait for the server's first answer, connecting and retrying included; 3 s.
   * Raise it for servers that take long to accept connections (a cluster still starting).
   */
  readonly connectTimeoutMs?: number;
  /** Largest gRPC message; 128 MiB. */
  readonly maxMessageBytes?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The unary RPCs: request and response schemas. */
const UNARY = {
  AnalyzePlan: [AnalyzePlanRequestSchema, AnalyzePlanResponseSchema],
  Config: [ConfigRequestSchema, ConfigResponseSchema],
  Interrupt: [InterruptRequestSchema, InterruptResponseSchema],
  ReleaseExecute: [ReleaseExecuteRequestSchema, ReleaseExecuteResponseSchema],
  ReleaseSession: [ReleaseSessionRequestSchema, ReleaseSessionResponseSchema],
  FetchErrorDetails: [FetchErrorDetailsRequestSchema, FetchErrorDetailsResponseSchema],
} as const;
export type UnaryMethod = keyof typeof UNARY;
type Request<M extends UnaryMethod> = Omit<
  MessageInitShape<(typeof UNARY)[M][0]>,
  keyof RequestBase
>;
type Reply<M extends UnaryMethod> = MessageShape<(typeof UNARY)[M][1]>;

/** The error of an action stopped by its AbortSignal (as the DuckDB engine raises it). */
export function aborted(signal: AbortSignal, error: unknown): TributaryError {
  return new TributaryError("ACTION_ABORTED", "The action was aborted.", {
    cause: signal.reason ?? error,
  });
}

export class RpcSession {
  readonly connection: ConnectionString;
  readonly sessionId: string;
  serverSideSessionId: string | undefined;
  readonly transport: Transport;
  readonly policy: RetryPolicy;
  readonly #connectTimeoutMs: number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #clientType: string;
  readonly #pending = new Set<Promise<unknown>>();
  #contacted = false;
  #closed = false;

  constructor(connection: ConnectionString, options: SparkConnectClientOptions) {
    this.connection = connection;
    this.sessionId = connection.sessionId ?? randomUUID();
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
    this.#sleep = options.sleep ?? abortableSleep;
    // Spark logs the client type; PySpark sends "<user agent> spark/... os/... python/...".
    this.#clientType = `${connection.userAgent ?? "_SPARK_CONNECT_TRIBUTARY"} os/${process.platform} node/${process.versions.node}`;
    this.transport =
      options.transport ??
      createGrpcTransport(connection, {
        userAgent: this.#clientType,
        ...(options.maxMessageBytes === undefined
          ? {}
          : { maxMessageBytes: options.maxMessageBytes }),
      });
  }

  assertOpen(): void {
    if (this.#closed) {
      throw new TributaryError("SPARK_CONNECT_CLOSED", "This Spark Connect session is closed.", {
        hint: "Create a new session.",
      });
    }
  }

  base(): RequestBase {
    return {
      sessionId: this.sessionId,
      clientType: this.#clientType,
      clientObservedServerSideSessionId: this.serverSideSessionId,
      // PySpark's default user is $USER; the server tags jobs with it.
      userContext: create(UserContextSchema, {
        userId: this.connection.userId ?? process.env.USER ?? "",
      }),
    };
  }

  callOptions(signal: AbortSignal | undefined): CallOptions {
    return { signal, connectTimeoutMs: this.#contacted ? undefined : this.#connectTimeoutMs };
  }

  retryDeadlineMs(): number {
    return this.#contacted ? this.policy.deadlineMs : this.#connectTimeoutMs;
  }

  observe(reply: { serverSideSessionId: string }): void {
    this.#contacted = true;
    if (reply.serverSideSessionId !== "") this.serverSideSessionId ??= reply.serverSideSessionId;
  }

  /** One unary call with retries; failures leave as tributary errors. */
  async unary<M extends UnaryMethod>(
    method: M,
    fields: Request<M>,
    signal?: AbortSignal,
  ): Promise<Reply<M>> {
    if (method !== "ReleaseExecute" && method !== "ReleaseSession") this.assertOpen();
    const [input, output] = UNARY[method] as readonly [DescMessage, DescMessage];
    const bytes = toBinary(input, create(input, { ...this.base(), ...fields }));
    try {
      const reply = await withRetries(
        () => this.transport.unary(method, bytes, this.callOptions(signal)),
        { policy: this.policy, deadlineMs: this.retryDeadlineMs(), signal, sleep: this.#sleep },
      );
      const message = fromBinary(output, reply) as Reply<M>;
      this.observe(message as { serverSideSessionId: string });
      return message;
    } catch (error) {
      if (signal?.aborted === true) throw aborted(signal, error);
      throw await this.toError(error, method);
    }
  }

  toError(error: unknown, operation: string): Promise<TributaryError> {
    return toTributaryError(error, {
      url: this.connection.redacted,
      operation,
      // Not for a failed FetchErrorDetails itself, which would ask again forever.
      ...(operation === "FetchErrorDetails"
        ? {}
        : {
            fetchDetails: (errorId: string) =>
              this.unary("FetchErrorDetails", { errorId }).catch(() => undefined),
          }),
    });
  }

  executeContext(): ExecuteContext {
    return {
      transport: this.transport,
      policy: this.policy,
      base: () => this.base(),
      callOptions: (signal) => this.callOptions(signal),
      retryDeadlineMs: () => this.retryDeadlineMs(),
      observe: (response) => this.observe(response),
      sleep: this.#sleep,
      background: (method, request) => {
        const call = this.unary(method, request).catch(() => undefined);
        this.#pending.add(call);
        void call.finally(() => this.#pending.delete(call));
      },
    };
  }

  /** Waits for background releases, releases the session (if the server saw it), closes. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await Promise.allSettled([...this.#pending]);
    // A failed release (server gone) must not turn close() into an error.
    if (this.#contacted) await this.unary("ReleaseSession", {}).catch(() => undefined);
    this.#closed = true;
    this.transport.close();
  }
}
