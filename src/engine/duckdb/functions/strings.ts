/**
 * String functions with Spark's semantics. Differences from DuckDB compensated here:
 * `concat` is null when any argument is (DuckDB's skips nulls); `substring` treats position 0
 * as 1; regex replacements use Java's `$n` group syntax; LIKE escapes with `\` by default.
 */
import {
  ArrayType,
  BinaryType,
  BooleanType,
  IntegerType,
  StringType,
} from "../../../types/data-types.js";
import { castToString } from "../compiler/cast-to-string.js";
import { quoteString } from "../sql-quote.js";
import { formatStringSql } from "./format-string.js";
import { likeSql, splitLimitSql } from "./strings-pattern.js";
import { type FamilyTable, type FnArg, type FunctionDef, returns, sqlOf } from "./types.js";

const str = returns(StringType);
const int = returns(IntegerType);
const bool = returns(BooleanType);

/** Text of any argument (Spark casts non-strings to string in string functions). */
export function asText(a: FnArg | undefined): string {
  if (a === undefined) throw new RangeError("argument missing");
  if (a.type === undefined || a.type.typeName === "string") return a.sql;
  return castToString(a.sql, a.type);
}

function fn(
  minArgs: number,
  maxArgs: number,
  compile: FunctionDef["compile"],
  returnType?: FunctionDef["returnType"],
): FunctionDef {
  return { minArgs, maxArgs, compile, ...(returnType === undefined ? {} : { returnType }) };
}

/** Spark's lpad / rpad: the pad is a space when not given; an empty pad leaves a short text as is. */
function padSql(name: "lpad" | "rpad", args: readonly FnArg[]): string {
  const text = asText(args[0]);
  const pad = args.length === 3 ? sqlOf(args, 2) : "' '";
  return `CASE WHEN ${pad} = '' AND length(${text}) < ${sqlOf(args, 1)} THEN ${text} ELSE ${name}(${text}, ${nonNegative(sqlOf(args, 1))}, ${pad}) END`;
}

/** Java replacement text (`$1`, `\$`) -> RE2 replacement text (`\1`, `$`). */
export function javaReplacement(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[i + 1] ?? "";
      out += next === "\\" ? "\\\\" : next;
      i++;
    } else if (ch === "$" && /[0-9]/.test(text[i + 1] ?? "")) {
      out += `\\${text[i + 1]}`;
      i++;
    } else out += ch;
  }
  return out;
}

/**
 * Pure ASCII text takes DuckDB's own functions; other text the Java rules (`java-text.ts`),
 * since DuckDB maps case one character to one (`ß` stays, no final sigma).
 */
function asciiOr(text: string, ascii: string, other: string): string {
  return `CASE WHEN strlen(${text}) = length(${text}) THEN ${ascii} ELSE ${other} END`;
}

const caseFn = (name: "upper" | "lower" | "initcap"): FunctionDef =>
  fn(
    1,
    1,
    (args) => {
      const s = asText(args[0]);
      // Spark capitalizes the first letter of each space-separated word and lowers the rest.
      const ascii =
        name === "initcap"
          ? `array_to_string(list_transform(string_split(lower(${s}), ' '), lambda w: upper(w[1]) || w[2:]), ' ')`
          : `${name}(${s})`;
      return asciiOr(s, ascii, `tributary_${name}(${s})`);
    },
    str,
  );

/** A count argument clamped at 0 that stays null when null (DuckDB's greatest skips nulls). */
function nonNegative(sql: string): string {
  return `CASE WHEN ${sql} < 0 THEN 0 ELSE ${sql} END`;
}

const likeFn = (op: "LIKE" | "ILIKE"): FunctionDef =>
  fn(
    2,
    3,
    (args, ctx) => {
      const escapeChar = args.length === 3 ? ctx.literalString(2) : "\\";
      const pattern = args[1];
      if (pattern === undefined) throw new RangeError("argument missing");
      return likeSql(op, asText(args[0]), pattern, escapeChar);
    },
    bool,
  );

/** Spark's `trim(trimStr, str)` takes the characters first; `btrim(str, trimStr)` last. */
const trimFn = (name: "trim" | "ltrim" | "rtrim", charsFirst = true): FunctionDef =>
  fn(
    1,
    2,
    (args) => {
      if (args.length === 1) return `${name}(${asText(args[0])}, ' ')`;
      const [chars, text] = charsFirst ? [args[0], args[1]] : [args[1], args[0]];
      return `${name}(${asText(text)}, ${asText(chars)})`;
    },
    str,
  );

export const stringFunctions = {
  concat: fn(
    0,
    Number.POSITIVE_INFINITY,
    (args) => {
      if (args.length === 0) return "''";
      if (args.every((a) => a.type?.typeName === "array"))
        return `CASE WHEN ${args.map((a) => `${a.sql} IS NULL`).join(" OR ")} THEN NULL ELSE list_concat(${args.map((a) => a.sql).join(", ")}) END`;
      return `(${args.map(asText).join(" || ")})`;
    },
    (args) =>
      args.length > 0 && args.every((a) => a.type?.typeName === "array")
        ? args[0]?.type
        : StringType,
  ),
  concat_ws: fn(
    1,
    Number.POSITIVE_INFINITY,
    (args) => {
      const sep = sqlOf(args, 0);
      const parts = args
        .slice(1)
        .map((a) =>
          a.type?.typeName === "array"
            ? `NULLIF(array_to_string(list_filter(${a.sql}, lambda x: x IS NOT NULL), ${sep}), '')`
            : asText(a),
        );
      return parts.length === 0 ? "''" : `concat_ws(${sep}, ${parts.join(", ")})`;
    },
    str,
  ),
  upper: caseFn("upper"),
  ucase: caseFn("upper"),
  lower: caseFn("lower"),
  lcase: caseFn("lower"),
  initcap: caseFn("initcap"),
  trim: trimFn("trim"),
  btrim: trimFn("trim", false),
  ltrim: trimFn("ltrim"),
  rtrim: trimFn("rtrim"),
  substring: {
    ...fn(
      2,
      3,
      (args) => {
        const s = asText(args[0]);
        const pos = `CASE WHEN ${sqlOf(args, 1)} = 0 THEN 1 ELSE ${sqlOf(args, 1)} END`;
        if (args.length === 2) return `substring(${s}, ${pos})`;
        return `CASE WHEN ${sqlOf(args, 2)} < 1 AND ${s} IS NOT NULL AND ${sqlOf(args, 1)} IS NOT NULL THEN '' ELSE substring(${s}, ${pos}, ${sqlOf(args, 2)}) END`;
      },
      str,
    ),
    // Of a string: a string (of binary Spark gives binary, which DESCRIBE tells).
    exactType: (args) => args[0]?.type?.typeName === "string",
  },
  split: fn(
    2,
    3,
    (args, ctx) => {
      const limit = args.length === 3 ? ctx.literalInt(2) : -1;
      if (limit === 1)
        return `CASE WHEN ${asText(args[0])} IS NOT NULL THEN [${asText(args[0])}] END`;
      if (limit > 1) return splitLimitSql(asText(args[0]), sqlOf(args, 1), limit);
      return `regexp_split_to_array(${asText(args[0])}, ${sqlOf(args, 1)})`;
    },
    () => new ArrayType(StringType),
  ),
  regexp_replace: fn(
    3,
    4,
    (args, ctx) => {
      const repl =
        args[2]?.node.kind === "literal"
          ? quoteString(javaReplacement(ctx.literalString(2)))
          : sqlOf(args, 2);
      return `regexp_replace(${asText(args[0])}, ${sqlOf(args, 1)}, ${repl}, 'g')`;
    },
    str,
  ),
  // Spark's group index defaults to 1.
  regexp_extract: fn(
    2,
    3,
    (args) =>
      `regexp_extract(${asText(args[0])}, ${sqlOf(args, 1)}, ${args.length === 3 ? sqlOf(args, 2) : "1"})`,
    str,
  ),
  regexp_extract_all: fn(
    2,
    3,
    (args) =>
      `regexp_extract_all(${asText(args[0])}, ${sqlOf(args, 1)}, ${args.length === 3 ? sqlOf(args, 2) : "1"})`,
    () => new ArrayType(StringType),
  ),
  rlike: fn(2, 2, (args) => `regexp_matches(${asText(args[0])}, ${sqlOf(args, 1)})`, bool),
  regexp: fn(2, 2, (args) => `regexp_matches(${asText(args[0])}, ${sqlOf(args, 1)})`, bool),
  regexp_like: fn(2, 2, (args) => `regexp_matches(${asText(args[0])}, ${sqlOf(args, 1)})`, bool),
  like: likeFn("LIKE"),
  ilike: likeFn("ILIKE"),
  lpad: fn(2, 3, (args) => padSql("lpad", args), str),
  rpad: fn(2, 3, (args) => padSql("rpad", args), str),
  length: fn(
    1,
    1,
    (args) =>
      args[0]?.type?.typeName === "binary"
        ? `CAST(octet_length(${sqlOf(args, 0)}) AS INTEGER)`
        : `CAST(length(${asText(args[0])}) AS INTEGER)`,
    int,
  ),
  char_length: fn(1, 1, (args) => `CAST(length(${asText(args[0])}) AS INTEGER)`, int),
  character_length: fn(1, 1, (args) => `CAST(length(${asText(args[0])}) AS INTEGER)`, int),
  len: fn(1, 1, (args) => `CAST(length(${asText(args[0])}) AS INTEGER)`, int),
  octet_length: fn(
    1,
    1,
    (args) =>
      args[0]?.type?.typeName === "binary"
        ? `CAST(octet_length(${sqlOf(args, 0)}) AS INTEGER)`
        : `CAST(strlen(${asText(args[0])}) AS INTEGER)`,
    int,
  ),
  bit_length: fn(1, 1, (args) => `CAST(strlen(${asText(args[0])}) * 8 AS INTEGER)`, int),
  reverse: fn(
    1,
    1,
    (args) =>
      args[0]?.type?.typeName === "array"
        ? `list_reverse(${sqlOf(args, 0)})`
        : `reverse(${asText(args[0])})`,
    (args) => (args[0]?.type?.typeName === "array" ? args[0].type : StringType),
  ),
  repeat: fn(2, 2, (args) => `repeat(${asText(args[0])}, ${nonNegative(sqlOf(args, 1))})`, str),
  instr: fn(2, 2, (args) => `CAST(instr(${asText(args[0])}, ${asText(args[1])}) AS INTEGER)`, int),
  locate: fn(
    2,
    3,
    (args) => {
      const [sub, s] = [asText(args[0]), asText(args[1])];
      if (args.length === 2) return `CAST(instr(${s}, ${sub}) AS INTEGER)`;
      const pos = sqlOf(args, 2);
      // Spark: null when any argument is; 0 before position 1; an empty needle is found at 1.
      return `CAST(CASE WHEN ${sub} IS NULL OR ${s} IS NULL OR ${pos} IS NULL THEN NULL WHEN ${pos} < 1 THEN 0 WHEN ${sub} = '' THEN 1 WHEN instr(substring(${s}, ${pos}), ${sub}) = 0 THEN 0 ELSE instr(substring(${s}, ${pos}), ${sub}) + ${pos} - 1 END AS INTEGER)`;
    },
    int,
  ),
  position: fn(
    2,
    3,
    (args) => `CAST(instr(${asText(args[1])}, ${asText(args[0])}) AS INTEGER)`,
    int,
  ),
  translate: fn(
    3,
    3,
    (args) => `translate(${asText(args[0])}, ${asText(args[1])}, ${asText(args[2])})`,
    str,
  ),
  format_string: fn(1, Number.POSITIVE_INFINITY, formatStringSql, str),
  printf: fn(1, Number.POSITIVE_INFINITY, formatStringSql, str),
  ascii: fn(
    1,
    1,
    (args) =>
      `CAST(coalesce(nullif(ascii(${asText(args[0])}), 0), CASE WHEN ${asText(args[0])} IS NULL THEN NULL ELSE 0 END) AS INTEGER)`,
    int,
  ),
  base64: fn(
    1,
    1,
    (args) =>
      `to_base64(${args[0]?.type?.typeName === "binary" ? sqlOf(args, 0) : `encode(${asText(args[0])})`})`,
    str,
  ),
  left: fn(2, 2, (args) => `left(${asText(args[0])}, ${nonNegative(sqlOf(args, 1))})`, str),
  right: fn(2, 2, (args) => `right(${asText(args[0])}, ${nonNegative(sqlOf(args, 1))})`, str),
  replace: fn(
    2,
    3,
    (args) =>
      `replace(${asText(args[0])}, ${asText(args[1])}, ${args.length === 3 ? asText(args[2]) : "''"})`,
    str,
  ),
  startswith: fn(2, 2, (args) => `starts_with(${asText(args[0])}, ${asText(args[1])})`, bool),
  endswith: fn(2, 2, (args) => `ends_with(${asText(args[0])}, ${asText(args[1])})`, bool),
  contains: fn(2, 2, (args) => `contains(${asText(args[0])}, ${asText(args[1])})`, bool),
  levenshtein: fn(
    2,
    3,
    (args) =>
      args.length === 3
        ? `tributary_levenshtein_within(${asText(args[0])}, ${asText(args[1])}, ${sqlOf(args, 2)})`
        : asciiOr(
            `(${asText(args[0])} || ${asText(args[1])})`,
            `CAST(levenshtein(${asText(args[0])}, ${asText(args[1])}) AS INTEGER)`,
            `tributary_levenshtein(${asText(args[0])}, ${asText(args[1])})`,
          ),
    int,
  ),
  // Java's DecimalFormat: grouping commas, d decimals, HALF_EVEN on the exact value.
  format_number: fn(
    2,
    2,
    (args) => {
      const x = args[0];
      const d = `CAST(${sqlOf(args, 1)} AS INTEGER)`;
      const name = x?.type?.typeName;
      if (name === "double" || name === "float")
        return `tributary_format_number(CAST(${sqlOf(args, 0)} AS DOUBLE), ${d})`;
      return `tributary_format_number_text(CAST(${sqlOf(args, 0)} AS VARCHAR), ${d})`;
    },
    str,
  ),
  space: fn(1, 1, (args) => `repeat(' ', ${nonNegative(sqlOf(args, 0))})`, str),
  overlay: fn(
    3,
    4,
    (args) => {
      const [s, r, pos] = [asText(args[0]), asText(args[1]), sqlOf(args, 2)];
      const len = args.length === 4 ? sqlOf(args, 3) : `length(${r})`;
      return `(substring(${s}, 1, ${pos} - 1) || ${r} || substring(${s}, ${pos} + ${len}))`;
    },
    str,
  ),
  unbase64: fn(1, 1, (args) => `from_base64(${asText(args[0])})`, returns(BinaryType)),
} satisfies FamilyTable;
