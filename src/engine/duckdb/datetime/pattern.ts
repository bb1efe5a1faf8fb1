/**
 * Spark datetime patterns translated to DuckDB's `strftime` / `strptime` formats. These
 * are the plain-format translations, for places that take only a format (DuckDB's CSV
 * `dateformat` / `timestampformat`); `sql.ts` builds the exact SQL for everything else.
 */
import { type FormatPiece, formatPiece } from "./format-rules.js";
import { type ParseRule, parseRule } from "./parse-rules.js";
import { untranslatable } from "./pattern-errors.js";
import {
  expandOptional,
  type FieldToken,
  flattenOptional,
  type LiteralToken,
  tokenizePattern,
} from "./tokens.js";

export { tokenizePattern };

/**
 * The formatting of a pattern as pieces, adjacent strftime parts merged.
 *
 * @example
 * ```ts
 * formatPieces("yyyy-MM-dd HH:mm:ss.SS");
 * // [strftime "%Y-%m-%d %H:%M:%S.", sql (ts) => substr(strftime(ts, '%f'), 1, 2)]
 * ```
 */
export function formatPieces(pattern: string): FormatPiece[] {
  const pieces: FormatPiece[] = [];
  for (const token of flattenOptional(tokenizePattern(pattern))) {
    const piece = formatPiece(pattern, token);
    const last = pieces.at(-1);
    if (piece.kind === "strftime" && last?.kind === "strftime") {
      pieces[pieces.length - 1] = { kind: "strftime", format: last.format + piece.format };
    } else {
      pieces.push(piece);
    }
  }
  return pieces;
}

/**
 * The DuckDB `strftime` format printing what Spark's `date_format` prints. Optional
 * sections are printed (a timestamp has every field). Throws for letters DuckDB has no
 * specifier for (`G`, `DD`, `Q`, `q`, `K`, `k`, `yyyyy`, fractions of 1, 2, 4 or 5
 * digits, offsets): `formatSql` computes those in SQL.
 *
 * @example
 * ```ts
 * toStrftime("EEE, d MMM yyyy HH:mm"); // "%a, %-d %b %Y %H:%M"
 * ```
 */
export function toStrftime(pattern: string): string {
  let format = "";
  for (const token of flattenOptional(tokenizePattern(pattern))) {
    if (token.kind === "literal") {
      format += token.text.replaceAll("%", "%%");
      continue;
    }
    const piece = formatPiece(pattern, token);
    if (piece.kind === "sql") {
      throw untranslatable(
        pattern,
        token,
        "formatting",
        "has no strftime specifier",
        "formatSql(ts, pattern) computes it in SQL.",
      );
    }
    format += piece.format;
  }
  return format;
}

/**
 * The DuckDB `strptime` format closest to a Spark pattern, for readers that take one
 * format. DuckDB's strptime is more lenient than Spark (`MM` also reads `3`, spaces
 * stretch) and, where {@link strptimeMatchesSpark} is false, reads some valid values
 * differently: `yy` pivots at 69 (`70` is 1970, Spark says 2070), `X` does not read
 * `Z`, `h` without `a` reads `12` as noon, and a pattern without a year defaults to 1900
 * (Spark: 1970). `parseTimestampSql` is exact. Throws for letters with no specifier
 * (`G`, `K`, `k`, `O`, `ZZZZ`, `zzzz`, five or more `y`) and for optional sections.
 *
 * @example
 * ```ts
 * toStrptime("d/M/yyyy HH:mm:ss.SSS"); // "%-d/%-m/%Y %H:%M:%S.%g"
 * ```
 */
export function toStrptime(pattern: string): string {
  const formats = strptimeFormats(pattern);
  const [first] = formats;
  if (formats.length !== 1 || first === undefined) {
    const open = pattern.indexOf("[");
    throw untranslatable(
      pattern,
      { letter: "[", count: 1, position: open },
      "parsing",
      "starts an optional section, which one strptime format cannot express",
      "strptimeFormats(pattern) lists one format per combination of optional sections.",
    );
  }
  return first;
}

/**
 * One strptime format per combination of optional sections, most complete first
 * (DuckDB's `strptime(text, [formats])` tries them in order).
 *
 * @example
 * ```ts
 * strptimeFormats("yyyy-MM-dd[ HH:mm]"); // ["%Y-%m-%d %H:%M", "%Y-%m-%d"]
 * ```
 */
export function strptimeFormats(pattern: string): string[] {
  return parseVariants(pattern).map((variant) =>
    variant
      .map((part) => {
        if (part.rule === undefined) return part.token.text.replaceAll("%", "%%");
        if (part.rule.raw !== undefined) return part.rule.raw;
        throw untranslatable(
          pattern,
          part.token,
          "parsing",
          "has no strptime specifier",
          "parseTimestampSql(text, pattern) parses it in SQL.",
        );
      })
      .join(""),
  );
}

/**
 * True when DuckDB's strptime with {@link toStrptime}'s format gives Spark's value for
 * every text Spark accepts (it may still accept some text Spark rejects).
 *
 * @example
 * ```ts
 * strptimeMatchesSpark("yyyy-MM-dd HH:mm:ss"); // true
 * strptimeMatchesSpark("dd/MM/yy"); // false: two-digit years pivot differently
 * ```
 */
export function strptimeMatchesSpark(pattern: string): boolean {
  const variants = parseVariants(pattern);
  if (variants.length !== 1) return false;
  return variants.every((variant) => {
    const letters = new Set(
      variant.flatMap((p) => (p.token.kind === "field" ? [p.token.letter] : [])),
    );
    const textHasLetters = variant.some(
      (p) => p.token.kind === "literal" && /[A-Za-z]/.test(p.token.text),
    );
    return (
      letters.has("y") &&
      !textHasLetters &&
      !(letters.has("h") && !letters.has("a")) &&
      !(letters.has("a") && letters.has("H")) &&
      variant.every((p) => p.rule === undefined || (p.rule.raw !== undefined && p.rule.exact))
    );
  });
}

/** A token with its parse rule (none for literal text). */
export type ParsePart =
  | { readonly token: LiteralToken; readonly rule: undefined }
  | { readonly token: FieldToken; readonly rule: ParseRule };

/**
 * The parse rules of every variant of a pattern (see `expandOptional`).
 *
 * @example
 * ```ts
 * parseVariants("HH[:mm]").length; // 2
 * ```
 */
export function parseVariants(pattern: string): ParsePart[][] {
  return expandOptional(pattern, tokenizePattern(pattern)).map((variant) =>
    variant.map(
      (token): ParsePart =>
        token.kind === "field"
          ? { token, rule: parseRule(pattern, token) }
          : { token, rule: undefined },
    ),
  );
}
