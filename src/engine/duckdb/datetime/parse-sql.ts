/**
 * SQL parsing text with a Spark pattern into a TIMESTAMPTZ, exactly as Spark's
 * `to_timestamp(text, pattern)` does with ANSI mode off (a text that does not match
 * gives NULL). Each variant of the pattern (one per combination of optional sections)
 * is a regular expression that checks the exact shape Spark accepts, then strptime:
 * - on the text itself, when DuckDB reads every field as Spark does (the fast path);
 * - otherwise on a canonical text built from the captured fields, one per `|`, each
 *   rewritten to what its specifier reads, with Spark's defaults added (year 1970, AM).
 */
import { instantSql } from "../compiler/wall-clock.js";
import { quoteString } from "../sql-quote.js";
import { bindSql, bindUnlessColumn } from "./bind.js";
import { type ParsePart, parseVariants } from "./pattern.js";

const RE2_SPECIAL = /[\\.^$|?*+()[\]{}]/g;

/**
 * SQL: `textSql` parsed with `pattern` as a TIMESTAMPTZ (NULL when it does not match).
 * Text without an offset or zone is wall-clock time in the session time zone.
 *
 * @example
 * ```ts
 * patternParseSql("s", "dd/MM/yyyy HH:mm"); // CASE WHEN regexp_full_match(s, ...) ...
 * ```
 */
export function patternParseSql(textSql: string, pattern: string, timeZone?: string): string {
  const variants = parseVariants(pattern);
  return bindUnlessColumn(textSql, "dt_text", (text) => {
    const sql = variants.map((parts) => variantSql(text, parts, timeZone));
    return sql.length === 1 ? (sql[0] ?? "NULL") : `coalesce(${sql.join(", ")})`;
  });
}

function variantSql(text: string, parts: readonly ParsePart[], timeZone?: string): string {
  const regex = `(?i)^${parts
    .map((p) =>
      p.rule === undefined ? p.token.text.replace(RE2_SPECIAL, "\\$&") : `(${p.rule.regex})`,
    )
    .join("")}$`;
  const letters = new Set(parts.flatMap((p) => (p.rule === undefined ? [] : [p.token.letter])));
  const hourOfHalfDay = letters.has("h") || letters.has("K");
  // java.time checks `a` against H or k; DuckDB's %p would shift them, so it is left out.
  const skipAmPm = letters.has("a") && !hourOfHalfDay;
  const defaults: [string, string][] = [];
  if (!letters.has("y")) defaults.push(["'1970'", "%Y"]);
  if (hourOfHalfDay && !letters.has("a")) defaults.push(["'AM'", "%p"]);
  const guard = `regexp_full_match(${text}, ${quoteString(regex)})`;
  const fast =
    defaults.length === 0 &&
    !skipAmPm &&
    parts.every((p) =>
      p.rule === undefined
        ? !/[A-Za-z]/.test(p.token.text)
        : p.rule.normalize === undefined && p.rule.spec !== "%Z",
    );
  if (fast) {
    const format = parts
      .map((p) => (p.rule === undefined ? p.token.text.replaceAll("%", "%%") : p.rule.spec))
      .join("");
    const read = `try_strptime(${text}, ${quoteString(format)})`;
    const zoned = parts.some((p) => p.rule?.zone === true);
    return `CASE WHEN ${guard} THEN ${zoned ? `CAST(${read} AS TIMESTAMPTZ)` : instantSql(read, timeZone)} END`;
  }
  const groups = parts.flatMap((p, i) => (p.rule === undefined ? [] : [`g${i}`]));
  const [firstGroup] = groups;
  const canonical = (m: string): string => {
    const fields: { value: string; spec: string; zone: boolean }[] = [];
    parts.forEach((p, i) => {
      if (p.rule === undefined || (skipAmPm && p.token.letter === "a")) return;
      const captured = `${m}.g${i}`;
      const value = p.rule.normalize === undefined ? captured : p.rule.normalize(captured);
      fields.push({ value, spec: p.rule.spec, zone: p.rule.zone });
    });
    for (const [value, spec] of defaults) fields.push({ value, spec, zone: false });
    // Zones go last: DuckDB's %Z reads up to the end of the text or a `|`.
    fields.sort((a, b) => Number(a.zone) - Number(b.zone));
    const parse = (some: typeof fields): string =>
      `try_strptime(${some.map((f) => f.value).join(" || '|' || ")}, ${quoteString(some.map((f) => f.spec).join("|"))})`;
    // With %Z, DuckDB builds the value through ICU, which rolls 30 February over to
    // 1 March instead of failing: the fields without the zone must parse on their own.
    const valid = fields.some((f) => f.spec === "%Z")
      ? ` AND ${parse(fields.filter((f) => !f.zone))} IS NOT NULL`
      : "";
    // No field matches an empty text, so an empty capture means the text did not match.
    const matched = firstGroup === undefined ? guard : `${m}.${firstGroup} <> ''`;
    const value = fields.some((f) => f.zone)
      ? `CAST(${parse(fields)} AS TIMESTAMPTZ)`
      : instantSql(parse(fields), timeZone);
    return `CASE WHEN ${matched}${valid} THEN ${value} END`;
  };
  if (firstGroup === undefined) return canonical("");
  const names = groups.map(quoteString).join(", ");
  return bindSql(`regexp_extract(${text}, ${quoteString(regex)}, [${names}])`, "dt_m", canonical);
}
