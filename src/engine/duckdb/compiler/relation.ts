/**
 * Relation nodes -> DuckDB SQL, one SELECT per node over its inputs' SQL. The dispatch table
 * is exhaustive over the relation kinds, so a new node does not compile until it is handled.
 */
import { AnalysisError } from "../../../errors.js";
import type { RelationNode } from "../../../plan/node.js";
import { quoteIdent } from "../sql-quote.js";
import { compileAggregate } from "./relation-aggregate.js";
import { compileJoin } from "./relation-join.js";
import { compileNaDrop, compileNaFill, compileNaReplace } from "./relation-na.js";
import {
  compileDrop,
  compileProject,
  compileRenamed,
  compileToDF,
  compileWithColumns,
} from "./relation-project.js";
import { compileSetOp } from "./relation-set-op.js";
import {
  compileDeduplicate,
  compileFilter,
  compileLimit,
  compileOffset,
  compilePassThrough,
  compileSample,
  compileSort,
  compileSubqueryAlias,
} from "./relation-simple.js";
import { compileLocalRelation, compileRange } from "./relation-source.js";
import { compileStatSummary } from "./relation-summary.js";
import { compileToJson } from "./relation-to-json.js";
import type { CompiledRelation, RelationContext } from "./relation-types.js";
import { compileUnpivot } from "./relation-unpivot.js";

type Handler<K extends RelationNode["kind"]> = (
  node: Extract<RelationNode, { kind: K }>,
  inputs: readonly CompiledRelation[],
  ctx: RelationContext,
) => CompiledRelation;

function first(inputs: readonly CompiledRelation[]): CompiledRelation {
  const i = inputs[0];
  if (i === undefined) throw new Error("relation input missing");
  return i;
}

function second(inputs: readonly CompiledRelation[]): CompiledRelation {
  const i = inputs[1];
  if (i === undefined) throw new Error("relation input missing");
  return i;
}

const handlers: { [K in RelationNode["kind"]]: Handler<K> } = {
  read: (node, _inputs, ctx) => {
    // A readStream source only runs inside a streaming query, one micro-batch at a time.
    if (node.streaming === true) throw streamingSourceInBatch(node.format, node.paths);
    return ctx.source(node);
  },
  sql: (node, _inputs, ctx) => ctx.source(node),
  localRelation: (node) => compileLocalRelation(node),
  range: (node) => compileRange(node),
  project: (node, inputs, ctx) => compileProject(node, first(inputs), ctx),
  filter: (node, inputs, ctx) => compileFilter(node, first(inputs), ctx),
  withColumns: (node, inputs, ctx) => compileWithColumns(node, first(inputs), ctx),
  withColumnsRenamed: (node, inputs) => compileRenamed(node, first(inputs)),
  drop: (node, inputs) => compileDrop(node, first(inputs)),
  aggregate: (node, inputs, ctx) => compileAggregate(node, first(inputs), ctx),
  join: (node, inputs, ctx) => compileJoin(node, first(inputs), second(inputs), ctx),
  sort: (node, inputs, ctx) => compileSort(node, first(inputs), ctx),
  limit: (node, inputs) => compileLimit(node, first(inputs)),
  offset: (node, inputs) => compileOffset(node, first(inputs)),
  deduplicate: (node, inputs) => compileDeduplicate(node, first(inputs)),
  setOp: (node, inputs, ctx) => compileSetOp(node, first(inputs), second(inputs), ctx),
  subqueryAlias: (node, inputs) => compileSubqueryAlias(node, first(inputs)),
  naFill: (node, inputs) => compileNaFill(node, first(inputs)),
  naDrop: (node, inputs) => compileNaDrop(node, first(inputs)),
  naReplace: (node, inputs) => compileNaReplace(node, first(inputs)),
  toDF: (node, inputs) => compileToDF(node, first(inputs)),
  sample: (node, inputs) => compileSample(node, first(inputs)),
  statSummary: (node, inputs, ctx) => compileStatSummary(node, first(inputs), ctx),
  repartition: (node, inputs, ctx) => compilePassThrough(node, first(inputs), ctx),
  hint: (node, inputs, ctx) => compilePassThrough(node, first(inputs), ctx),
  unpivot: (node, inputs, ctx) => compileUnpivot(node, first(inputs), ctx),
  toJson: (node, inputs) => compileToJson(node, first(inputs)),
};

/** Spark's error for a batch action on a plan with a readStream source. */
export function streamingSourceInBatch(format: string, paths: readonly string[]): AnalysisError {
  const source = `${format === "delta" ? "DeltaSource" : "FileSource"}[${paths.join(", ")}]`;
  return new AnalysisError(
    "QUERIES_WITH_STREAMING_SOURCES",
    `Queries with streaming sources must be executed with writeStream.start();\n${source}`,
    {
      hint: "Run it with df.writeStream...start(), or read the same data with spark.read for a batch.",
    },
  );
}

/** Compiles one relation given its inputs, already compiled (children first). */
export function compileRelation(
  node: RelationNode,
  inputs: readonly CompiledRelation[],
  ctx: RelationContext,
): CompiledRelation {
  const handler = handlers[node.kind] as Handler<RelationNode["kind"]>;
  return handler(node as never, inputs, ctx);
}

/** The final SELECT a user sees: internal SQL names renamed back to Spark's column names. */
export function finalSql(rel: CompiledRelation): string {
  if (rel.columns.every((c) => c.sqlName === c.name)) return rel.sql;
  const list = rel.columns
    .map((c) => `${quoteIdent(c.sqlName)} AS ${quoteIdent(c.name)}`)
    .join(", ");
  return `SELECT ${list} FROM (${rel.sql}) AS "result"`;
}
