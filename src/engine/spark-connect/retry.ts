/**
 * Retries for transient failures, after PySpark's `DefaultPolicy` (pyspark/sql/connect/
 * client/retries.py): exponential backoff from 50 ms by x4 up to 60 s, up to 15 retries,
 * and 0-500 ms of jitter once a wait reaches 2 s. Unlike PySpark, a deadline bounds the
 * total, so a server that stays away fails in bounded time instead of ten minutes.
 */
import { RpcError, Status } from "./transport.js";

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly initialBackoffMs: number;
  readonly backoffMultiplier: number;
  readonly maxBackoffMs: number;
  /** Up to this much random time is added to waits of at least `minJitterThresholdMs`. */
  readonly jitterMs: number;
  readonly minJitterThresholdMs: number;
  /** No retry starts later than this after the first attempt. */
  readonly deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 15,
  initialBackoffMs: 50,
  backoffMultiplier: 4,
  maxBackoffMs: 60_000,
  jitterMs: 500,
  minJitterThresholdMs: 2_000,
  deadlineMs: 120_000,
});

/**
 * Whether a failure is worth another attempt: UNAVAILABLE (server restarting, network
 * blip), and an INTERNAL `INVALID_CURSOR.DISCONNECTED` (a reattach raced a stream that
 * the server has not yet noticed closed), as PySpark decides.
 *
 * @example
 * ```ts
 * isRetryable(new RpcError(Status.UNAVAILABLE, "Connection dropped")); // true
 * ```
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof RpcError)) return false;
  if (error.code === Status.UNAVAILABLE) return true;
  return error.code === Status.INTERNAL && error.details.includes("INVALID_CURSOR.DISCONNECTED");
}

/**
 * The waits before each retry, in ms (PySpark's sequence: 50, 200, 800, 3200+jitter...).
 *
 * @example
 * ```ts
 * [...backoffDelays(DEFAULT_RETRY_POLICY, () => 0)].slice(0, 4); // [50, 200, 800, 3200]
 * ```
 */
export function* backoffDelays(policy: RetryPolicy, random: () => number = Math.random) {
  let next = policy.initialBackoffMs;
  for (let i = 0; i < policy.maxRetries; i++) {
    const wait = next;
    next = Math.min(policy.maxBackoffMs, wait * policy.backoffMultiplier);
    yield Math.floor(
      wait >= policy.minJitterThresholdMs ? wait + random() * policy.jitterMs : wait,
    );
  }
}

/** Thrown when retrying stops; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  readonly attempts: number;
  readonly elapsedMs: number;

  constructor(cause: unknown, attempts: number, elapsedMs: number) {
    super(`Gave up after ${attempts} attempts in ${elapsedMs} ms`, { cause });
    this.name = "RetriesExhaustedError";
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
  }
}

/** Options of {@link withRetries}; the clock, sleep and randomness are injectable for tests. */
export interface RetryOptions {
  readonly policy: RetryPolicy;
  /** Overrides `policy.deadlineMs` (the client uses a short one before the first contact). */
  readonly deadlineMs?: number;
  readonly retryable?: (error: unknown) => boolean;
  readonly signal?: AbortSignal | undefined;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Runs `body` until it succeeds, fails in a way that is not retryable (thrown as is), or
 * the retries or the deadline run out ({@link RetriesExhaustedError}).
 *
 * @example
 * ```ts
 * const reply = await withRetries(() => transport.unary("Config", bytes), {
 *   policy: DEFAULT_RETRY_POLICY,
 * });
 * ```
 */
export async function withRetries<T>(
  body: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const retryable = options.retryable ?? isRetryable;
  const deadline = options.deadlineMs ?? options.policy.deadlineMs;
  const start = now();
  const delays = backoffDelays(options.policy, options.random);
  for (let attempt = 1; ; attempt++) {
    try {
      return await body(attempt);
    } catch (error) {
      if (!retryable(error) || options.signal?.aborted === true) throw error;
      const wait = delays.next();
      const elapsed = now() - start;
      if (wait.done === true || elapsed + wait.value > deadline) {
        throw new RetriesExhaustedError(error, attempt, elapsed);
      }
      await sleep(wait.value, options.signal);
    }
  }
}

/** `setTimeout` as a promise that an abort ends early (rejecting with the abort reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
