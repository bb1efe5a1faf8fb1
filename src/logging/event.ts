/**
 * What a logging call becomes before any layout sees it: plain data, already redacted. An
 * attached error is flattened to name, message and a Java-like stack ("Caused by:" for each
 * `cause`), because layouts and JSON output need text, not live objects.
 */
import { inspect } from "node:util";
import type { LevelName } from "./level.js";

/** An error attached to a log call, as text. */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  /** The stack, then one `Caused by: ...` block per cause. */
  readonly stack: string;
}

/** One log event. */
export interface LogEvent {
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly level: LevelName;
  readonly logger: string;
  readonly thread: string;
  readonly message: string;
  readonly error?: ErrorInfo;
  /** The mapped diagnostic context (`%X`), sorted by key. */
  readonly mdc: ReadonlyMap<string, string>;
  /** The nested diagnostic context (`%x`), outermost first. */
  readonly ndc: readonly string[];
}

/** Turns a log event into text (a pattern layout, or JSON lines). */
export type Layout = (event: LogEvent) => string;

// Cause chains can be cyclic; Java prints "CIRCULAR REFERENCE" and stops, so do we.
const MAX_CAUSES = 16;

function ownStack(error: Error): string {
  const stack = typeof error.stack === "string" && error.stack !== "" ? error.stack : undefined;
  return stack ?? `${error.name}: ${error.message}`;
}

/**
 * Flattens anything thrown into an {@link ErrorInfo}.
 *
 * @example
 * ```ts
 * describeError(new Error("boom", { cause: new Error("disk full") })).stack;
 * // "Error: boom\n    at ...\nCaused by: Error: disk full\n    at ..."
 * ```
 */
export function describeError(error: unknown): ErrorInfo {
  if (!(error instanceof Error)) {
    const text = typeof error === "string" ? error : inspect(error, { depth: 2 });
    return { name: "Error", message: text, stack: text };
  }
  const blocks = [ownStack(error)];
  const seen = new Set<unknown>([error]);
  let cause: unknown = error.cause;
  while (cause !== undefined && blocks.length <= MAX_CAUSES) {
    if (seen.has(cause)) {
      blocks.push("Caused by: [CIRCULAR REFERENCE]");
      break;
    }
    seen.add(cause);
    blocks.push(`Caused by: ${cause instanceof Error ? ownStack(cause) : inspect(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return { name: error.name, message: error.message, stack: blocks.join("\n") };
}
