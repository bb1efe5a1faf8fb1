/** `array_sort` with a comparator lambda, which DuckDB's list_sort cannot take. */
import { AnalysisError } from "../../../errors.js";
import { raiseSql, text } from "../runtime-errors.js";
import { quoteIdent } from "../sql-quote.js";
import type { FnArg } from "./types.js";

/**
 * `array_sort(arr, (l, r) -> ...)`: a stable sort by the comparator (negative: l first), as
 * Spark's. DuckDB sorts by no lambda, so each element's rank is counted (the elements that
 * sort before it, ties broken by position) and the elements are put in rank order: n²
 * comparisons. A comparator returning NULL fails (COMPARATOR_RETURNS_NULL), as in Spark.
 */
export function comparatorSortSql(arr: string, comparator: FnArg | undefined): string {
  const node = comparator?.node;
  if (comparator === undefined || node?.kind !== "lambda" || node.params.length !== 2)
    throw new AnalysisError(
      "INVALID_LAMBDA_FUNCTION_CALL",
      "array_sort takes a comparator with two parameters: (left, right) -> int.",
      { hint: "Return a negative number when left sorts first, 0 when equal, else positive." },
    );
  const [l, r] = node.params.map(quoteIdent);
  const prefix = `lambda ${l}, ${r}: `;
  if (!comparator.sql.startsWith(prefix))
    throw new RangeError(`unexpected lambda SQL: ${comparator.sql}`);
  const body = comparator.sql.slice(prefix.length);
  const compare = (a: string, b: string): string =>
    `list_transform([${a}], lambda ${l}: list_transform([${b}], lambda ${r}: ${body})[1])[1]`;
  const cmp = compare(`${arr}[__j]`, `${arr}[__i]`);
  const fail = raiseSql(
    "COMPARATOR_RETURNS_NULL",
    text("The comparator has returned a NULL for a comparison between "),
    `coalesce(CAST(${arr}[__j] AS VARCHAR), 'NULL')`,
    text(" and "),
    `coalesce(CAST(${arr}[__i] AS VARCHAR), 'NULL')`,
    text("."),
  );
  const before = `CASE WHEN __j = __i THEN FALSE WHEN ${cmp} IS NULL THEN ${fail} ELSE ${cmp} < 0 OR (${cmp} = 0 AND __j < __i) END`;
  const rank = `len(list_filter(range(1, len(${arr}) + 1), lambda __j: ${before}))`;
  const ranked = `list_sort(list_transform(range(1, len(${arr}) + 1), lambda __i: [${rank}, __i]))`;
  return `CASE WHEN ${arr} IS NULL THEN NULL ELSE list_transform(${ranked}, lambda __p: ${arr}[__p[2]]) END`;
}
