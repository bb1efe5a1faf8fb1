/**
 * Spark's format_string / printf: Java's `String.format`, rebuilt from DuckDB's printf one
 * specifier at a time, since Java differs on several values: a null argument prints "null"
 * under any conversion but `%b` (which prints "false"), justified and truncated like `%s`;
 * NaN and infinities print as `NaN` / `Infinity` without zero padding; `%s` prints Java's
 * `toString` (`1.0E20`); `%x` / `%o` of a negative int take its 32 bits (a byte's 8, a
 * short's 16); `%b` is true for any non-null non-boolean; `%.nf` rounds HALF_UP the shortest
 * decimal text of a double (`-1.005` -> `-1.01`).
 */
import type { DataType } from "../../../types/data-types.js";
import { castToString } from "../compiler/cast-to-string.js";
import { quoteString } from "../sql-quote.js";
import type { FnArg, FnContext } from "./types.js";

const SPEC = /%(?:(\d+)\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

const BITS: Partial<Record<DataType["typeName"], number>> = {
  byte: 8,
  short: 16,
  integer: 32,
};

interface Spec {
  readonly flags: string;
  readonly width: string | undefined;
  readonly precision: string | undefined;
  readonly conv: string;
}

/** `%[-][width][.precision]s`: how Java lays out a text it prints in place of a number. */
function textSpec(s: Spec, withPrecision: boolean): string {
  const left = s.flags.includes("-") ? "-" : "";
  const precision = withPrecision && s.precision !== undefined ? `.${s.precision}` : "";
  return quoteString(`%${left}${s.width ?? ""}${precision}s`);
}

const isUpper = (conv: string): boolean => conv !== conv.toLowerCase();

/** Characters outside the BMP: two UTF-16 units each in Java, one character in DuckDB. */
const ASTRAL = quoteString("[^\\x{10000}-\\x{10FFFF}]");

/**
 * A text laid out by `%[-][width][.precision]s`. Java counts the width in UTF-16 units, so a
 * character outside the BMP (an emoji) takes two columns: the padding is computed here.
 */
function textLayout(s: Spec, text: string): string {
  const t =
    s.precision === undefined ? text : `printf(${quoteString(`%.${s.precision}s`)}, ${text})`;
  if (s.width === undefined) return t;
  const units = `(length(${t}) + length(regexp_replace(${t}, ${ASTRAL}, '', 'g')))`;
  const fill = `repeat(' ', greatest(${s.width} - ${units}, 0))`;
  return s.flags.includes("-") ? `(${t} || ${fill})` : `(${fill} || ${t})`;
}

function nullPiece(s: Spec): string {
  const word = s.conv.toLowerCase() === "b" ? "false" : "null";
  return `printf(${textSpec(s, true)}, ${quoteString(isUpper(s.conv) ? word.toUpperCase() : word)})`;
}

/**
 * `%f` of a double of 1e16 or more: Java prints its shortest digits padded with zeros
 * (`1e308` is a 1 and 308 zeros), where DuckDB's printf writes the exact binary expansion.
 * Every such double is a whole number, so the fraction is zeros.
 */
function hugeFixed(s: Spec, sql: string): string {
  const whole = `tributary_plain_number(CAST(abs(${sql}) AS VARCHAR))`;
  const grouped = s.flags.includes(",") ? `tributary_format_number_text(${whole}, 0)` : whole;
  const digits = Number(s.precision ?? "6");
  const body = digits > 0 ? `(${grouped} || ${quoteString(`.${"0".repeat(digits)}`)})` : grouped;
  const plus = s.flags.includes("+") ? "+" : s.flags.includes(" ") ? " " : "";
  const [neg, negEnd] = s.flags.includes("(") ? ["(", ")"] : ["-", ""];
  const sign = `CASE WHEN ${sql} < 0 THEN ${quoteString(neg)} ELSE ${quoteString(plus)} END`;
  const end = `CASE WHEN ${sql} < 0 THEN ${quoteString(negEnd)} ELSE '' END`;
  const width = Number(s.width ?? "0");
  if (s.flags.includes("0") && !s.flags.includes("-") && width > 0) {
    // lpad would cut a body longer than the room: only a shorter one is padded.
    const room = `(${width} - length(${sign}) - length(${end}))`;
    const zeros = `repeat('0', CAST(greatest(${room} - length(${body}), 0) AS BIGINT))`;
    return `(${sign} || ${zeros} || ${body} || ${end})`;
  }
  const text = `(${sign} || ${body} || ${end})`;
  return width > 0 ? `printf(${textSpec(s, false)}, ${text})` : text;
}

function floatingPiece(s: Spec, sql: string): string {
  const spec = quoteString(
    `%${s.flags}${s.width ?? ""}${s.precision === undefined ? "" : `.${s.precision}`}${s.conv}`,
  );
  const plus = s.flags.includes("+") ? "+" : "";
  const special = `CASE WHEN isnan(${sql}) THEN 'NaN' WHEN ${sql} > 0 THEN '${plus}Infinity' ELSE '-Infinity' END`;
  const digits = Number(s.precision ?? "6");
  // Java rounds the shortest decimal text of the double; a decimal of that text rounds alike.
  // The sign goes back on afterwards, as Java prints -0.0 and -0.001 as "-0.00".
  const rounded = `CAST(round(TRY_CAST(CAST(${sql} AS VARCHAR) AS DECIMAL(38, 11)), ${digits}) AS DOUBLE)`;
  const value =
    s.conv === "f" && digits <= 10
      ? `coalesce(CASE WHEN signbit(${sql}) THEN -abs(${rounded}) ELSE ${rounded} END, ${sql})`
      : sql;
  const huge = s.conv === "f" ? ` WHEN abs(${sql}) >= 1e16 THEN ${hugeFixed(s, sql)}` : "";
  return `CASE WHEN NOT isfinite(${sql}) THEN printf(${textSpec(s, false)}, ${special})${huge} ELSE printf(${spec}, ${value}) END`;
}

function valuePiece(s: Spec, arg: FnArg, raw: string): string {
  const t = arg.type;
  const conv = s.conv.toLowerCase();
  if (conv === "s") {
    const text = castToString(arg.sql, t);
    return textLayout(s, isUpper(s.conv) ? `upper(${text})` : text);
  }
  if (conv === "b") {
    const text =
      t?.typeName === "boolean" ? `CASE WHEN ${arg.sql} THEN 'true' ELSE 'false' END` : "'true'";
    return `printf(${textSpec(s, true)}, ${isUpper(s.conv) ? `upper(${text})` : text})`;
  }
  if (t?.typeName === "double" || t?.typeName === "float")
    return floatingPiece(s, `CAST(${arg.sql} AS DOUBLE)`);
  const bits = t === undefined ? undefined : BITS[t.typeName];
  if ((conv === "x" || conv === "o") && bits !== undefined) {
    const unsigned = `CASE WHEN ${arg.sql} < 0 THEN CAST(${arg.sql} AS BIGINT) + ${2 ** bits} ELSE ${arg.sql} END`;
    return `printf(${quoteString(raw)}, ${unsigned})`;
  }
  return `printf(${quoteString(raw)}, ${arg.sql})`;
}

/** The SQL of `format_string(format, args...)` with a literal format. */
export function formatStringSql(args: readonly FnArg[], ctx: FnContext): string {
  const first = args[0];
  if (first?.node.kind !== "literal") return `printf(${args.map((a) => a.sql).join(", ")})`;
  const format = ctx.literalString(0);
  const pieces: string[] = [];
  let next = 1;
  let last = 0;
  for (const m of format.matchAll(SPEC)) {
    if ((m.index ?? 0) > last) pieces.push(quoteString(format.slice(last, m.index)));
    last = (m.index ?? 0) + m[0].length;
    const spec: Spec = { flags: m[2] ?? "", width: m[3], precision: m[4], conv: m[5] ?? "" };
    if (spec.conv === "%" || spec.conv === "n") {
      pieces.push(quoteString(spec.conv === "%" ? "%" : "\n"));
      continue;
    }
    const position = m[1] === undefined ? next++ : Number(m[1]);
    const arg = args[position];
    const raw = `%${spec.flags}${spec.width ?? ""}${spec.precision === undefined ? "" : `.${spec.precision}`}${spec.conv}`;
    pieces.push(
      arg === undefined
        ? nullPiece(spec)
        : `CASE WHEN ${arg.sql} IS NULL THEN ${nullPiece(spec)} ELSE ${valuePiece(spec, arg, raw)} END`,
    );
  }
  if (last < format.length) pieces.push(quoteString(format.slice(last)));
  return pieces.length === 0 ? "''" : `(${pieces.join(" || ")})`;
}
