/**
 * Streaming plans: a plan is streaming when it reads a `readStream` source. A micro-batch
 * runs the same plan with the streaming read replaced by a batch read of that batch's data
 * (keeping its planId, so columns pinned to the source still resolve). Only stateless
 * operators are allowed above a streaming read: each batch is computed on its own, so an
 * aggregate, a sort or a dedup would be per batch, not over the stream as Spark computes it.
 */
import { childrenOf, type RelationNode } from "../plan/node.js";
import { LocalRelationNode } from "../plan/relation/local-relation.js";
import { ReadNode } from "../plan/relation/read.js";
import { StreamingError } from "./errors.js";

/** The streaming reads in a plan, in plan order. */
export function streamingReads(plan: RelationNode): ReadNode[] {
  const out: ReadNode[] = [];
  const visit = (n: RelationNode): void => {
    if (n.kind === "read" && n.streaming === true) out.push(n);
    for (const c of childrenOf(n)) visit(c);
  };
  visit(plan);
  return out;
}

export function isStreamingPlan(plan: RelationNode): boolean {
  return streamingReads(plan).length > 0;
}

/** Spark's name for a source in plans and errors: `FileSource[dir]`, `DeltaSource[path]`. */
export function sourceName(read: ReadNode): string {
  const kind = read.format === "delta" ? "DeltaSource" : "FileSource";
  return `${kind}[${read.paths.join(", ")}]`;
}

/** The plan with `read` replaced; the replacement takes the read's planId. */
export function replaceRead(
  plan: RelationNode,
  read: ReadNode,
  replacement: RelationNode,
): RelationNode {
  if (plan === read) return Object.freeze({ ...replacement, planId: read.planId });
  switch (plan.kind) {
    case "read":
    case "localRelation":
    case "range":
      return plan;
    case "sql": {
      const views = Object.fromEntries(
        Object.entries(plan.views).map(([k, v]) => [k, replaceRead(v, read, replacement)]),
      );
      return Object.freeze({ ...plan, views });
    }
    case "join":
    case "setOp":
      return Object.freeze({
        ...plan,
        left: replaceRead(plan.left, read, replacement),
        right: replaceRead(plan.right, read, replacement),
      });
    default:
      return Object.freeze({ ...plan, input: replaceRead(plan.input, read, replacement) });
  }
}

/**
 * A batch plan with the same schema, for `df.schema` on a streaming DataFrame: a file
 * source becomes an empty relation of its schema, a Delta source the table as it is now.
 */
export function schemaPlan(plan: RelationNode): RelationNode {
  let out = plan;
  for (const read of streamingReads(plan)) {
    const batch =
      read.format !== "delta" && read.schema !== undefined
        ? LocalRelationNode.create(read.schema, [])
        : ReadNode.create(read.format, read.paths, read.options, read.schema);
    out = replaceRead(out, read, batch);
  }
  return out;
}

/** Operators whose result over a stream needs state kept across batches: Spark's messages. */
const STATEFUL: Readonly<Partial<Record<RelationNode["kind"], string>>> = {
  aggregate:
    "[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: append. This output mode is not supported for streaming aggregations without watermark on streaming DataFrames/DataSets. SQLSTATE: 42KDE",
  sort: "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode",
  deduplicate:
    "dropDuplicates / distinct on a streaming DataFrame needs state across micro-batches",
  limit: "limit on a streaming DataFrame needs state across micro-batches",
  offset: "offset on a streaming DataFrame needs state across micro-batches",
  sample: "sample on a streaming DataFrame is not supported",
  statSummary: "describe / summary on a streaming DataFrame needs state across micro-batches",
};

/**
 * Refuses what the micro-batch runner cannot compute as Spark does: stateful operators over
 * the stream, or more than one streaming source.
 */
export function checkStreamable(plan: RelationNode): ReadNode {
  const reads = streamingReads(plan);
  const [source] = reads;
  if (source === undefined) {
    throw new StreamingError(
      "STREAMING_UNSUPPORTED_OPERATION",
      "writeStream needs a streaming DataFrame (one from spark.readStream).",
      { hint: "Build the DataFrame with spark.readStream...load(path); use df.write for a batch." },
    );
  }
  if (reads.length > 1) {
    throw new StreamingError(
      "STREAMING_UNSUPPORTED_OPERATION",
      `A streaming query reads one streaming source here; this one reads ${reads.length}: ${reads.map(sourceName).join(", ")}.`,
      { hint: "Run one query per source, each into the sink (appends to a Delta table commute)." },
    );
  }
  const visit = (n: RelationNode): void => {
    const what = STATEFUL[n.kind];
    if (what !== undefined && isStreamingPlan(n)) {
      throw new StreamingError("STREAMING_UNSUPPORTED_OPERATION", what, {
        hint: "Do it per batch in foreachBatch((df, batchId) => ...), or on the sink table in a batch job.",
      });
    }
    for (const c of childrenOf(n)) visit(c);
  };
  visit(plan);
  return source;
}
