/**
 * The only place that turns names and values into DuckDB SQL text. Every identifier and
 * every literal that reaches generated SQL goes through here, so user data always
 * travels as data: identifiers are double-quoted with `"` doubled, strings single-quoted
 * with `'` doubled. DuckDB string literals treat backslashes literally and have no other
 * escapes, so nothing else needs escaping; a NUL character cannot live in a DuckDB
 * literal, so it is spliced in with `chr(0)`.
 */

import { UnsupportedOperationError } from "../../errors.js";

/**
 * `"name"`, with embedded quotes doubled. DuckDB has no spelling for an empty name or one
 * holding a NUL character (Spark accepts both), so such a name is refused here, by name.
 */
export function quoteIdent(name: string): string {
  if (name === "" || name.includes("\u0000")) {
    const shown = JSON.stringify(name);
    throw new UnsupportedOperationError(
      "duckdb",
      `column name ${shown}`,
      `The DuckDB engine cannot use the column name ${shown}: ${name === "" ? "it is empty" : "it contains a NUL character"}.`,
      {
        hint: "Rename the column (withColumnRenamed, alias, or the schema / CSV header it came from) to a non-empty name without NUL characters; Spark itself accepts such names.",
        context: { column: name },
      },
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'`, with embedded quotes doubled (NUL characters through `chr(0)`). */
export function quoteString(text: string): string {
  if (!text.includes("\u0000")) return `'${text.replaceAll("'", "''")}'`;
  const parts = text.split("\u0000").map((p) => `'${p.replaceAll("'", "''")}'`);
  return `(${parts.join(" || chr(0) || ")})`;
}

/** A dotted path of identifiers (`"q"."col"`). */
export function quotePath(...names: string[]): string {
  return names.map(quoteIdent).join(".");
}

/** A `key = value` option list for DuckDB table functions and COPY, values already SQL. */
export function optionList(options: Readonly<Record<string, string>>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
