/**
 * The diagnostic context log4j keeps per thread (MDC for `%X{key}`, NDC for `%x`), kept here
 * per asynchronous flow with `AsyncLocalStorage`: values set inside `LogContext.run(...)` follow
 * its awaits and callbacks and vanish after it; values set outside any `run` are global.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface ContextState {
  readonly mdc: Map<string, string>;
  readonly ndc: string[];
}

const storage = new AsyncLocalStorage<ContextState>();
const outside: ContextState = { mdc: new Map(), ndc: [] };
const current = (): ContextState => storage.getStore() ?? outside;

/**
 * A copy of the context for one event: MDC sorted by key, as log4j 2 keeps it.
 *
 * @example
 * ```ts
 * LogContext.run({ b: "2", a: "1" }, () => [...contextSnapshot().mdc.keys()]); // ["a", "b"]
 * ```
 */
export function contextSnapshot(): { mdc: ReadonlyMap<string, string>; ndc: readonly string[] } {
  const state = current();
  const entries = [...state.mdc].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { mdc: new Map(entries), ndc: [...state.ndc] };
}

/**
 * MDC and NDC operations.
 *
 * @example
 * ```ts
 * await LogContext.run({ pipeline: "flights", runId: "42" }, async () => {
 *   log.info("loading"); // %X{runId} prints 42 here, and in everything this awaits
 * });
 * ```
 */
export const LogContext = Object.freeze({
  /** Runs `fn` with a context that starts as a copy of the current one plus `values`. */
  run<T>(values: Readonly<Record<string, string>>, fn: () => T): T {
    const state = current();
    const mdc = new Map(state.mdc);
    for (const [k, v] of Object.entries(values)) mdc.set(k, v);
    return storage.run({ mdc, ndc: [...state.ndc] }, fn);
  },
  /** Sets an MDC value in the current context. */
  put(key: string, value: string): void {
    current().mdc.set(key, value);
  },
  get(key: string): string | undefined {
    return current().mdc.get(key);
  },
  remove(key: string): void {
    current().mdc.delete(key);
  },
  /** Pushes an NDC entry (`%x` prints the entries joined by spaces). */
  push(message: string): void {
    current().ndc.push(message);
  },
  pop(): string | undefined {
    return current().ndc.pop();
  },
  /** Empties the MDC and NDC of the current context. */
  clear(): void {
    current().mdc.clear();
    current().ndc.length = 0;
  },
});
