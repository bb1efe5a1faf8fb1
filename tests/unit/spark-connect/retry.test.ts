import { describe, expect, it } from "vitest";
import {
  backoffDelays,
  DEFAULT_RETRY_POLICY,
  isRetryable,
  RetriesExhaustedError,
  RpcError,
  Status,
  withRetries,
} from "../../../src/engine/spark-connect/index.js";

/** A clock that only moves when the code under test sleeps. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

const unavailable = () => new RpcError(Status.UNAVAILABLE, "Connection refused");

describe("backoffDelays", () => {
  it("follows PySpark's default policy: 50 ms x4 up to 60 s, 15 retries", () => {
    const delays = [...backoffDelays(DEFAULT_RETRY_POLICY, () => 0)];
    expect(delays).toHaveLength(15);
    expect(delays.slice(0, 7)).toEqual([50, 200, 800, 3200, 12800, 51200, 60000]);
    expect(delays.at(-1)).toBe(60000);
  });

  it("adds up to 500 ms of jitter to waits of 2 s or more only", () => {
    const delays = [...backoffDelays(DEFAULT_RETRY_POLICY, () => 0.999)];
    expect(delays.slice(0, 3)).toEqual([50, 200, 800]);
    expect(delays[3]).toBe(3699);
  });
});

describe("isRetryable", () => {
  it.each([
    [Status.UNAVAILABLE, "anything", true],
    [Status.INTERNAL, "[INVALID_CURSOR.DISCONNECTED] reattach raced", true],
    [Status.INTERNAL, "[UNRESOLVED_COLUMN] ...", false],
    [Status.UNAUTHENTICATED, "Invalid authentication token", false],
    [Status.DEADLINE_EXCEEDED, "deadline", false],
    [Status.CANCELLED, "Cancelled on client", false],
  ])("status %i %j -> %s", (code, details, expected) => {
    expect(isRetryable(new RpcError(code, details))).toBe(expected);
  });

  it("does not retry errors that are not gRPC failures", () => {
    expect(isRetryable(new Error("boom"))).toBe(false);
  });
});

describe("withRetries", () => {
  it("retries transient failures with backoff until success", async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 4) throw unavailable();
        return "ok";
      },
      { policy: DEFAULT_RETRY_POLICY, now: clock.now, sleep: clock.sleep, random: () => 0 },
    );
    expect(result).toBe("ok");
    expect(clock.waits).toEqual([50, 200, 800]);
  });

  it("passes other failures through at once", async () => {
    const clock = fakeClock();
    const refused = new RpcError(Status.UNAUTHENTICATED, "Invalid authentication token");
    await expect(
      withRetries(() => Promise.reject(refused), {
        policy: DEFAULT_RETRY_POLICY,
        now: clock.now,
        sleep: clock.sleep,
      }),
    ).rejects.toBe(refused);
    expect(clock.waits).toEqual([]);
  });

  it("stops before a wait would cross the deadline", async () => {
    const clock = fakeClock();
    const error = await withRetries(() => Promise.reject(unavailable()), {
      policy: DEFAULT_RETRY_POLICY,
      deadlineMs: 3_000,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    // 50 + 200 + 800 = 1050 ms waited; the next wait (3200) would end past 3 s.
    expect(clock.waits).toEqual([50, 200, 800]);
    expect((error as RetriesExhaustedError).attempts).toBe(4);
    expect((error as RetriesExhaustedError).cause).toBeInstanceOf(RpcError);
  });

  it("stops after maxRetries", async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetries(
        () => {
          calls++;
          return Promise.reject(unavailable());
        },
        {
          policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 2 },
          now: clock.now,
          sleep: clock.sleep,
        },
      ),
    ).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(calls).toBe(3);
  });

  it("an abort during the wait ends the retries with the abort reason", async () => {
    const controller = new AbortController();
    const pending = withRetries(() => Promise.reject(unavailable()), {
      policy: { ...DEFAULT_RETRY_POLICY, initialBackoffMs: 10_000 },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop")), 10);
    await expect(pending).rejects.toThrow("stop");
  });
});
