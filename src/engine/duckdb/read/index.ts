/** Dispatches a read to its format's resolver. */
import { UnsupportedOperationError } from "../../../errors.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import { resolveCsv } from "./csv.js";
import { resolveJson } from "./json.js";
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
  return resolver(node, ctx);
}

export type { ReadContext, ResolvedSource } from "./source.js";
