/**
 * A Spark Connect session: every request carries the session id, the user context and the
 * client type; unary calls retry transient failures; executions reattach (execute.ts);
 * failures become tributary errors (error-mapping.ts). Until the server has answered
 * once, the retry budget is the short connect timeout, so a wrong address or a stopped
 * server fails within seconds; after that, blips are retried for up to two minutes.
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
  type AnalyzePlanResponse,
  AnalyzePlanResponseSchema,
  ConfigRequestSchema,
  type ConfigResponse,
  ConfigResponseSchema,
  type ExecutePlanResponse,
  FetchErrorDetailsRequestSchema,
  FetchErrorDetailsResponseSchema,
  InterruptRequest_InterruptType,
  InterruptRequestSchema,
  InterruptResponseSchema,
  type Plan,
  ReleaseExecuteRequestSchema,
  ReleaseExecuteResponseSchema,
  ReleaseSessionRequestSchema,
  ReleaseSessionResponseSchema,
  UserContextSchema,
} from "../../proto/gen/spark/connect/base_pb.js";
import { type ConnectionString, parseConnectionString } from "./connection-string.js";
import { toTributaryError } from "./error-mapping.js";
import { type ExecuteContext, type RequestBase, reattachableExecute } from "./execute.js";
import { createGrpcTransport } from "./grpc-transport.js";
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from "./retry.js";
import type { CallOptions, Method, Transport } from "./transport.js";

/** Options of {@link SparkConnectClient.connect}. */
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

/** Which executions {@link SparkConnectClient.interrupt} stops. */
export type InterruptTarget = { all: true } | { tag: string } | { operationId: string };

/** Options of {@link SparkConnectClient.executePlan}. */
export interface ExecutePlanOptions {
  readonly signal?: AbortSignal;
  readonly tags?: readonly string[];
  /** A UUID; generated when absent. */
  readonly operationId?: string;
}

type Unary = {
  AnalyzePlan: [typeof AnalyzePlanRequestSchema, typeof AnalyzePlanResponseSchema];
  Config: [typeof ConfigRequestSchema, typeof ConfigResponseSchema];
  Interrupt: [typeof InterruptRequestSchema, typeof InterruptResponseSchema];
  ReleaseExecute: [typeof ReleaseExecuteRequestSchema, typeof ReleaseExecuteResponseSchema];
  ReleaseSession: [typeof ReleaseSessionRequestSchema, typeof ReleaseSessionResponseSchema];
  FetchErrorDetails: [typeof FetchErrorDetailsRequestSchema, typeof FetchErrorDetailsResponseSchema];
};
const SCHEMAS: { [M in keyof Unary]: Unary[M] } = {
  AnalyzePlan: [AnalyzePlanRequestSchema, AnalyzePlanResponseSchema],
  Config: [ConfigRequestSchema, ConfigResponseSchema],
  Interrupt: [InterruptRequestSchema, InterruptResponseSchema],
  ReleaseExecute: [ReleaseExecuteRequestSchema, ReleaseExecuteResponseSchema],
  ReleaseSession: [ReleaseSessionRequestSchema, ReleaseSessionResponseSchema],
  FetchErrorDetails: [FetchErrorDetailsRequestSchema, FetchErrorDetailsResponseSchema],
};

/** A session on a Spark Connect server. */
export class SparkConnectClient {
  readonly connection: ConnectionString;
  readonly sessionId: string;
  /** What the server calls this session (changes if the server restarts). */
  serverSideSessionId: string | undefined;
  readonly #transport: Transport;
  readonly #policy: RetryPolicy;
  readonly #connectTimeoutMs: number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #clientType: string;
  readonly #pending = new Set<Promise<unknown>>();
  #contacted = false;
  #closed = false;

  private constructor(connection: ConnectionString, options: SparkConnectClientOptions) {
    this.connection = connection;
    this.sessionId = connection.sessionId ?? randomUUID();
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#clientType = `${connection.userAgent ?? "_SPARK_CONNECT_TRIBUTARY"} os/${process.platform} node/${process.versions.node}`;
    this.#transport =
      options.transport ??
      createGrpcTransport(connection, {
        userAgent: this.#clientType,
        ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
      });
  }

  /**
   * A client for a connection string. Nothing is sent until the first call.
   *
   * @example
   * ```ts
   * const client = SparkConnectClient.connect("sc://localhost:15002");
   * console.log(await client.sparkVersion()); // "4.0.1"
   * await client.close();
   * ```
   * @throws ConfigError `SPARK_CONNECT_INVALID_URL` for a malformed connection string.
   */
  static connect(
    url: string | ConnectionString,
    options: SparkConnectClientOptions = {},
  ): SparkConnectClient {
    const conn = typeof url === "string" ? parseConnectionString(url) : url;
    return new SparkConnectClient(conn, options);
  }

  /**
   * Runs a plan; yields every response (Arrow batches, schema, metrics, completion).
   * Aborting the signal cancels the stream and interrupts the operation on the server.
   *
   * @example
   * ```ts
   * for await (const r of client.executePlan(plan, { signal })) console.log(r.responseType.case);
   * ```
   */
  async *executePlan(
    plan: Plan,
    options: ExecutePlanOptions = {},
  ): AsyncGenerator<ExecutePlanResponse> {
    this.#assertOpen();
    const operationId = options.operationId ?? randomUUID();
    const { signal } = options;
    try {
      yield* reattachableExecute(this.#executeContext(), plan, {
        operationId,
        signal,
        tags: options.tags,
      });
    } catch (error) {
      if (signal?.aborted === true) {
        await this.interrupt({ operationId }).catch(() => undefined);
        throw aborted(signal, error);
      }
      throw await this.#map(error, "ExecutePlan");
    }
  }

  /** AnalyzePlan with one of its requests (`schema`, `explain`, `sparkVersion`...). */
  analyzePlan(
    analyze: MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"],
    signal?: AbortSignal,
  ): Promise<AnalyzePlanResponse> {
    return this.#unary("AnalyzePlan", { analyze }, signal);
  }

  /**
   * The server's Spark version.
   *
   * @example
   * ```ts
   * await client.sparkVersion(); // "4.0.1"
   * ```
   */
  async sparkVersion(): Promise<string> {
    const reply = await this.analyzePlan({ case: "sparkVersion", value: {} });
    return reply.result.case === "sparkVersion" ? reply.result.value.version : "";
  }

  /** A Config call; see {@link getConf} and {@link setConf} for the common cases. */
  config(
    operation: MessageInitShape<typeof ConfigRequestSchema>["operation"],
  ): Promise<ConfigResponse> {
    return this.#unary("Config", { operation });
  }

  /**
   * A session setting, or `undefined` when unset and without a default.
   *
   * @example
   * ```ts
   * await client.getConf("spark.sql.shuffle.partitions"); // "200"
   * ```
   */
  async getConf(key: string): Promise<string | undefined> {
    const reply = await this.config({ opType: { case: "getOption", value: { keys: [key] } } });
    return reply.pairs[0]?.value;
  }

  /**
   * Sets session settings.
   *
   * @example
   * ```ts
   * await client.setConf({ "spark.sql.session.timeZone": "UTC" });
   * ```
   */
  async setConf(entries: Readonly<Record<string, string>>): Promise<void> {
    const pairs = Object.entries(entries).map(([key, value]) => ({ key, value }));
    await this.config({ opType: { case: "set", value: { pairs } } });
  }

  /**
   * Interrupts executions of this session; returns the operation ids interrupted.
   *
   * @example
   * ```ts
   * await client.interrupt({ tag: "nightly-load" });
   * ```
   */
  async interrupt(target: InterruptTarget): Promise<string[]> {
    const request: MessageInitShape<typeof InterruptRequestSchema> =
      "all" in target
        ? { interruptType: InterruptRequest_InterruptType.ALL }
        : "tag" in target
          ? {
              interruptType: InterruptRequest_InterruptType.TAG,
              interrupt: { case: "operationTag", value: target.tag },
            }
          : {
              interruptType: InterruptRequest_InterruptType.OPERATION_ID,
              interrupt: { case: "operationId", value: target.operationId },
            };
    return (await this.#unary("Interrupt", request)).interruptedIds;
  }

  /** Releases the session on the server and closes the channel; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await Promise.allSettled([...this.#pending]);
    // Only a session the server has seen needs releasing; a failed release (server gone)
    // must not turn close() into an error.
    if (this.#contacted) await this.#unary("ReleaseSession", {}).catch(() => undefined);
    this.#closed = true;
    this.#transport.close();
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new TributaryError("SPARK_CONNECT_CLOSED", "This Spark Connect session is closed.", {
        hint: "Create a new session.",
      });
    }
  }

  #base(): RequestBase {
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

  #callOptions(signal: AbortSignal | undefined): CallOptions {
    return { signal, connectTimeoutMs: this.#contacted ? undefined : this.#connectTimeoutMs };
  }

  #retryDeadline(): number {
    return this.#contacted ? this.#policy.deadlineMs : this.#connectTimeoutMs;
  }

  #observe(reply: { serverSideSessionId: string }): void {
    this.#contacted = true;
    if (reply.serverSideSessionId !== "") this.serverSideSessionId ??= reply.serverSideSessionId;
  }

  async #unary<M extends keyof Unary>(
    method: M,
    fields: Omit<MessageInitShape<Unary[M][0]>, keyof RequestBase>,
    signal?: AbortSignal,
  ): Promise<MessageShape<Unary[M][1]>> {
    if (method !== "ReleaseExecute" && method !== "ReleaseSession") this.#assertOpen();
    const [input, output] = SCHEMAS[method] as [DescMessage, DescMessage];
    const bytes = toBinary(input, create(input, { ...this.#base(), ...fields }));
    try {
      const reply = await withRetries(
        () => this.#transport.unary(method as Method, bytes, this.#callOptions(signal)),
        {
          policy: this.#policy,
          deadlineMs: this.#retryDeadline(),
          signal,
          sleep: this.#sleep,
        },
      );
      const message = fromBinary(output, reply) as MessageShape<Unary[M][1]>;
      this.#observe(message as { serverSideSessionId: string });
      return message;
    } catch (error) {
      if (signal?.aborted === true) throw aborted(signal, error);
      throw await this.#map(error, method);
    }
  }

  #map(error: unknown, operation: string): Promise<TributaryError> {
    return toTributaryError(error, {
      url: this.connection.redacted,
      operation,
      // Not for a failed FetchErrorDetails itself, which would ask again forever.
      ...(operation === "FetchErrorDetails"
        ? {}
        : {
            fetchDetails: (errorId: string) =>
              this.#unary("FetchErrorDetails", { errorId }).catch(() => undefined),
          }),
    });
  }

  #executeContext(): ExecuteContext {
    return {
      transport: this.#transport,
      policy: this.#policy,
      base: () => this.#base(),
      callOptions: (signal) => this.#callOptions(signal),
      retryDeadlineMs: () => this.#retryDeadline(),
      observe: (response) => this.#observe(response),
      sleep: this.#sleep,
      background: (method, request) => {
        const call = this.#unary(method, request).catch(() => undefined);
        this.#pending.add(call);
        void call.finally(() => this.#pending.delete(call));
      },
    };
  }
}

function aborted(signal: AbortSignal, error: unknown): TributaryError {
  return new TributaryError("ACTION_ABORTED", "The action was aborted.", {
    cause: signal.reason ?? error,
  });
}
