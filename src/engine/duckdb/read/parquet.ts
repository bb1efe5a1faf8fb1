/**
 * Parquet sources: DuckDB's reader, with Hive partition columns when the layout has them.
 * Object-store files are read in place (httpfs range requests), after listing them.
 */

import { OptionsReader } from "../../../config/options-reader.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import { quoteString } from "../sql-quote.js";
import { describeSource } from "./describe.js";
import { dataFileError, fileFailure, withFileErrors } from "./file-errors.js";
import { expandLocations } from "./paths.js";
import type { ReadContext, ResolvedSource } from "./source.js";

export async function resolveParquet(node: ReadNode, ctx: ReadContext): Promise<ResolvedSource> {
  const options = new OptionsReader(node.options);
  const { files, hivePartitioned } = await expandLocations(
    node.paths,
    {
      recursive: options.bool("recursiveFileLookup", false),
      globFilter: options.get("pathGlobFilter"),
    },
    ctx.storage,
  );
  const list = `[${files.map(quoteString).join(", ")}]`;
  const hive = hivePartitioned ? ", hive_partitioning = true" : ", hive_partitioning = false";
  const merge = options.bool("mergeSchema", false) ? ", union_by_name = true" : "";
  const sql = `SELECT * FROM read_parquet(${list}${hive}${merge})`;
  const compiled = await withFileErrors(files, "Parquet", () => describeSource(ctx, node, sql));
  return {
    compiled,
    // A file deleted or damaged between resolution and the action.
    recover: async (_db, error) => {
      const f = fileFailure(error, files);
      if (f !== undefined) throw dataFileError(f, "Parquet", error);
      return false;
    },
  };
}
