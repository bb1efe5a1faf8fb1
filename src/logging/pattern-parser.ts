/**
 * Splits a conversion pattern (`%d{yy/MM/dd HH:mm:ss} %-5p %c{1}: %m%n`) into literal text
 * and converters with their format modifiers and `{options}`. log4j 1's `PatternLayout` reads
 * one letter per converter (`%msg` is `%m` then "sg"); log4j 2 (and log4j 1's
 * `EnhancedPatternLayout`) reads the longest known name (`%msg`, `%level`, `%throwable`).
 */
import { type ConfigLocation, loggingConfigError } from "./config-error.js";

/** `%-20.30c`: pad to 20 (left-aligned), then keep at most 30 characters. */
export interface FormatModifier {
  readonly minWidth: number;
  readonly leftAlign: boolean;
  /** `Infinity` when there is no maximum. */
  readonly maxWidth: number;
  /** log4j 2's `%.-30c` keeps the first characters; by default the last ones are kept. */
  readonly truncateEnd: boolean;
}

/** A piece of a parsed pattern. */
export type PatternToken =
  | { readonly kind: "literal"; readonly text: string }
  | {
      readonly kind: "converter";
      readonly name: string;
      readonly options: readonly string[];
      readonly modifier: FormatModifier;
    };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);

class Cursor {
  i = 0;
  constructor(
    readonly text: string,
    readonly where: ConfigLocation | undefined,
  ) {}
  peek(): string | undefined {
    return this.text[this.i];
  }
  digits(): string {
    const start = this.i;
    while (isDigit(this.peek())) this.i++;
    return this.text.slice(start, this.i);
  }
  fail(problem: string, hint: string): Error {
    return loggingConfigError(
      "LOG_INVALID_PATTERN",
      this.where,
      `invalid conversion pattern "${this.text}": ${problem}`,
      hint,
    );
  }
}

function readModifier(cur: Cursor): FormatModifier {
  const leftAlign = cur.peek() === "-";
  if (leftAlign) cur.i++;
  const min = cur.digits();
  let maxWidth = Number.POSITIVE_INFINITY;
  let truncateEnd = false;
  if (cur.peek() === ".") {
    cur.i++;
    truncateEnd = cur.peek() === "-";
    if (truncateEnd) cur.i++;
    const max = cur.digits();
    if (max === "")
      throw cur.fail(
        `missing width after "." at position ${cur.i}`,
        "Write a maximum width such as %.30c.",
      );
    maxWidth = Number(max);
  }
  return { minWidth: min === "" ? 0 : Number(min), leftAlign, maxWidth, truncateEnd };
}

function readOptions(cur: Cursor): string[] {
  const options: string[] = [];
  while (cur.peek() === "{") {
    const start = cur.i + 1;
    let depth = 0;
    do {
      const c = cur.peek();
      if (c === undefined)
        throw cur.fail(`unclosed "{" at position ${start - 1}`, "Close every option with }.");
      if (c === "{") depth++;
      if (c === "}") depth--;
      cur.i++;
    } while (depth > 0);
    options.push(cur.text.slice(start, cur.i - 1));
  }
  return options;
}

/**
 * Parses a conversion pattern against the converter names in `known`.
 *
 * @example
 * ```ts
 * parsePattern("%-5p %m%n", ["p", "m", "n"], false);
 * // [{ kind: "converter", name: "p", options: [], modifier: { minWidth: 5, leftAlign: true, ... } },
 * //  { kind: "literal", text: " " }, { kind: "converter", name: "m", ... }, ...]
 * ```
 * @throws ConfigError `LOG_INVALID_PATTERN` naming an unknown converter and its position.
 */
export function parsePattern(
  pattern: string,
  known: readonly string[],
  longNames: boolean,
  where?: ConfigLocation,
): PatternToken[] {
  const names = new Set(known);
  const tokens: PatternToken[] = [];
  const cur = new Cursor(pattern, where);
  let literal = "";
  const flush = (): void => {
    if (literal !== "") tokens.push({ kind: "literal", text: literal });
    literal = "";
  };
  while (cur.i < pattern.length) {
    const c = pattern[cur.i] ?? "";
    const next = pattern[cur.i + 1];
    if (c !== "%" || next === undefined || next === "%") {
      literal += c;
      cur.i += c === "%" && next === "%" ? 2 : 1;
      continue;
    }
    const at = cur.i;
    cur.i++;
    const modifier = readModifier(cur);
    const start = cur.i;
    while (isLetter(cur.peek()) && (longNames || cur.i === start)) cur.i++;
    const word = pattern.slice(start, cur.i);
    let name = word;
    while (name !== "" && !names.has(name)) name = name.slice(0, -1);
    if (name === "") {
      const problem =
        word === ""
          ? `"%" at position ${at} is not followed by a conversion name`
          : `unknown conversion "%${word}" at position ${at}`;
      throw cur.fail(
        problem,
        `Use one of: ${known.map((k) => `%${k}`).join(", ")}. Write %% for a literal percent sign.`,
      );
    }
    cur.i = start + name.length;
    flush();
    tokens.push({ kind: "converter", name, options: readOptions(cur), modifier });
  }
  flush();
  return tokens;
}
