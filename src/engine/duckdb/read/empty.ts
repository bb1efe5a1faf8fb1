/**
 * A read of input that holds no record and no schema (an empty or blank-only CSV or JSON
 * file without `.schema(...)`): Spark answers a DataFrame with no columns and no rows.
 */
import type { ResolvedSource } from "./source.js";

export function emptySource(): ResolvedSource {
  // DuckDB has no zero-column relation: one placeholder column that no plan column names.
  return { compiled: { sql: "SELECT NULL AS __no_columns WHERE FALSE", columns: [] } };
}
