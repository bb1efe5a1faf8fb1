/**
 * Which S3 failures are worth another attempt, and whether a failed write may still have
 * landed. A request the server refused (503 SlowDown, 429, or a connection never opened) did
 * nothing; one that broke after it was sent (a reset, a timeout, a 500) may have been applied.
 */
import type { RetryPolicy } from "./config.js";

/** What one failed attempt tells us. */
export interface Failure {
  readonly retryable: boolean;
  /** The request may have been applied although no success came back. */
  readonly ambiguous: boolean;
  readonly status: number | undefined;
  /** S3's error code (`SlowDown`, `NoSuchKey`) or Node's (`ECONNRESET`), when known. */
  readonly name: string;
  readonly message: string;
}

const THROTTLED = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "ServiceUnavailable",
  "TooManyRequests",
  "RequestTimeout",
]);
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const BROKEN = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

function field(e: unknown, key: string): unknown {
  return typeof e === "object" && e !== null && key in e
    ? (e as Record<string, unknown>)[key]
    : undefined;
}

function statusOf(e: unknown): number | undefined {
  const status = field(field(e, "$metadata"), "httpStatusCode");
  return typeof status === "number" ? status : undefined;
}

/**
 * Classifies an error thrown by the AWS SDK or by Node's HTTP stack.
 *
 * @example
 * ```ts
 * classify(Object.assign(new Error("reset"), { code: "ECONNRESET" })).ambiguous; // true
 * ```
 */
export function classify(e: unknown): Failure {
  const status = statusOf(e);
  const code = field(e, "code");
  const errName = field(e, "name");
  const name =
    typeof code === "string" && code !== ""
      ? code
      : typeof errName === "string"
        ? errName
        : "Error";
  const message = e instanceof Error ? e.message : String(e);
  if (status !== undefined) {
    if (status === 429 || status === 503 || THROTTLED.has(name))
      return { retryable: true, ambiguous: false, status, name, message };
    if (status >= 500) return { retryable: true, ambiguous: true, status, name, message };
    return { retryable: false, ambiguous: false, status, name, message };
  }
  if (NOT_SENT.has(name)) return { retryable: true, ambiguous: false, status, name, message };
  // The SDK names both its timeouts TimeoutError; only the connect one is sure to have sent nothing.
  if (name === "TimeoutError" || errName === "TimeoutError")
    return {
      retryable: true,
      ambiguous: !/establish a connection/.test(message),
      status,
      name,
      message,
    };
  if (BROKEN.has(name) || /socket hang up|other side closed/i.test(message))
    return { retryable: true, ambiguous: true, status, name, message };
  return { retryable: false, ambiguous: false, status, name, message };
}

/** How long to wait before attempt `attempt + 1` (full jitter: uniform up to the cap). */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/** The outcome of {@link retrying}: the value, or the last failure after `attempts` tries. */
export type Attempted<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | {
      readonly ok: false;
      readonly failure: Failure;
      readonly error: unknown;
      readonly attempts: number;
      /** Some attempt failed in a way that may have applied the request. */
      readonly ambiguous: boolean;
    };

/**
 * Runs `call` until it succeeds, fails for good, or the policy's attempts are spent.
 * `call` gets the attempt number and whether an earlier attempt was ambiguous.
 */
export async function retrying<T>(
  policy: RetryPolicy,
  call: (attempt: number, ambiguousBefore: boolean) => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Attempted<T>> {
  let ambiguous = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await call(attempt, ambiguous), attempts: attempt };
    } catch (error) {
      const failure = classify(error);
      ambiguous ||= failure.ambiguous;
      if (!failure.retryable || attempt >= policy.maxAttempts)
        return { ok: false, failure, error, attempts: attempt, ambiguous };
      await sleep(backoffMs(attempt, policy));
    }
  }
}
