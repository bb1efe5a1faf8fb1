/** Which S3 failures are retried, which may have been applied, and the backoff bounds. */
import { describe, expect, it } from "vitest";
import { backoffMs, classify, retrying } from "../../../src/storage/s3/retry.js";

const http = (status: number, name: string) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const sys = (code: string) => Object.assign(new Error(code), { code });

describe("classify", () => {
  it("retries throttling as refused (nothing applied)", () => {
    expect(classify(http(503, "SlowDown"))).toMatchObject({ retryable: true, ambiguous: false });
    expect(classify(http(429, "TooManyRequests"))).toMatchObject({
      retryable: true,
      ambiguous: false,
    });
  });
  it("retries server errors and broken connections as possibly applied", () => {
    expect(classify(http(500, "InternalError"))).toMatchObject({
      retryable: true,
      ambiguous: true,
    });
    expect(classify(sys("ECONNRESET"))).toMatchObject({ retryable: true, ambiguous: true });
    expect(classify(new Error("socket hang up"))).toMatchObject({
      retryable: true,
      ambiguous: true,
    });
  });
  it("retries a refused connection as never sent", () => {
    expect(classify(sys("ECONNREFUSED"))).toMatchObject({ retryable: true, ambiguous: false });
  });
  it("does not retry client errors", () => {
    expect(classify(http(403, "AccessDenied")).retryable).toBe(false);
    expect(classify(http(404, "NoSuchKey")).retryable).toBe(false);
  });
});

describe("backoff", () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
  it("draws up to base * 2^(n-1), capped", () => {
    expect(backoffMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffMs(3, policy, () => 0.999)).toBe(399);
    expect(backoffMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });
  it("stops after maxAttempts and reports how many were made", async () => {
    let calls = 0;
    const outcome = await retrying(
      policy,
      async () => {
        calls++;
        throw http(503, "SlowDown");
      },
      async () => undefined,
    );
    expect(calls).toBe(5);
    expect(outcome).toMatchObject({ ok: false, attempts: 5, ambiguous: false });
  });
});
