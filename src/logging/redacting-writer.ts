/**
 * The one writer every printed line goes through: CLI output (tables, `--json`, errors,
 * warnings), metric sink warnings and log appenders all end in {@link redactingWriter} or
 * {@link redactSecrets}, so a secret registered anywhere, or spelled in a recognisable
 * context, never reaches a terminal or a file.
 */
import { redactSecrets } from "./redactor.js";

/**
 * Wraps `write` so that every chunk is redacted first.
 *
 * @example
 * ```ts
 * const out = redactingWriter((t) => process.stderr.write(t));
 * out("connecting to sc://h:15002/;token=abc123\n"); // "...;token=*********(redacted)"
 * ```
 */
export function redactingWriter(write: (text: string) => void): (text: string) => void {
  return (text) => write(redactSecrets(text));
}
