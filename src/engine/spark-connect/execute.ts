/**
 * Reattachable execution, as PySpark's `ExecutePlanResponseReattachableIterator` does it.
 * The client names the operation (a UUID) and asks for a reattachable execution; the
 * server then keeps results until released. When a stream ends without `result_complete`
 * (Spark closes streams after 2 minutes or 1 GiB on purpose) or drops on a transient
 * error, ReattachExecute resumes after the last response seen. Responses are released as
 * they are consumed (ReleaseUntil) and the whole operation at the end (ReleaseAll).
 */
import { create, fromBinary, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import {
  type ExecutePlanRequest,
  ExecutePlanRequestSchema,
  type ExecutePlanResponse,
  ExecutePlanResponseSchema,
  type Plan,
  ReattachExecuteRequestSchema,
  type ReleaseExecuteRequestSchema,
} from "../../proto/gen/spark/connect/base_pb.js";
import { errorInfoOf } from "./error-mapping.js";
import { backoffDelays, isRetryable, RetriesExhaustedError, type RetryPolicy } from "./retry.js";
import { type CallOptions, RpcError, type Transport } from "./transport.js";

/** The fields every request repeats (session, user, client type, server session seen). */
export type RequestBase = Pick<
  ExecutePlanRequest,
  "sessionId" | "userContext" | "clientType" | "clientObservedServerSideSessionId"
>;

/** What an execution needs from its client. */
export interface ExecuteContext {
  readonly transport: Transport;
  readonly policy: RetryPolicy;
  base(): RequestBase;
  /** Per-call options (connect timeout, abort signal). */
  callOptions(signal: AbortSignal | undefined): CallOptions;
  /** The retry deadline in force (short until the server first answered). */
  retryDeadlineMs(): number;
  /** Called with every response: records the server-side session, marks contact. */
  observe(response: ExecutePlanResponse): void;
  /** Fire-and-forget release calls; failures are harmless (the server expires them). */
  background(
    method: "ReleaseExecute",
    request: MessageInitShape<typeof ReleaseExecuteRequestSchema>,
  ): void;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface ExecuteOptions {
  readonly operationId: string;
  readonly signal?: AbortSignal | undefined;
  readonly tags?: readonly string[] | undefined;
}

function notFound(error: unknown): boolean {
  if (!(error instanceof RpcError)) return false;
  const cls = errorInfoOf(error)?.errorClass ?? error.details;
  return (
    cls.includes("INVALID_HANDLE.OPERATION_NOT_FOUND") ||
    cls.includes("INVALID_HANDLE.SESSION_NOT_FOUND")
  );
}

/**
 * The responses of one plan, across as many streams as it takes.
 *
 * @example
 * ```ts
 * for await (const r of reattachableExecute(ctx, plan, { operationId: randomUUID() })) {
 *   if (r.responseType.case === "arrowBatch") batches.push(r.responseType.value.data);
 * }
 * ```
 */
export async function* reattachableExecute(
  ctx: ExecuteContext,
  plan: Plan,
  options: ExecuteOptions,
): AsyncGenerator<ExecutePlanResponse> {
  const { operationId, signal } = options;
  const base = ctx.base();
  const execute = () =>
    ctx.transport
      .serverStream(
        "ExecutePlan",
        toBinary(
          ExecutePlanRequestSchema,
          create(ExecutePlanRequestSchema, {
            ...base,
            operationId,
            plan,
            tags: [...(options.tags ?? [])],
            requestOptions: [
              { requestOption: { case: "reattachOptions", value: { reattachable: true } } },
            ],
          }),
        ),
        ctx.callOptions(signal),
      )
      [Symbol.asyncIterator]();
  const reattach = (lastResponseId: string | undefined) =>
    ctx.transport
      .serverStream(
        "ReattachExecute",
        toBinary(
          ReattachExecuteRequestSchema,
          create(ReattachExecuteRequestSchema, { ...base, operationId, lastResponseId }),
        ),
        ctx.callOptions(signal),
      )
      [Symbol.asyncIterator]();
  const release = (responseId: string | undefined) =>
    ctx.background("ReleaseExecute", {
      ...base,
      operationId,
      release:
        responseId === undefined
          ? { case: "releaseAll", value: {} }
          : { case: "releaseUntil", value: { responseId } },
    });

  let stream: AsyncIterator<Uint8Array> | undefined = execute();
  let lastResponseId: string | undefined;
  let complete = false;
  let reexecuted = false;
  try {
    while (!complete) {
      const next = await nextWithRetries();
      if (next.done === true) {
        // The server closed this stream before the end: pick up where we were.
        stream = undefined;
        continue;
      }
      const response = fromBinary(ExecutePlanResponseSchema, next.value);
      ctx.observe(response);
      lastResponseId = response.responseId;
      if (response.responseType.case === "resultComplete") {
        complete = true;
        release(undefined);
      } else {
        release(lastResponseId);
      }
      yield response;
    }
  } finally {
    if (!complete) {
      await stream?.return?.();
      release(undefined);
    }
  }

  async function nextWithRetries(): Promise<IteratorResult<Uint8Array>> {
    const delays = backoffDelays(ctx.policy);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        stream ??= reattach(lastResponseId);
        return await stream.next();
      } catch (error) {
        stream = undefined;
        signal?.throwIfAborted();
        // The first ExecutePlan never reached the server: start it again, once.
        if (notFound(error) && lastResponseId === undefined && !reexecuted) {
          reexecuted = true;
          stream = execute();
          continue;
        }
        if (!isRetryable(error)) throw error;
        const wait = delays.next();
        const elapsed = Date.now() - started;
        if (wait.done === true || elapsed + wait.value > ctx.retryDeadlineMs()) {
          throw new RetriesExhaustedError(error, attempt, elapsed);
        }
        await ctx.sleep(wait.value, signal);
      }
    }
  }
}
