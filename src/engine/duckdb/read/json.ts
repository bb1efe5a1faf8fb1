/**
 * JSON sources with Spark's options and meanings: JSON Lines by default, whole-file JSON
 * with `multiLine` (the first value of each file: an array of records or one record), and
 * partition columns from `key=value` directories. The schema is the user's or inferred as
 * Spark infers it; reads go through the fast or the exact plan (json-strategy.ts), and
 * malformed records are handled and counted as guarded.ts describes.
 */

import { OptionsReader } from "../../../config/options-reader.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import { StructType } from "../../../types/data-types.js";
import { NameAllocator, type OutCol } from "../compiler/scope.js";
import { corruptOnlySql } from "./corrupt-only.js";
import { emptySource } from "./empty.js";
import { GuardedSource } from "./guarded.js";
import { inferJsonSchema } from "./json-infer.js";
import { parseJsonOptions } from "./json-options.js";
import { JsonStrategy } from "./json-strategy.js";
import { malformedOptions } from "./modes.js";
import { discoverPartitions, withPartitions } from "./partitions.js";
import { expandLocations } from "./paths.js";
import type { ReadContext, ResolvedSource } from "./source.js";

/** Resolves `spark.read.json(...)`. */
export async function resolveJson(node: ReadNode, ctx: ReadContext): Promise<ResolvedSource> {
  const options = new OptionsReader(node.options);
  const json = parseJsonOptions(options);
  const malformed = malformedOptions(options, node.schema);
  const listed = await expandLocations(
    node.paths,
    {
      recursive: options.bool("recursiveFileLookup", false),
      globFilter: options.get("pathGlobFilter"),
    },
    ctx.storage,
  );
  const mirror = ctx.mirror;
  const files = mirror === undefined ? listed.files : await mirror.fetch(listed.files);
  // Partition directories are found between the read paths and the files, on the copies too.
  const bases = mirror === undefined ? node.paths : node.paths.map((p) => mirror.pathOf(p));
  const partitions = listed.hivePartitioned ? discoverPartitions(bases, files) : [];
  const inferred =
    node.schema === undefined ? await inferJsonSchema(ctx.db, files, json, malformed) : undefined;
  const dataSchema = node.schema ?? inferred?.schema ?? new StructType([]);
  const schema = new StructType(withPartitions(dataSchema, partitions));
  if (schema.fields.length === 0 && node.schema === undefined) return emptySource();
  const allocator = new NameAllocator();
  const outNames = schema.fields.map((f) => allocator.allocate(f.name));
  const strategy = new JsonStrategy({
    planId: node.planId,
    paths: node.paths,
    files,
    schema,
    outNames,
    options: json,
    malformed,
    partitions,
    fastReadable: json.nativeReadable && inferred?.widened !== true,
    userSchema: node.schema !== undefined,
    scratchDir: ctx.scratchDir,
  });
  const view = `__tributary_read_${node.planId}`;
  await GuardedSource.install(ctx.db, view, strategy.fastSql);
  const corrupt = schema.fields.findIndex((f) => f.name === malformed.corruptColumn);
  const sql = corruptOnlySql(
    view,
    dataSchema.fields.map((f) => f.name),
    malformed.corruptColumn,
    outNames[corrupt] ?? malformed.corruptColumn,
  );
  const described = await ctx.db.describe(sql);
  const columns: OutCol[] = schema.fields.map((f, i) => ({
    name: f.name,
    sqlName: outNames[i] ?? f.name,
    dataType: described[i]?.dataType ?? f.dataType,
    qualifiers: [],
    planIds: [node.planId],
  }));
  return new GuardedSource(strategy, ctx, view, { sql, columns });
}
