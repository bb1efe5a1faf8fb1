/**
 * Dispatches a read to its format's resolver. A read of object-store CSV or JSON files gets
 * a mirror of local copies (object-mirror.ts), and its errors and metrics name the original
 * locations.
 */
import { join } from "node:path";
import { UnsupportedOperationError } from "../../../errors.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import { isObjectStoreLocation } from "../../../storage/location.js";
import type { DuckDBSession } from "../connection.js";
import { resolveCsv } from "./csv.js";
import { resolveJson } from "./json.js";
import { ObjectMirror } from "./object-mirror.js";
import { resolveParquet } from "./parquet.js";
import type { ReadContext, ResolvedSource } from "./source.js";

type Resolver = (node: ReadNode, ctx: ReadContext) => Promise<ResolvedSource>;

const resolvers: Readonly<Record<string, Resolver>> = {
  parquet: resolveParquet,
  csv: resolveCsv,
  json: resolveJson,
};

export async function resolveRead(node: ReadNode, ctx: ReadContext): Promise<ResolvedSource> {
  const resolver = resolvers[node.format];
  if (resolver === undefined) {
    throw new UnsupportedOperationError(
      "duckdb",
      `format("${node.format}")`,
      `The DuckDB engine cannot read format "${node.format}".`,
      {
        hint: `Supported formats: ${Object.keys(resolvers).join(", ")}.`,
      },
    );
  }
  const copied = node.format !== "parquet" && node.paths.some(isObjectStoreLocation);
  if (!copied || ctx.storage === undefined) return resolver(node, ctx);
  const mirror = new ObjectMirror(join(ctx.scratchDir, `read-${node.planId}`), ctx.storage);
  try {
    return mirrored(await resolver(node, { ...ctx, mirror }), mirror);
  } catch (e) {
    throw mirror.restore(e);
  }
}

/** The source with the original locations in its errors and metrics. */
function mirrored(source: ResolvedSource, mirror: ObjectMirror): ResolvedSource {
  const { before, after, recover } = source;
  const restoring =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        throw mirror.restore(e);
      }
    };
  return {
    compiled: source.compiled,
    ...(before === undefined ? {} : { before: restoring(before.bind(source)) }),
    ...(recover === undefined ? {} : { recover: restoring(recover.bind(source)) }),
    ...(after === undefined
      ? {}
      : {
          after: restoring(async (db: DuckDBSession, rows?: number) => {
            const m = await after.call(source, db, rows);
            return {
              ...m,
              sample: m.sample.map((r) => ({ ...r, file: mirror.restoreText(r.file) })),
            };
          }),
        }),
  };
}

export type { ReadContext, ResolvedSource } from "./source.js";
