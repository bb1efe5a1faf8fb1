/**
 * The one table of catalog names Spark spells differently. Every other catalog name is
 * Spark's registry name and passes through unchanged (as PySpark's Connect client sends it).
 * Keyed by `SparkFunctionName`, so a stale entry fails to compile.
 */
import { catalogName, type SparkFunctionName } from "../../../plan/functions/index.js";

export const SPARK_RENAMES = {
  // PySpark's builder name; Spark's registry calls it `map`.
  create_map: "map",
  bitwise_not: "~",
  extract: "date_part",
} as const satisfies Partial<Record<SparkFunctionName, string>>;

/** The name Spark's function registry knows for a plan call name. */
export function sparkFunctionName(name: string): string {
  const known = catalogName(name);
  if (known === undefined || !(known in SPARK_RENAMES)) return name;
  return SPARK_RENAMES[known as keyof typeof SPARK_RENAMES];
}
