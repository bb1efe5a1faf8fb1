/**
 * A logging configuration as plain data, whichever file it came from: what the log4j 1 and
 * log4j 2 readers produce and what `configureLogging` brings to life. Every piece keeps the
 * file, line and key it was written at, so late errors still point at the right line.
 */
import type { ConfigLocation } from "./config-error.js";
import type { Dialect } from "./date-format.js";
import type { FilterSpec } from "./filters.js";
import type { LevelName } from "./level.js";

/** How an appender turns events into text. */
export type LayoutSpec =
  | {
      readonly kind: "pattern";
      readonly pattern: string;
      /** log4j 2 and log4j 1's EnhancedPatternLayout read long names (`%msg`). */
      readonly longNames: boolean;
      readonly where?: ConfigLocation;
    }
  | { readonly kind: "json" };

/** Size-based rolling: log4j 1's `RollingFileAppender`, log4j 2's `RollingFile`. */
export interface RollingSpec {
  readonly maxBytes: number;
  readonly maxBackups: number;
  /** Backup names, `%i` being the index (log4j 1: `<file>.%i`); `.gz` compresses them. */
  readonly filePattern: string;
  /** `min`: backup 1 is the newest (log4j 1); `max`: the highest index is (log4j 2's default). */
  readonly fileIndex: "min" | "max";
}

/** Where an appender writes. */
export type TargetSpec =
  | { readonly kind: "console"; readonly stream: "stdout" | "stderr" }
  | {
      readonly kind: "file";
      readonly path: string;
      readonly append: boolean;
      readonly rolling?: RollingSpec;
    }
  | { readonly kind: "null" };

/** One configured appender. */
export interface AppenderSpec {
  readonly name: string;
  readonly target: TargetSpec;
  readonly layout: LayoutSpec;
  /** log4j 1's `Threshold`: events less severe are dropped. */
  readonly threshold?: LevelName;
  readonly filters: readonly FilterSpec[];
  readonly where?: ConfigLocation;
}

/** A logger's reference to an appender, with log4j 2's optional per-reference level. */
export interface AppenderRef {
  readonly name: string;
  readonly level?: LevelName;
  readonly where?: ConfigLocation;
}

/** One configured logger (the root is named `""`). */
export interface LoggerSpec {
  readonly name: string;
  /** Unset: inherited from the nearest configured ancestor. */
  readonly level?: LevelName;
  readonly appenderRefs: readonly AppenderRef[];
  /** Whether events also go to the ancestors' appenders (default true). */
  readonly additive: boolean;
}

/** A whole logging configuration. */
export interface LoggingConfig {
  readonly dialect: Dialect;
  /** The file it came from, or a label such as `<text>` or `<default>`. */
  readonly source: string;
  readonly root: LoggerSpec;
  readonly loggers: readonly LoggerSpec[];
  readonly appenders: readonly AppenderSpec[];
  /** log4j 1's `log4j.threshold`: nothing less severe is logged anywhere. */
  readonly threshold?: LevelName;
  /** log4j 2's configuration-level filters, applied before any logger. */
  readonly filters: readonly FilterSpec[];
  /** `tributary.log.format`: `json` turns every layout into JSON lines. */
  readonly format?: "pattern" | "json";
  /** `tributary.log.timeZone`: the zone for dates, instead of the process's. */
  readonly timeZone?: string;
}
