/**
 * Nullability a plan fixes by declaration: the schema given to `createDataFrame`
 * (`StructField("id", IntegerType, false)`, `id INT NOT NULL`). Engines describe local rows
 * as SQL values, which loses it (DuckDB calls every column nullable; Spark's inline tables
 * call a column without nulls non-nullable), so the declared flags are carried, by name,
 * through the operators that pass a column on unchanged, as Spark's analyzer does.
 */
import type { RelationNode } from "./node.js";

type Flags = ReadonlyMap<string, boolean>;

const NONE: Flags = new Map();

const PASS_THROUGH = new Set<RelationNode["kind"]>([
  "filter",
  "sort",
  "limit",
  "offset",
  "sample",
  "deduplicate",
  "subqueryAlias",
]);

function without(flags: Flags, names: readonly string[]): Flags {
  const gone = new Set(names.map((n) => n.toLowerCase()));
  return new Map([...flags].filter(([name]) => !gone.has(name.toLowerCase())));
}

/**
 * Column name -> declared nullability, for the columns of `plan` that come unchanged from
 * rows with a given schema; other columns are absent (the engine's answer stands).
 *
 * @example
 * ```ts
 * const df = spark.createDataFrame([[1]], "id INT NOT NULL");
 * declaredNullability(df.filter("id > 0").plan); // Map { "id" => false }
 * ```
 */
export function declaredNullability(plan: RelationNode): Flags {
  if (plan.kind === "localRelation")
    return new Map(plan.schema.fields.map((f) => [f.name, f.nullable]));
  if (PASS_THROUGH.has(plan.kind) && "input" in plan) return declaredNullability(plan.input);
  switch (plan.kind) {
    case "drop":
      return without(declaredNullability(plan.input), plan.columns);
    case "withColumns":
      return without(
        declaredNullability(plan.input),
        plan.columns.map((c) => c.name),
      );
    case "project": {
      const input = declaredNullability(plan.input);
      const out = new Map<string, boolean>();
      for (const e of plan.exprs) {
        const ref = e.kind === "alias" ? e.expr : e;
        const name = e.kind === "alias" ? e.name : ref.kind === "column" ? ref.name : undefined;
        if (ref.kind !== "column" || name === undefined) continue;
        const flag = input.get(ref.name);
        if (flag !== undefined) out.set(name, flag);
      }
      return out;
    }
    default:
      return NONE;
  }
}
