/**
 * Spark's string look-up functions that DuckDB has no twin for: `find_in_set`,
 * `substring_index`, `chr` and `soundex` (Spark's byte-wise American Soundex, which leaves a
 * string not starting with an ASCII letter unchanged).
 */
import { IntegerType, StringType } from "../../../types/data-types.js";
import { quoteString } from "../sql-quote.js";
import { asText } from "./strings.js";
import { type FamilyTable, returns, sqlOf } from "./types.js";

const anyNull = (...sql: string[]): string => sql.map((s) => `${s} IS NULL`).join(" OR ");

/** Letter codes A..Z; 0 for vowels (they separate equal codes), 7 for H and W (they do not). */
const SOUNDEX_CODES = "01230127022455012623017202";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function soundexSql(s: string): string {
  const letters = `upper(regexp_replace(${s}, '[^A-Za-z]', '', 'g'))`;
  const code = (t: string): string =>
    `translate(${t}, ${quoteString(LETTERS)}, ${quoteString(SOUNDEX_CODES)})`;
  // The first letter's code, then the others' without H and W: a code is kept when it is
  // not 0 and differs from the one before it.
  const c = `(${code(`upper(${s}[1])`)} || replace(${code(`${letters}[2:]`)}, '7', ''))`;
  const kept = `array_to_string(list_transform(range(2, length(${c}) + 1), lambda i: CASE WHEN ${c}[i] <> '0' AND ${c}[i] <> ${c}[i - 1] THEN ${c}[i] ELSE '' END), '')`;
  return `CASE WHEN NOT regexp_matches(${s}, '^[A-Za-z]') THEN ${s} ELSE upper(${s}[1]) || rpad(left(${kept}, 3), 3, '0') END`;
}

export const stringLookupFunctions = {
  find_in_set: {
    minArgs: 2,
    compile: (args) => {
      const [s, list] = [asText(args[0]), asText(args[1])];
      return `CASE WHEN ${anyNull(s, list)} THEN NULL WHEN contains(${s}, ',') THEN 0 ELSE CAST(coalesce(list_position(string_split(${list}, ','), ${s}), 0) AS INTEGER) END`;
    },
    returnType: returns(IntegerType),
  },
  substring_index: {
    minArgs: 3,
    compile: (args) => {
      const [s, delim, n] = [asText(args[0]), asText(args[1]), sqlOf(args, 2)];
      const parts = `string_split(${s}, ${delim})`;
      return `CASE WHEN ${anyNull(s, delim, n)} THEN NULL WHEN ${n} = 0 OR ${delim} = '' THEN '' WHEN ${n} > 0 THEN array_to_string(${parts}[1:${n}], ${delim}) ELSE array_to_string(${parts}[${n}:], ${delim}) END`;
    },
    returnType: returns(StringType),
  },
  // Spark takes the code modulo 256 and gives "" for a negative one.
  chr: {
    minArgs: 1,
    compile: (args) => {
      const n = `CAST(${sqlOf(args, 0)} AS BIGINT)`;
      return `CASE WHEN ${n} < 0 THEN '' ELSE chr(CAST(${n} % 256 AS INTEGER)) END`;
    },
    returnType: returns(StringType),
  },
  soundex: {
    minArgs: 1,
    compile: (args) => soundexSql(asText(args[0])),
    returnType: returns(StringType),
  },
} satisfies FamilyTable;
