/**
 * A reader for the `java.util.Properties` text format, which Spark uses for
 * `spark-defaults.conf` (and log4j for `log4j.properties`). It follows `Properties.load`:
 * natural lines end at `\n`, `\r` or `\r\n`; a line whose first non-blank character is `#`
 * or `!` is a comment; an odd number of trailing backslashes joins the next line (whose
 * leading blanks are dropped); the key ends at the first unescaped `=`, `:` or blank; and
 * `\t`, `\n`, `\r`, `\f`, `\uXXXX` are escapes while any other escaped character stands for
 * itself. Values are returned untrimmed, as Java returns them.
 */
import { ConfigError } from "../errors.js";

/** One `key=value` pair and the (first) line it was written on. */
export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

// Java's Properties treats only these three as blanks (not other Unicode spaces).
const isBlank = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\f";

function skipBlanks(text: string): string {
  let i = 0;
  while (isBlank(text[i])) i++;
  return text.slice(i);
}

function endsWithOddBackslashes(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === "\\"; i--) count++;
  return count % 2 === 1;
}

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

/**
 * Joins natural lines into logical ones as Java 9+ does. A continuation that leaves the
 * logical line empty (a line holding only `\`) starts afresh, so a comment or a blank line may
 * follow it; a backslash right before the end of the file is dropped.
 */
function* logicalLines(text: string): Generator<LogicalLine> {
  const parts = text.split(/(\r\n|\r|\n)/); // [line, terminator, line, ..., line]
  const count = Math.ceil(parts.length / 2);
  const lineAt = (n: number): string => parts[2 * n] ?? "";
  let n = 0;
  next: while (n < count) {
    const line = n + 1;
    let logical = skipBlanks(lineAt(n));
    // A comment never continues: each commented line needs its own `#`.
    if (logical === "" || logical.startsWith("#") || logical.startsWith("!")) {
      n++;
      continue;
    }
    while (endsWithOddBackslashes(logical)) {
      logical = logical.slice(0, -1);
      const terminator = parts[2 * n + 1] ?? "";
      n++;
      if (n >= count || (n === count - 1 && lineAt(n) === "")) {
        // Java quirk, kept: a lone backslash on the last line yields an empty key, unless
        // that line ended in CRLF (Java has already consumed the LF when it meets the end).
        if (logical !== "" || terminator !== "\r\n") yield { text: logical, line };
        return;
      }
      if (logical === "") continue next;
      logical += skipBlanks(lineAt(n));
    }
    n++;
    yield { text: logical, line };
  }
}

const ESCAPES: Readonly<Record<string, string>> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function unescapeJava(raw: string, source: string, line: number): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? "";
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = raw[++i] ?? "";
    if (next === "u") {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new ConfigError(
          "CONFIG_MALFORMED_ESCAPE",
          `${source}:${line}: malformed \\uXXXX escape "\\u${hex}".`,
          {
            hint: "Write exactly four hex digits after \\u, or escape the backslash as \\\\.",
            context: { file: source, line },
          },
        );
      }
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}

/** Splits a logical line where `Properties.load` does: first unescaped `=`, `:` or blank. */
function splitKeyValue(text: string): { rawKey: string; rawValue: string } {
  let keyEnd = 0;
  let valueStart = text.length;
  let hasSeparator = false;
  let escaped = false;
  for (; keyEnd < text.length; keyEnd++) {
    const c = text[keyEnd];
    if (!escaped && (c === "=" || c === ":")) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (!escaped && isBlank(c)) {
      valueStart = keyEnd + 1;
      break;
    }
    escaped = c === "\\" ? !escaped : false;
  }
  // Blanks around the separator are skipped; after a blank, one `=` or `:` may still follow.
  for (; valueStart < text.length; valueStart++) {
    const c = text[valueStart];
    if (isBlank(c)) continue;
    if (!hasSeparator && (c === "=" || c === ":")) {
      hasSeparator = true;
      continue;
    }
    break;
  }
  return { rawKey: text.slice(0, keyEnd), rawValue: text.slice(valueStart) };
}

/**
 * Parses Java properties text into entries in file order (a repeated key appears twice; the
 * last one wins when loaded into a map, as in Java). `source` names the file in errors.
 *
 * @example
 * ```ts
 * parseProperties("spark.master  local[4]\n# comment\nspark.app.name=demo", "conf");
 * // [{ key: "spark.master", value: "local[4]", line: 1 },
 * //  { key: "spark.app.name", value: "demo", line: 3 }]
 * ```
 * @throws ConfigError `CONFIG_MALFORMED_ESCAPE` naming the file and line of a bad `\uXXXX`.
 */
export function parseProperties(text: string, source: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  for (const { text: logical, line } of logicalLines(text)) {
    const { rawKey, rawValue } = splitKeyValue(logical);
    entries.push({
      key: unescapeJava(rawKey, source, line),
      value: unescapeJava(rawValue, source, line),
      line,
    });
  }
  return entries;
}
