/**
 * Spark-style parse errors: a headline naming the token and its position, then the text
 * with a caret under the offending spot, as Spark's `ParseException` prints them.
 */
import { AnalysisError, type ErrorCode } from "../errors.js";

/** What went wrong, where. */
export interface SyntaxErrorInfo {
  /** The whole text being parsed. */
  readonly text: string;
  /** UTF-16 offset of the offending spot. */
  readonly offset: number;
  /** The offending token's text; `undefined` at the end of the input. */
  readonly near: string | undefined;
  /** What the parser wanted instead (`')'`, `a data type`). */
  readonly expected?: string;
  readonly hint?: string;
  /** Defaults to `PARSE_SYNTAX_ERROR`. */
  readonly code?: ErrorCode;
  /** Replaces the "Syntax error at or near ..." headline for errors that are not syntax. */
  readonly headline?: string;
}

/** Line (1-based) and position in the line (0-based, as Spark counts) of an offset. */
export function lineAndPos(text: string, offset: number): { line: number; pos: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, pos: offset - lineStart };
}

/** The `== SQL ==` block: lines up to the error, a caret line, then the remaining lines. */
function sqlBlock(text: string, line: number, pos: number): string {
  const lines = text.split("\n");
  const above = lines.slice(0, line);
  const below = lines.slice(line);
  const caret = `${"-".repeat(pos)}^^^`;
  return ["== SQL ==", ...above, caret, ...below].join("\n");
}

const MAX_NEAR = 40;

function nearText(near: string | undefined): string {
  if (near === undefined) return "end of input";
  const shown = near.length > MAX_NEAR ? `${near.slice(0, MAX_NEAR)}...` : near;
  return `'${shown}'`;
}

/**
 * The error for text that does not parse.
 *
 * @example
 * ```ts
 * throw syntaxError({ text: "a >", offset: 3, near: undefined, expected: "an expression" });
 * // Syntax error at or near end of input (line 1, pos 3): expected an expression.
 * ```
 */
export function syntaxError(info: SyntaxErrorInfo): AnalysisError {
  const { line, pos } = lineAndPos(info.text, info.offset);
  const headline = info.headline ?? `Syntax error at or near ${nearText(info.near)}`;
  const expected = info.expected === undefined ? "" : `: expected ${info.expected}`;
  const message = `${headline} (line ${line}, pos ${pos})${expected}.\n\n${sqlBlock(info.text, line, pos)}`;
  return new AnalysisError(info.code ?? "PARSE_SYNTAX_ERROR", message, {
    hint:
      info.hint ??
      "Check the text near the caret. Quote string values with single quotes ('text') and names with spaces or symbols with backquotes (`my col`).",
    context: {
      line,
      pos,
      near: info.near ?? null,
      ...(info.expected === undefined ? {} : { expected: info.expected }),
    },
  });
}
