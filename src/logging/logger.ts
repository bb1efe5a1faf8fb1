/**
 * `getLogger(name)`: the API code logs through. Loggers are cheap handles looked up by name;
 * they ask the configuration in force at each call, so `configureLogging` affects loggers
 * created before it (as log4j's do). The message may be a function, called only when the
 * level is enabled.
 */
import { performance } from "node:perf_hooks";
import { DEFAULT_LOGGING_CONFIG } from "./defaults.js";
import type { LevelName } from "./level.js";
import { Repository } from "./repository.js";
import { resolveTimeZone } from "./time-zone.js";

/** A message, or a function that builds it only when the level is enabled. */
export type LogMessage = string | (() => string);

/** Logs under one name. */
export interface Logger {
  readonly name: string;
  trace(message: LogMessage, error?: unknown): void;
  debug(message: LogMessage, error?: unknown): void;
  info(message: LogMessage, error?: unknown): void;
  warn(message: LogMessage, error?: unknown): void;
  error(message: LogMessage, error?: unknown): void;
  fatal(message: LogMessage, error?: unknown): void;
  log(level: LevelName, message: LogMessage, error?: unknown): void;
  /** Whether an event at `level` would be logged (before appender filters). */
  isEnabled(level: LevelName): boolean;
}

let current: Repository | undefined;

/** The configuration in force, created with the defaults on first use. */
export function currentRepository(): Repository {
  current ??= new Repository(DEFAULT_LOGGING_CONFIG, {
    clock: Date.now,
    startTime: performance.timeOrigin,
    timeZone: resolveTimeZone(),
  });
  return current;
}

/** Puts `next` in force (or the defaults, for `undefined`) and closes the previous one. */
export function installRepository(next: Repository | undefined): void {
  const previous = current;
  current = next;
  previous?.close();
}

class NamedLogger implements Logger {
  constructor(readonly name: string) {}
  trace(message: LogMessage, error?: unknown): void {
    this.log("TRACE", message, error);
  }
  debug(message: LogMessage, error?: unknown): void {
    this.log("DEBUG", message, error);
  }
  info(message: LogMessage, error?: unknown): void {
    this.log("INFO", message, error);
  }
  warn(message: LogMessage, error?: unknown): void {
    this.log("WARN", message, error);
  }
  error(message: LogMessage, error?: unknown): void {
    this.log("ERROR", message, error);
  }
  fatal(message: LogMessage, error?: unknown): void {
    this.log("FATAL", message, error);
  }
  log(level: LevelName, message: LogMessage, error?: unknown): void {
    const repository = currentRepository();
    if (!repository.isEnabled(this.name, level)) return;
    repository.log(
      this.name,
      level,
      typeof message === "function" ? message() : String(message),
      error,
    );
  }
  isEnabled(level: LevelName): boolean {
    return currentRepository().isEnabled(this.name, level);
  }
}

const loggers = new Map<string, Logger>();

/**
 * The logger for `name` (dotted names form a hierarchy: `org.apache.spark.sql` inherits from
 * `org.apache.spark`; `""` is the root).
 *
 * @example
 * ```ts
 * const log = getLogger("DataIngestionPipeline");
 * log.info("Starting");  // 24/01/31 09:05:03 INFO DataIngestionPipeline: Starting
 * log.error("Write failed", err);
 * log.debug(() => `plan: ${df.explain()}`); // built only when DEBUG is on
 * ```
 */
export function getLogger(name: string): Logger {
  let logger = loggers.get(name);
  if (logger === undefined) {
    logger = new NamedLogger(name);
    loggers.set(name, logger);
  }
  return logger;
}
