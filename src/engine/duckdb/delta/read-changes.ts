/**
 * A change data feed read on DuckDB (`readChangeFeed`): the kernel plans which files of which
 * commits hold which changes (delta/changes); this turns each group into one `read_parquet`
 * over its files, with partition values from the log, the rows a deletion vector selects
 * (anti- or semi-joined on the row position), and the three feed columns, all in UNION ALL.
 */
import { createHash } from "node:crypto";
import { parseBoolean } from "../../../config/boolean.js";
import { OptionsReader } from "../../../config/options-reader.js";
import {
  type ChangeFile,
  type ChangeGroup,
  type ChangeScan,
  planChanges,
} from "../../../delta/changes/change-scan.js";
import type { ChangeRangeOptions } from "../../../delta/changes/range.js";
import { CHANGE_TYPE_COLUMN } from "../../../delta/operations/change-data.js";
import { IllegalArgumentError } from "../../../errors.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import { LongType, StringType, TimestampType } from "../../../types/data-types.js";
import type { ReadMetrics } from "../../engine.js";
import { NameAllocator, type OutCol } from "../compiler/scope.js";
import type { ResolvedSource } from "../read/source.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { renameNested } from "./nested-names.js";
import { type DeltaReadContext, deltaFileErrorOf, partitionLiteral, resolveDelta } from "./read.js";

const FILE = "__tributary_change_file";
/** The columns a change feed adds after the table's, as delta-spark names and types them. */
export const CHANGE_COLUMNS = [
  { name: CHANGE_TYPE_COLUMN, dataType: StringType },
  { name: "_commit_version", dataType: LongType },
  { name: "_commit_timestamp", dataType: TimestampType },
] as const;

function rangeOptions(node: ReadNode): ChangeRangeOptions {
  const o = new OptionsReader(node.options);
  const pick = (k: string): Record<string, string> => {
    const v = o.get(k);
    return v === undefined ? {} : { [k]: v };
  };
  return {
    ...pick("startingVersion"),
    ...pick("endingVersion"),
    ...pick("startingTimestamp"),
    ...pick("endingTimestamp"),
  };
}

/** Splits a group's files by how their rows are selected (one query shape each). */
function byselection(group: ChangeGroup): ChangeFile[][] {
  const out = new Map<string, ChangeFile[]>();
  for (const f of group.files) {
    const list = out.get(f.rows.kind) ?? [];
    out.set(f.rows.kind, list);
    list.push(f);
  }
  return [...out.values()];
}

async function groupSql(
  ctx: DeltaReadContext,
  changes: ChangeScan,
  group: ChangeGroup,
  files: readonly ChangeFile[],
): Promise<string> {
  const kind = files[0]?.rows.kind ?? "all";
  const paths = files.map((f) => f.location);
  const rowNumbers = kind === "all" ? "" : ", file_row_number = true";
  const read = `read_parquet([${paths.map(quoteString).join(", ")}], union_by_name = true, hive_partitioning = false, filename = ${quoteString(FILE)}${rowNumbers})`;
  let described: Awaited<ReturnType<DeltaReadContext["db"]["describe"]>>;
  try {
    described = await ctx.db.describe(`SELECT * FROM ${read}`);
  } catch (e) {
    throw deltaFileErrorOf(e, paths, changes.table) ?? e;
  }
  const present = new Set(described.map((c) => c.name.toLowerCase()));
  let source = `SELECT * FROM ${read}`;
  if (kind !== "all") {
    const key = createHash("sha1")
      .update(JSON.stringify([changes.table.tableLocation, group.version, group.changeType, files]))
      .digest("hex")
      .slice(0, 16);
    const name = `__tributary_cdf_${key}`;
    await ctx.db.rowPositions(name, async () =>
      files.map((f, file) => ({ file, rows: f.rows.kind === "all" ? [] : f.rows.positions })),
    );
    const join = kind === "except" ? "ANTI JOIN" : "SEMI JOIN";
    source = `SELECT * FROM ${read} AS "r" ${join} (SELECT "file", "row" FROM ${quoteIdent(name)}) AS "dv" ON "r"."file_index" = "dv"."file" AND "r"."file_row_number" = "dv"."row"`;
  }
  const mapped = changes.table.columnMappingMode !== "none";
  const select = changes.table.columns.map((c) => {
    const type = toDuckDBType(c.field.dataType);
    if (c.isPartition) return `CAST("p".${quoteIdent(c.field.name)} AS ${type})`;
    if (!present.has(c.physicalName.toLowerCase())) return `CAST(NULL AS ${type})`;
    const value = `"d".${quoteIdent(c.physicalName)}`;
    return `CAST(${mapped ? renameNested(value, c.field.dataType, c.physicalType) : value} AS ${type})`;
  });
  select.push(
    group.changeType === "recorded"
      ? `CAST("d".${quoteIdent(CHANGE_TYPE_COLUMN)} AS VARCHAR)`
      : quoteString(group.changeType),
    `CAST(${group.version} AS BIGINT)`,
    // The commit time is UTC milliseconds; Spark's timestamp is an instant (TIMESTAMPTZ).
    `timezone('UTC', make_timestamp(CAST(${Math.trunc(group.timestamp)} AS BIGINT) * 1000))`,
  );
  const partitionNames = changes.table.columns.filter((c) => c.isPartition);
  if (partitionNames.length === 0) return `SELECT ${select.join(", ")} FROM (${source}) AS "d"`;
  const rows = files.map((f) => {
    const values = f.partitionValues.map((v) => partitionLiteral(v.value, v.dataType));
    return `(${[quoteString(f.location), ...values].join(", ")})`;
  });
  const pcols = [FILE, ...(files[0]?.partitionValues.map((v) => v.name) ?? [])]
    .map(quoteIdent)
    .join(", ");
  return `SELECT ${select.join(", ")} FROM (${source}) AS "d" JOIN (VALUES ${rows.join(", ")}) AS "p"(${pcols}) ON "d".${quoteIdent(FILE)} = "p".${quoteIdent(FILE)}`;
}

/** Resolves a `readChangeFeed` read of a Delta table. */
export async function resolveChanges(
  node: ReadNode,
  ctx: DeltaReadContext,
): Promise<ResolvedSource> {
  if (node.paths.length !== 1)
    throw new IllegalArgumentError(
      `A Delta table is read from one path, got ${node.paths.length}.`,
    );
  const changes = await planChanges(ctx.delta, node.paths[0] ?? "", rangeOptions(node));
  const names = new NameAllocator();
  const fields = [
    ...changes.table.columns.map((c) => ({ name: c.field.name, dataType: c.field.dataType })),
    ...CHANGE_COLUMNS,
  ];
  const columns: OutCol[] = fields.map((f) => ({
    name: f.name,
    sqlName: names.allocate(f.name),
    dataType: f.dataType,
    qualifiers: [],
    planIds: [node.planId],
  }));
  const parts: string[] = [];
  for (const group of changes.groups)
    for (const files of byselection(group)) parts.push(await groupSql(ctx, changes, group, files));
  const aliases = columns.map((c) => quoteIdent(c.sqlName));
  const body =
    parts.length === 0
      ? `SELECT ${columns.map((c) => `CAST(NULL AS ${toDuckDBType(c.dataType ?? StringType)})`).join(", ")} WHERE FALSE`
      : parts.map((p) => `(${p})`).join(" UNION ALL ");
  const sql = `SELECT * FROM (${body}) AS "changes"(${aliases.join(", ")})`;
  const metrics: ReadMetrics = {
    format: "delta",
    paths: node.paths,
    rowsRead: 0,
    rowsRejected: 0,
    badRecordsFile: undefined,
    sample: [],
    filesRead: changes.groups.reduce((n, g) => n + g.files.length, 0),
    filesSkipped: 0,
    version: changes.range.end,
  };
  return { compiled: { sql, columns }, after: async () => metrics };
}

/** A Delta read: the change feed with `readChangeFeed`, else the table at a version. */
export async function resolveDeltaSource(
  node: ReadNode,
  ctx: DeltaReadContext,
): Promise<ResolvedSource> {
  const feed = new OptionsReader(node.options).get("readChangeFeed");
  if (feed !== undefined && parseBoolean("readChangeFeed", feed))
    return resolveChanges(node, { ...ctx, filters: [] });
  return resolveDelta(node, ctx);
}
