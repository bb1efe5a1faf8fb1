/**
 * `na.fill` and `na.drop` with Spark's rules: a fill value applies only to columns of a
 * matching type (numbers to numeric columns, strings to string columns, booleans to boolean
 * columns) and is cast to the column's type; `na.drop` treats NaN as missing, like Spark;
 * `na.replace` replaces values in the columns of the old values' kind.
 */
import { AnalysisError, IllegalArgumentError } from "../../../errors.js";
import type { LiteralNode } from "../../../plan/expression/literal.js";
import type { NaDropNode } from "../../../plan/relation/na-drop.js";
import type { NaFillNode } from "../../../plan/relation/na-fill.js";
import type { NaReplaceNode } from "../../../plan/relation/na-replace.js";
import { type DataType, isNumeric, LongType } from "../../../types/data-types.js";
import { toDuckDBType as sqlType } from "../type-mapper.js";
import { literalSql } from "./literal.js";
import { passAll, selectFrom } from "./relation-project.js";
import { type CompiledRelation, inputAlias } from "./relation-types.js";
import { type OutCol, requireColumn, scopeOf } from "./scope.js";

function fits(value: LiteralNode, t: DataType | undefined): boolean {
  if (t === undefined) return false;
  const v = value.value;
  if (typeof v === "number" || typeof v === "bigint") return isNumeric(t);
  if (typeof v === "string") return t.typeName === "string";
  if (typeof v === "boolean") return t.typeName === "boolean";
  return false;
}

function typed(col: OutCol): DataType {
  if (col.dataType === undefined) {
    throw new AnalysisError(
      "UNKNOWN_COLUMN_TYPE",
      `The type of column \`${col.name}\` is not known yet.`,
    );
  }
  return col.dataType;
}

export function compileNaFill(node: NaFillNode, input: CompiledRelation): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const fills = new Map<OutCol, LiteralNode>();
  if (node.columns === undefined) {
    const [value] = node.values;
    if (value === undefined) throw new IllegalArgumentError("na.fill needs a value.");
    for (const col of input.columns) if (fits(value, col.dataType)) fills.set(col, value);
  } else {
    node.columns.forEach((name, i) => {
      const value = node.values.length === 1 ? node.values[0] : node.values[i];
      if (value === undefined)
        throw new IllegalArgumentError(`na.fill has no value for column ${name}.`);
      const col = requireColumn(name, input.columns);
      if (fits(value, col.dataType)) fills.set(col, value);
    });
  }
  const items = passAll(scope, node.planId).map((item, i) => {
    const col = input.columns[i];
    const value = col === undefined ? undefined : fills.get(col);
    if (col === undefined || value === undefined) return item;
    const t = typed(col);
    const v =
      typeof value.value === "bigint" || typeof value.value === "number"
        ? value.value
        : value.value;
    const fill = `TRY_CAST(${literalSql(v, value.dataType)} AS ${sqlType(t)})`;
    return { sql: `coalesce(${item.sql}, ${fill})`, col: item.col };
  });
  return selectFrom(items, input, node.planId);
}

export function compileNaDrop(node: NaDropNode, input: CompiledRelation): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const targets =
    node.columns === undefined
      ? input.columns
      : node.columns.map((n) => requireColumn(n, input.columns));
  const min = node.minNonNulls ?? targets.length;
  const present = targets.map((col) => {
    const ref = scope.entries.find((e) => e.col === col)?.ref ?? "";
    const t = col.dataType?.typeName;
    const nan = t === "double" || t === "float" ? ` AND NOT isnan(${ref})` : "";
    return `CASE WHEN ${ref} IS NOT NULL${nan} THEN 1 ELSE 0 END`;
  });
  const where = present.length === 0 ? "" : ` WHERE (${present.join(" + ")}) >= ${min}`;
  return selectFrom(passAll(scope, node.planId), input, node.planId, where);
}

function sameKind(value: LiteralNode, t: DataType): boolean {
  const v = value.value;
  if (typeof v === "number" || typeof v === "bigint") return isNumeric(t);
  return fits(value, t);
}

/** A number as Spark casts it to an integral column: truncated, where DuckDB would round. */
function targetSql(value: LiteralNode, t: DataType): string {
  const v = value.value;
  const integral = ["byte", "short", "integer", "long"].includes(t.typeName);
  const n = integral && typeof v === "number" ? Math.trunc(v) : v;
  const source = typeof n === "number" && n !== v ? LongType : value.dataType;
  return `CAST(${literalSql(n, source)} AS ${sqlType(t)})`;
}

/**
 * `na.replace`: a CASE per column of the old values' kind; numbers compare as doubles (Spark
 * converts both sides to double), so 1 replaces 1 and 1.0 alike.
 */
export function compileNaReplace(node: NaReplaceNode, input: CompiledRelation): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const first = node.replacements[0]?.[0];
  const targets = new Set(
    (node.columns === undefined
      ? input.columns
      : node.columns.map((n) => requireColumn(n, input.columns))
    ).filter((c) => first !== undefined && sameKind(first, typed(c))),
  );
  const items = passAll(scope, node.planId).map((item, i) => {
    const col = input.columns[i];
    if (col === undefined || !targets.has(col)) return item;
    const t = typed(col);
    const numeric = isNumeric(t);
    const ref = numeric ? `CAST(${item.sql} AS DOUBLE)` : item.sql;
    const branches = node.replacements.map(([from, to]) => {
      const key = numeric
        ? `CAST(${literalSql(from.value, from.dataType)} AS DOUBLE)`
        : literalSql(from.value, from.dataType);
      const value = to.value === null ? `CAST(NULL AS ${sqlType(t)})` : targetSql(to, t);
      return ` WHEN ${ref} = ${key} THEN ${value}`;
    });
    return { sql: `CASE${branches.join("")} ELSE ${item.sql} END`, col: item.col };
  });
  return selectFrom(items, input, node.planId);
}
