/** Shared fixtures for the logging tests: one fixed instant, events, and text sinks. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LogEvent, TextSink } from "../../../src/logging/index.js";

export { configError, configErrorAsync, useTempDirs } from "../config/helpers.js";

/** 2024-01-31T09:05:03.007Z: a Wednesday, in winter (Paris is UTC+1). */
export const AT = Date.UTC(2024, 0, 31, 9, 5, 3, 7);

/** An INFO event from `com.acme.DataIngestionPipeline` at {@link AT}, with `overrides`. */
export function event(overrides: Partial<LogEvent> = {}): LogEvent {
  return {
    timestamp: AT,
    level: "INFO",
    logger: "com.acme.DataIngestionPipeline",
    thread: "main",
    message: "Starting",
    mdc: new Map(),
    ndc: [],
    ...overrides,
  };
}

/** A fixed error with a two-frame stack, as `describeError` would produce it. */
export const BOOM = {
  name: "Error",
  message: "boom",
  stack: "Error: boom\n    at run (app.js:3:9)\n    at main (app.js:9:1)",
};

/** A sink that keeps what was written. */
export function sink(): TextSink & { text: string } {
  const s = {
    text: "",
    write(chunk: string): boolean {
      s.text += chunk;
      return true;
    },
  };
  return s;
}

/** The directory of the logging fixtures. */
export const FIXTURES = fileURLToPath(new URL("../../fixtures/logging/", import.meta.url));

/** The text of a fixture file. */
export function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, "utf8");
}
