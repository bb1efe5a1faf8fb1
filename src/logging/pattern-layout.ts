/**
 * log4j's `PatternLayout`: a conversion pattern compiled once into a function from event to
 * line. Format modifiers pad (`%5p`, `%-5p`) and truncate (`%.30c` keeps the last 30
 * characters, log4j 2's `%.-30c` the first 30). Dates use the process's time zone unless told
 * otherwise, as log4j uses the JVM's.
 */

import { EOL } from "node:os";
import { performance } from "node:perf_hooks";
import type { ConfigLocation } from "./config-error.js";
import { CONVERTER_NAMES, type Convert, createConverter, printsThrowable } from "./converters.js";
import type { Dialect } from "./date-format.js";
import type { Layout, LogEvent } from "./event.js";
import type { FormatModifier } from "./pattern-parser.js";
import { parsePattern } from "./pattern-parser.js";
import { appendThrowable } from "./throwable.js";
import { resolveTimeZone, type TimeZone } from "./time-zone.js";

/** The pattern of Spark's `log4j.properties` template and the seed project. */
export const SEED_PATTERN = "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n";

/** How to read and render a pattern. */
export interface PatternLayoutOptions {
  /** Default `log4j2`. Decides `%d{ISO8601}`, `%X` and how a stack is appended. */
  readonly dialect?: Dialect;
  /** Whether `%msg`-style long names are read; default: true for log4j 2, false for log4j 1. */
  readonly longNames?: boolean;
  /** A zone id or zone; default the process's zone. */
  readonly timeZone?: string | TimeZone;
  /** What `%r` counts from, in epoch milliseconds; default the process start. */
  readonly startTime?: number;
  /** The line separator `%n` prints; default the platform's, as Java's `line.separator`. */
  readonly eol?: string;
  /** Where the pattern was written, for error messages. */
  readonly where?: ConfigLocation;
}

function applyModifier(text: string, m: FormatModifier): string {
  let out = text;
  if (out.length > m.maxWidth) {
    out = m.truncateEnd ? out.slice(0, m.maxWidth) : out.slice(out.length - m.maxWidth);
  }
  if (out.length < m.minWidth)
    out = m.leftAlign ? out.padEnd(m.minWidth) : out.padStart(m.minWidth);
  return out;
}

const PLAIN: FormatModifier = {
  minWidth: 0,
  leftAlign: false,
  maxWidth: Infinity,
  truncateEnd: false,
};
const isPlain = (m: FormatModifier): boolean =>
  m.minWidth === PLAIN.minWidth && m.maxWidth === PLAIN.maxWidth;

/**
 * Compiles a conversion pattern.
 *
 * @example
 * ```ts
 * const layout = compilePattern(SEED_PATTERN, { timeZone: "UTC" });
 * layout({ timestamp: Date.UTC(2024, 0, 31, 9, 5, 3), level: "INFO", logger: "app.DataIngestionPipeline",
 *   thread: "main", message: "Starting", mdc: new Map(), ndc: [] });
 * // "24/01/31 09:05:03 INFO DataIngestionPipeline: Starting\n"
 * ```
 * @throws ConfigError `LOG_INVALID_PATTERN` (unknown converter, bad option or date pattern),
 *   `LOG_INVALID_TIME_ZONE`.
 */
export function compilePattern(pattern: string, options: PatternLayoutOptions = {}): Layout {
  const dialect = options.dialect ?? "log4j2";
  const longNames = options.longNames ?? dialect === "log4j2";
  const zone =
    typeof options.timeZone === "object"
      ? options.timeZone
      : resolveTimeZone(options.timeZone, options.where);
  const eol = options.eol ?? EOL;
  const ctx = {
    dialect,
    zone,
    startTime: options.startTime ?? performance.timeOrigin,
    eol,
    where: options.where,
  };
  const known = longNames ? CONVERTER_NAMES : CONVERTER_NAMES.filter((n) => n.length === 1);
  const tokens = parsePattern(pattern, known, longNames, options.where);
  const handlesThrowable = tokens.some((t) => t.kind === "converter" && printsThrowable(t.name));
  const parts: (string | { convert: Convert; modifier: FormatModifier })[] = tokens.map((t) =>
    t.kind === "literal"
      ? t.text
      : { convert: createConverter(t.name, t.options, ctx), modifier: t.modifier },
  );
  return (event: LogEvent) => {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") out += part;
      else {
        const text = part.convert(event, out);
        out += isPlain(part.modifier) ? text : applyModifier(text, part.modifier);
      }
    }
    return handlesThrowable ? out : appendThrowable(out, event, dialect, eol);
  };
}
