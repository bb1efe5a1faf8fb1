/**
 * Printing an attached error. log4j 2's `%ex` puts a space before the stack when the line so far
 * does not end in whitespace, prints every line of `printStackTrace` (so the output ends with a
 * line separator), and with `{short}` (two lines), `{n}` or `{none}` keeps that many lines,
 * joined without a trailing separator. When a pattern has no `%ex`, log4j 1 appends the stack after the layout
 * (one separator per line) and log4j 2 appends `%xEx`; {@link appendThrowable} does both.
 */
import { type ConfigLocation, loggingConfigError } from "./config-error.js";
import type { Dialect } from "./date-format.js";
import type { LogEvent } from "./event.js";

function lineCount(option: string | undefined, where?: ConfigLocation): number {
  const opt = (option ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  if (opt === "" || opt === "full") return Number.POSITIVE_INFINITY;
  if (opt === "none") return 0;
  if (opt === "short") return 2; // log4j 2: the exception line and the first frame
  if (/^\d+$/.test(opt)) return Number(opt);
  throw loggingConfigError(
    "LOG_INVALID_PATTERN",
    where,
    `unknown %ex option "${option}"`,
    "Use %ex, %ex{full}, %ex{short}, %ex{none} or %ex{n} for the first n lines.",
  );
}

function spaced(soFar: string, dialect: Dialect): string {
  return dialect === "log4j2" && soFar !== "" && !/\s$/.test(soFar) ? " " : "";
}

/**
 * The `%ex` converter.
 *
 * @example
 * ```ts
 * const ex = throwableConverter(["short"], "log4j2", "\n");
 * ex(eventWithError, "failed:"); // " Error: boom\n    at main (app.js:3:9)"
 * ```
 * @throws ConfigError `LOG_INVALID_PATTERN` for an option other than full, short, none or a number.
 */
export function throwableConverter(
  options: readonly string[],
  dialect: Dialect,
  eol: string,
  where?: ConfigLocation,
): (event: LogEvent, soFar: string) => string {
  const limit = lineCount(options[0], where);
  return (event, soFar) => {
    if (event.error === undefined || limit === 0) return "";
    const lines = event.error.stack.split("\n");
    const body =
      limit >= lines.length ? `${lines.join(eol)}${eol}` : lines.slice(0, limit).join(eol);
    return `${spaced(soFar, dialect)}${body}`;
  };
}

/**
 * What a layout without `%ex` prints after its own text when the event carries an error.
 *
 * @example
 * ```ts
 * appendThrowable("boom\n", eventWithError, "log4j1", "\n"); // "boom\nError: boom\n    at ...\n"
 * ```
 */
export function appendThrowable(
  text: string,
  event: LogEvent,
  dialect: Dialect,
  eol: string,
): string {
  if (event.error === undefined) return text;
  const lines = event.error.stack.split("\n");
  return `${text}${spaced(text, dialect)}${lines.map((l) => `${l}${eol}`).join("")}`;
}
