/**
 * Per-file statistics (PROTOCOL.md, "Per-file Statistics"): `numRecords`, and for the first
 * `delta.dataSkippingNumIndexedCols` (default 32) leaf columns `minValues`, `maxValues`,
 * `nullCount`, mirroring the schema. 64-bit integers and decimals are written from their
 * exact text (a JS number would round them); timestamps are truncated to milliseconds, as
 * the protocol says; strings longer than 32 characters keep a 32-character prefix as their
 * minimum and no maximum (a truncated maximum would be too small).
 */
import type { ColumnStats } from "../../engine/engine.js";
import type { DataType, StructType } from "../../types/data-types.js";
import { toIsoUtc } from "./partition-values.js";

const STRING_PREFIX = 32;

/** A JSON value whose text is already exact (numbers from the engine's text). */
class Raw {
  constructor(readonly text: string) {}
}

type Tree = { [key: string]: Tree | Raw | string | number };

function leafValue(text: unknown, type: DataType, which: "min" | "max"): Raw | string | undefined {
  if (text === null || text === undefined) return undefined;
  const s = String(text);
  switch (type.typeName) {
    case "byte":
    case "short":
    case "integer":
    case "long":
      return /^-?\d+$/.test(s) ? new Raw(s) : undefined;
    case "decimal":
      return /^-?\d+(\.\d+)?$/.test(s) ? new Raw(s) : undefined;
    case "float":
    case "double": {
      const n = Number(s);
      return Number.isFinite(n) ? new Raw(String(n)) : undefined;
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
    case "timestamp": {
      const iso = toIsoUtc(s);
      return iso === s ? undefined : `${iso.slice(0, 23)}Z`;
    }
    case "timestamp_ntz":
      return s.replace(" ", "T").slice(0, 23);
    case "string":
      if ([...s].length <= STRING_PREFIX) return s;
      return which === "min" ? [...s].slice(0, STRING_PREFIX).join("") : undefined;
    default:
      return undefined;
  }
}

function setPath(tree: Tree, path: readonly string[], value: Tree[string]): void {
  let node = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] ?? "";
    const next = node[key];
    if (typeof next !== "object" || next instanceof Raw) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] ?? ""] = value;
}

function leaves(schema: StructType, prefix: string[] = []): { path: string[]; type: DataType }[] {
  const out: { path: string[]; type: DataType }[] = [];
  for (const f of schema.fields) {
    const path = [...prefix, f.name];
    if (f.dataType.typeName === "struct") out.push(...leaves(f.dataType, path));
    else out.push({ path, type: f.dataType });
  }
  return out;
}

function serialize(value: Tree[string]): string {
  if (value instanceof Raw) return value.text;
  if (typeof value === "string" || typeof value === "number") return JSON.stringify(value);
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`)
    .join(",")}}`;
}

/**
 * The `stats` JSON of one data file. `dataSchema` excludes partition columns; `columnStats`
 * are the engine's per-leaf stats keyed by dotted path.
 */
export function buildStats(
  numRecords: number,
  dataSchema: StructType,
  columnStats: Readonly<Record<string, ColumnStats>>,
  numIndexedCols = 32,
): string {
  const min: Tree = {};
  const max: Tree = {};
  const nulls: Tree = {};
  const indexed =
    numIndexedCols < 0 ? leaves(dataSchema) : leaves(dataSchema).slice(0, numIndexedCols);
  for (const { path, type } of indexed) {
    const stats = columnStats[path.join(".")];
    if (stats === undefined) continue;
    if (type.typeName === "array" || type.typeName === "map") continue;
    if (stats.nullCount !== undefined) setPath(nulls, path, new Raw(String(stats.nullCount)));
    if (stats.nullCount !== undefined && stats.nullCount >= numRecords) continue;
    const lo = leafValue(stats.min, type, "min");
    const hi = leafValue(stats.max, type, "max");
    if (lo !== undefined) setPath(min, path, lo);
    if (hi !== undefined) setPath(max, path, hi);
  }
  return serialize({
    numRecords: new Raw(String(numRecords)),
    minValues: min,
    maxValues: max,
    nullCount: nulls,
  });
}

/** Parsed stats as data skipping uses them (values as JSON gives them). */
export interface FileStats {
  readonly numRecords?: number;
  readonly minValues?: Readonly<Record<string, unknown>>;
  readonly maxValues?: Readonly<Record<string, unknown>>;
  readonly nullCount?: Readonly<Record<string, unknown>>;
}

export function parseStats(stats: string | null | undefined): FileStats | undefined {
  if (stats === null || stats === undefined || stats === "") return undefined;
  try {
    return JSON.parse(stats) as FileStats;
  } catch {
    // Unparseable stats only disable skipping for this file; they never change results.
    return undefined;
  }
}
