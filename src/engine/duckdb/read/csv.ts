/** CSV sources (first cut: header, sep, inferSchema, user schema). */
import type { ReadNode } from "../../../plan/relation/read.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { describeSource } from "./describe.js";
import { ReaderOptions } from "./options.js";
import { expandPaths } from "./paths.js";
import type { ReadContext, ResolvedSource } from "./source.js";

export async function resolveCsv(node: ReadNode, ctx: ReadContext): Promise<ResolvedSource> {
  const options = new ReaderOptions(node.options);
  const { files } = expandPaths(node.paths, {
    recursive: options.bool("recursiveFileLookup", false),
    globFilter: options.get("pathGlobFilter"),
  });
  const list = `[${files.map(quoteString).join(", ")}]`;
  const parts = [`header = ${options.bool("header", false)}`, `delim = ${quoteString(options.get("sep") ?? options.get("delimiter") ?? ",")}`];
  if (node.schema !== undefined) {
    const cols = node.schema.fields.map((f) => `${quoteString(f.name)}: ${quoteString(toDuckDBType(f.dataType))}`);
    parts.push(`columns = {${cols.join(", ")}}`, "auto_detect = false");
  } else if (!options.bool("inferSchema", false)) {
    parts.push("all_varchar = true");
  }
  const sql = `SELECT * FROM read_csv(${list}, ${parts.join(", ")})`;
  void quoteIdent;
  return { compiled: await describeSource(ctx, node, sql) };
}
