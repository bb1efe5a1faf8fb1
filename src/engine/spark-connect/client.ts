/**
 * A Spark Connect session for tributary: run plans (reattachable, abortable), analyze
 * them, read and write session settings, interrupt executions, and release the session
 * on close. The plumbing (request fields, retries, error mapping) is in session.ts.
 */
import { randomUUID } from "node:crypto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  type AnalyzePlanRequestSchema,
  type AnalyzePlanResponse,
  type ConfigRequestSchema,
  type ConfigResponse,
  type ExecutePlanResponse,
  InterruptRequest_InterruptType,
  type InterruptRequestSchema,
  type Plan,
} from "../../proto/gen/spark/connect/base_pb.js";
import { type ConnectionString, parseConnectionString } from "./connection-string.js";
import { reattachableExecute } from "./execute.js";
import { aborted, RpcSession, type SparkConnectClientOptions } from "./session.js";

export type { SparkConnectClientOptions } from "./session.js";

/** Which executions {@link SparkConnectClient.interrupt} stops. */
export type InterruptTarget = { all: true } | { tag: string } | { operationId: string };

/** Options of {@link SparkConnectClient.executePlan}. */
export interface ExecutePlanOptions {
  readonly signal?: AbortSignal;
  readonly tags?: readonly string[];
  /** A UUID; generated when absent. */
  readonly operationId?: string;
}

/** A session on a Spark Connect server. */
export class SparkConnectClient {
  readonly #session: RpcSession;

  private constructor(session: RpcSession) {
    this.#session = session;
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
    return new SparkConnectClient(new RpcSession(conn, options));
  }

  get connection(): ConnectionString {
    return this.#session.connection;
  }

  get sessionId(): string {
    return this.#session.sessionId;
  }

  /** What the server calls this session (known after the first answer). */
  get serverSideSessionId(): string | undefined {
    return this.#session.serverSideSessionId;
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
    this.#session.assertOpen();
    const operationId = options.operationId ?? randomUUID();
    const { signal } = options;
    try {
      yield* reattachableExecute(this.#session.executeContext(), plan, {
        operationId,
        signal,
        tags: options.tags,
      });
    } catch (error) {
      if (signal?.aborted === true) {
        // Cancelling the stream alone leaves the query running on the server.
        await this.interrupt({ operationId }).catch(() => undefined);
        throw aborted(signal, error);
      }
      throw await this.#session.toError(error, "ExecutePlan");
    }
  }

  /**
   * AnalyzePlan with one of its requests (`schema`, `explain`, `treeString`...).
   *
   * @example
   * ```ts
   * const reply = await client.analyzePlan({ case: "schema", value: { plan } });
   * ```
   */
  analyzePlan(
    analyze: MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"],
    signal?: AbortSignal,
  ): Promise<AnalyzePlanResponse> {
    return this.#session.unary("AnalyzePlan", { analyze }, signal);
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

  /**
   * A Config call; {@link getConf} and {@link setConf} cover the common cases.
   *
   * @example
   * ```ts
   * await client.config({ opType: { case: "unset", value: { keys: ["spark.x"] } } });
   * ```
   */
  config(
    operation: MessageInitShape<typeof ConfigRequestSchema>["operation"],
  ): Promise<ConfigResponse> {
    return this.#session.unary("Config", { operation });
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
    return (await this.#session.unary("Interrupt", request)).interruptedIds;
  }

  /**
   * Releases the session on the server and closes the channel; safe to call twice.
   *
   * @example
   * ```ts
   * await client.close();
   * ```
   */
  close(): Promise<void> {
    return this.#session.close();
  }
}
