import type { StructType } from "../../types/data-types.js";
import { nextPlanId } from "../plan-id.js";

/**
 * A data source: `format` (csv, parquet, json, delta...), the paths as given, an optional
 * user schema, and the reader options with Spark's names (keys compared case-insensitively).
 */
export interface ReadNode {
  readonly kind: "read";
  readonly planId: number;
  readonly format: string;
  readonly paths: readonly string[];
  readonly schema: StructType | undefined;
  readonly options: Readonly<Record<string, string>>;
}

export const ReadNode = {
  create(
    format: string,
    paths: readonly string[],
    options: Readonly<Record<string, string>>,
    schema?: StructType,
  ): ReadNode {
    return Object.freeze({
      kind: "read",
      planId: nextPlanId(),
      format: format.toLowerCase(),
      paths: Object.freeze([...paths]),
      schema,
      options: Object.freeze({ ...options }),
    });
  },
};
