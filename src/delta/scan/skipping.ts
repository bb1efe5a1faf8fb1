/**
 * Partition pruning and stats-based file skipping: for a filter predicate, keeps only the
 * files that might hold a matching row. Conservative by construction: anything it does not
 * understand keeps the file, so skipping can only make a scan faster, never change results.
 * Timestamp maxima are widened by 1 ms because the protocol truncates them to milliseconds.
 */
import { attributeLeaf, splitAttribute } from "../../plan/expression/name.js";
import type { ExprNode } from "../../plan/node.js";
import type { DataType, StructField, StructType } from "../../types/data-types.js";
import { Decimal } from "../../types/decimal.js";
import type { AddFile } from "../actions/types.js";
import { type FileStats, parseStats } from "../files/stats.js";

type Scalar = number | bigint | string;

interface FileView {
  readonly partitions: ReadonlyMap<string, string | null>;
  readonly stats: FileStats | undefined;
}

export interface SkippingContext {
  readonly schema: StructType;
  readonly partitionColumns: readonly string[];
  /** The name of a column in partition values and stats (column mapping); default: its name. */
  readonly physicalName?: (field: StructField) => string;
}

interface ColumnRef {
  /** The logical name (partition columns are listed by it). */
  readonly name: string;
  /** The name partition values and statistics use. */
  readonly key: string;
  readonly type: DataType;
}

function columnType(ctx: SkippingContext, name: string): ColumnRef | undefined {
  const parts = splitAttribute(name);
  if (parts.length !== 1) return undefined;
  const f = ctx.schema.field(attributeLeaf(name));
  if (f === undefined) return undefined;
  return { name: f.name, key: ctx.physicalName?.(f) ?? f.name, type: f.dataType };
}

/** A value as a comparable scalar for a column type, or undefined when not comparable. */
function typed(value: unknown, type: DataType, bound: "min" | "max" | "exact"): Scalar | undefined {
  if (value === null || value === undefined) return undefined;
  switch (type.typeName) {
    case "byte":
    case "short":
    case "integer":
    case "long": {
      if (typeof value === "bigint") return value;
      const s =
        typeof value === "number"
          ? Number.isInteger(value)
            ? String(value)
            : undefined
          : String(value).trim();
      return s !== undefined && /^-?\d+$/.test(s) ? BigInt(s) : undefined;
    }
    case "float":
    case "double":
    case "decimal": {
      const n = value instanceof Decimal ? value.toNumber() : Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case "date": {
      const s =
        value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
    }
    case "timestamp":
    case "timestamp_ntz": {
      const text = value instanceof Date ? value.toISOString() : String(value);
      const iso = /(Z|[+-]\d{2}:?\d{2})$/.test(text)
        ? text.replace(" ", "T")
        : `${text.replace(" ", "T")}Z`;
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return undefined;
      return bound === "max" ? ms + 1 : ms;
    }
    case "string":
      return typeof value === "string" ? value : undefined;
    default:
      return undefined;
  }
}

function cmp(a: Scalar, b: Scalar): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Range {
  readonly min: Scalar | undefined;
  readonly max: Scalar | undefined;
  /** The column has no non-null values in the file. */
  readonly allNull: boolean;
  readonly noNulls: boolean;
}

function rangeOf(ctx: SkippingContext, file: FileView, col: ColumnRef): Range | undefined {
  if (ctx.partitionColumns.some((p) => p.toLowerCase() === col.name.toLowerCase())) {
    const key = [...file.partitions.keys()].find((k) => k.toLowerCase() === col.key.toLowerCase());
    const raw = key === undefined ? null : (file.partitions.get(key) ?? null);
    if (raw === null || raw === "")
      return { min: undefined, max: undefined, allNull: true, noNulls: false };
    const v = typed(raw, col.type, "exact");
    return v === undefined ? undefined : { min: v, max: v, allNull: false, noNulls: true };
  }
  const s = file.stats;
  if (s === undefined) return undefined;
  const nulls = s.nullCount?.[col.key];
  const records = s.numRecords;
  const allNull = typeof nulls === "number" && typeof records === "number" && nulls === records;
  return {
    min: typed(s.minValues?.[col.key], col.type, "min"),
    max: typed(s.maxValues?.[col.key], col.type, "max"),
    allNull,
    noNulls: nulls === 0,
  };
}

const FLIP: Readonly<Record<string, string>> = {
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
  "==": "==",
  "!=": "!=",
};
const NEGATE: Readonly<Record<string, string>> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
  "==": "!=",
  "!=": "==",
};

function literalOf(e: ExprNode): unknown {
  return e.kind === "literal"
    ? e.value
    : e.kind === "cast" && e.expr.kind === "literal"
      ? e.expr.value
      : Symbol.for("none");
}

/** false only when no row of the file can satisfy `e`. */
function might(ctx: SkippingContext, file: FileView, e: ExprNode, negated: boolean): boolean {
  if (e.kind !== "call") return true;
  const [a, b] = e.args;
  switch (e.name) {
    case "and":
      return negated
        ? might(ctx, file, a as ExprNode, true) || might(ctx, file, b as ExprNode, true)
        : might(ctx, file, a as ExprNode, false) && might(ctx, file, b as ExprNode, false);
    case "or":
      return negated
        ? might(ctx, file, a as ExprNode, true) && might(ctx, file, b as ExprNode, true)
        : might(ctx, file, a as ExprNode, false) || might(ctx, file, b as ExprNode, false);
    case "not":
      return a === undefined ? true : might(ctx, file, a, !negated);
    case "isnull":
    case "isnotnull": {
      if (a?.kind !== "column") return true;
      const col = columnType(ctx, a.name);
      const r = col === undefined ? undefined : rangeOf(ctx, file, col);
      if (r === undefined) return true;
      const wantsNull = (e.name === "isnull") !== negated;
      return wantsNull ? !r.noNulls : !r.allNull;
    }
    case "in": {
      if (negated || a?.kind !== "column") return true;
      return e.args
        .slice(1)
        .some((v) =>
          might(ctx, file, { kind: "call", name: "==", args: [a, v], distinct: false }, false),
        );
    }
    default:
      break;
  }
  const op = FLIP[e.name];
  if (op === undefined || a === undefined || b === undefined) return true;
  let column: ExprNode = a;
  let lit = literalOf(b);
  let operator = e.name;
  if (a.kind !== "column") {
    column = b;
    lit = literalOf(a);
    operator = op;
  }
  if (column.kind !== "column" || typeof lit === "symbol") return true;
  if (negated) operator = NEGATE[operator] ?? operator;
  const col = columnType(ctx, column.name);
  if (col === undefined) return true;
  const r = rangeOf(ctx, file, col);
  if (r === undefined) return true;
  if (r.allNull) return false; // a comparison with null is never true
  const v = typed(lit, col.type, "exact");
  if (v === undefined) return true;
  const { min, max } = r;
  switch (operator) {
    case "==":
      return (min === undefined || cmp(min, v) <= 0) && (max === undefined || cmp(v, max) <= 0);
    case "!=":
      return !(
        min !== undefined &&
        max !== undefined &&
        cmp(min, v) === 0 &&
        cmp(max, v) === 0 &&
        min === max &&
        r.noNulls
      );
    case "<":
      return min === undefined || cmp(min, v) < 0;
    case "<=":
      return min === undefined || cmp(min, v) <= 0;
    case ">":
      return max === undefined || cmp(max, v) > 0;
    case ">=":
      return max === undefined || cmp(max, v) >= 0;
    default:
      return true;
  }
}

/** The files that might contain rows matching every predicate. */
export function skipFiles(
  files: readonly AddFile[],
  predicates: readonly ExprNode[],
  ctx: SkippingContext,
): AddFile[] {
  if (predicates.length === 0) return [...files];
  return files.filter((f) => {
    const view: FileView = {
      partitions: new Map(Object.entries(f.partitionValues)),
      stats: parseStats(f.stats),
    };
    return predicates.every((p) => might(ctx, view, p, false));
  });
}
