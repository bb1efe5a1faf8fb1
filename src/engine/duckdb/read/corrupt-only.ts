/**
 * Spark refuses a query of a CSV or JSON file whose only column read from the file is the
 * corrupt-record column (UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN): that column
 * is filled while parsing the other ones, so on its own it has nothing to say. Spark decides
 * on the columns a query uses; here that column fails when it is evaluated, and DuckDB leaves
 * unused columns unevaluated, so `count()` still works, as in Spark.
 */
import { raiseSql, text } from "../runtime-errors.js";
import { quoteIdent } from "../sql-quote.js";

const MESSAGE =
  "The feature is not supported: Queries from raw JSON/CSV/XML files are disallowed when the referenced columns only include the internal corrupt record column (named `_corrupt_record` by default). Cache or save the parsed results, then send the same query.";

/**
 * `SELECT * FROM view`, with the corrupt-record column raising Spark's error when the data
 * columns (`dataNames`, partition columns excluded) are that column alone.
 */
export function corruptOnlySql(
  view: string,
  dataNames: readonly string[],
  corruptName: string,
  corruptSqlName: string,
): string {
  const plain = `SELECT * FROM ${quoteIdent(view)}`;
  if (dataNames.length !== 1 || dataNames[0] !== corruptName) return plain;
  const col = quoteIdent(corruptSqlName);
  // The row's own value in the message keeps DuckDB from folding the error into a constant.
  const raise = raiseSql(
    "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN",
    text(MESSAGE),
    `left(coalesce(${col}, ''), 0)`,
  );
  return `SELECT * REPLACE (CAST(${raise} AS VARCHAR) AS ${col}) FROM ${quoteIdent(view)}`;
}
