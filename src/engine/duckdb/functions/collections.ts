/**
 * Arrays, maps and structs, and the higher-order functions over them. Spark's arrays are
 * 0-based in `[]` but 1-based in `element_at`/`slice`/`array_position`, like DuckDB's lists;
 * `size(null)` is -1 (null in ANSI mode); `explode` of a map gives `key` and `value`.
 */
import { UnsupportedOperationError } from "../../../errors.js";
import { outputName } from "../../../plan/expression/name.js";
import {
  ArrayType,
  BooleanType,
  type DataType,
  IntegerType,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
} from "../../../types/data-types.js";
import { quoteIdent } from "../sql-quote.js";
import { elementAtSql } from "./array-index.js";
import {
  type FnArg,
  type FunctionDef,
  type FunctionTable,
  type GeneratedColumn,
  returns,
  sqlOf,
} from "./types.js";

function fn(
  minArgs: number,
  maxArgs: number,
  compile: FunctionDef["compile"],
  returnType?: FunctionDef["returnType"],
): FunctionDef {
  return { minArgs, maxArgs, compile, ...(returnType === undefined ? {} : { returnType }) };
}

const same0: FunctionDef["returnType"] = (args) => args[0]?.type;
const element = (a: FnArg | undefined): DataType | undefined =>
  a?.type?.typeName === "array" ? a.type.elementType : undefined;

function explode(outer: boolean, withPos: boolean): FunctionDef {
  const list = (a: FnArg): string =>
    outer ? `CASE WHEN len(${a.sql}) > 0 THEN ${a.sql} ELSE [NULL] END` : a.sql;
  return {
    kind: "generator",
    minArgs: 1,
    maxArgs: 1,
    compile: () => {
      throw new UnsupportedOperationError(
        "duckdb",
        "explode in an expression",
        "explode() can only be used as a top-level select item.",
        {
          hint: 'Use df.select(F.explode("col")) or df.withColumn("x", F.explode("col")).',
        },
      );
    },
    generate: (args): GeneratedColumn[] => {
      const a = args[0];
      if (a === undefined) return [];
      const t = a.type;
      if (t?.typeName === "map") {
        const keys = outer
          ? `CASE WHEN cardinality(${a.sql}) > 0 THEN map_keys(${a.sql}) ELSE [NULL] END`
          : `map_keys(${a.sql})`;
        const values = outer
          ? `CASE WHEN cardinality(${a.sql}) > 0 THEN map_values(${a.sql}) ELSE [NULL] END`
          : `map_values(${a.sql})`;
        const cols: GeneratedColumn[] = [
          { name: "key", sql: `unnest(${keys})`, type: t.keyType },
          { name: "value", sql: `unnest(${values})`, type: t.valueType },
        ];
        return withPos
          ? [
              {
                name: "pos",
                sql: `unnest(range(0, CAST(coalesce(cardinality(${a.sql}), 0) AS BIGINT)))::INTEGER`,
                type: IntegerType,
              },
              ...cols,
            ]
          : cols;
      }
      const col: GeneratedColumn = { name: "col", sql: `unnest(${list(a)})`, type: element(a) };
      if (!withPos) return [col];
      const pos = outer
        ? `unnest(CASE WHEN len(${a.sql}) > 0 THEN range(0, len(${a.sql})) ELSE [NULL] END)::INTEGER`
        : `unnest(range(0, len(${a.sql})))::INTEGER`;
      return [{ name: "pos", sql: pos, type: IntegerType }, col];
    },
  };
}

function structOf(args: readonly FnArg[]): string {
  return `struct_pack(${args.map((a, i) => `${quoteIdent(structName(a, i))} := ${a.sql}`).join(", ")})`;
}

function structName(a: FnArg, i: number): string {
  if (a.node.kind === "alias") return a.node.name;
  if (a.node.kind === "column") return outputName(a.node);
  return `col${i + 1}`;
}

/** A one-parameter lambda's SQL. Spark's (x, i) form counts i from 0, DuckDB's from 1: refused. */
function lambdaSql(a: FnArg | undefined): string {
  if (a === undefined) throw new RangeError("lambda missing");
  if (a.node.kind === "lambda" && a.node.params.length !== 1) {
    throw new UnsupportedOperationError(
      "duckdb",
      "lambda with an index",
      "transform/filter with an (element, index) lambda is not supported on the DuckDB engine yet.",
      {
        hint: "Use a one-argument lambda, or posexplode() to get positions.",
      },
    );
  }
  return a.sql;
}

/** First occurrences in order (list_position finds the first null too), as Spark's array_distinct. */
function distinctInOrder(list: string): string {
  return `list_filter(${list}, lambda __x, __i: list_position(${list}, __x) = __i)`;
}

/** Spark's aggregate(arr, zero, merge[, finish]); a null array folds to null. */
function foldSql(args: readonly FnArg[]): string {
  const arr = sqlOf(args, 0);
  const reduced = `list_reduce(list_prepend(${sqlOf(args, 1)}, ${arr}), ${sqlOf(args, 2)})`;
  const value = args.length === 4 ? `list_transform([${reduced}], ${sqlOf(args, 3)})[1]` : reduced;
  return `CASE WHEN ${arr} IS NULL THEN NULL ELSE ${value} END`;
}

/** `element_at` / `try_element_at`: a map's value (null when absent) or an array's item. */
function elementAt(tryOnly: boolean): FunctionDef {
  return fn(
    2,
    2,
    (args, ctx) =>
      args[0]?.type?.typeName === "map"
        ? `${sqlOf(args, 0)}[${sqlOf(args, 1)}]`
        : elementAtSql(sqlOf(args, 0), sqlOf(args, 1), ctx.ansi && !tryOnly),
    (args) => (args[0]?.type?.typeName === "map" ? args[0].type.valueType : element(args[0])),
  );
}

export const collectionFunctions: FunctionTable = {
  array: fn(
    0,
    Number.POSITIVE_INFINITY,
    (args) => `[${args.map((a) => a.sql).join(", ")}]`,
    (args) => new ArrayType(args[0]?.type ?? StringType),
  ),
  array_contains: fn(
    2,
    2,
    (args) => `list_contains(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    returns(BooleanType),
  ),
  // Spark's legacy sizeOfNull (-1) holds unless ANSI mode is on, where size(null) is null.
  size: fn(
    1,
    1,
    (args, ctx) => {
      const n =
        args[0]?.type?.typeName === "map"
          ? `cardinality(${sqlOf(args, 0)})`
          : `len(${sqlOf(args, 0)})`;
      return ctx.ansi ? `CAST(${n} AS INTEGER)` : `CAST(coalesce(${n}, -1) AS INTEGER)`;
    },
    returns(IntegerType),
  ),
  cardinality: fn(
    1,
    1,
    (args) =>
      args[0]?.type?.typeName === "map"
        ? `CAST(coalesce(cardinality(${sqlOf(args, 0)}), -1) AS INTEGER)`
        : `CAST(coalesce(len(${sqlOf(args, 0)}), -1) AS INTEGER)`,
    returns(IntegerType),
  ),
  element_at: elementAt(false),
  try_element_at: elementAt(true),
  explode: explode(false, false),
  explode_outer: explode(true, false),
  posexplode: explode(false, true),
  posexplode_outer: explode(true, true),
  struct: fn(
    1,
    Number.POSITIVE_INFINITY,
    (args) => structOf(args),
    (args) =>
      new StructType(args.map((a, i) => new StructField(structName(a, i), a.type ?? StringType))),
  ),
  named_struct: fn(
    2,
    Number.POSITIVE_INFINITY,
    (args, ctx) => {
      const parts: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2)
        parts.push(`${quoteIdent(ctx.literalString(i))} := ${sqlOf(args, i + 1)}`);
      return `struct_pack(${parts.join(", ")})`;
    },
    (args) => {
      const fields: StructField[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) {
        const name = args[i]?.node;
        if (name?.kind !== "literal" || typeof name.value !== "string") return undefined;
        fields.push(new StructField(name.value, args[i + 1]?.type ?? StringType));
      }
      return new StructType(fields);
    },
  ),
  create_map: fn(
    0,
    Number.POSITIVE_INFINITY,
    (args) => {
      const keys = args.filter((_, i) => i % 2 === 0).map((a) => a.sql);
      const values = args.filter((_, i) => i % 2 === 1).map((a) => a.sql);
      return `map([${keys.join(", ")}], [${values.join(", ")}])`;
    },
    (args) =>
      args.length >= 2
        ? new MapType(args[0]?.type ?? StringType, args[1]?.type ?? StringType)
        : undefined,
  ),
  map: fn(
    0,
    Number.POSITIVE_INFINITY,
    (args) =>
      `map([${args
        .filter((_, i) => i % 2 === 0)
        .map((a) => a.sql)
        .join(", ")}], [${args
        .filter((_, i) => i % 2 === 1)
        .map((a) => a.sql)
        .join(", ")}])`,
    (args) =>
      args.length >= 2
        ? new MapType(args[0]?.type ?? StringType, args[1]?.type ?? StringType)
        : undefined,
  ),
  map_keys: fn(
    1,
    1,
    (args) => `map_keys(${sqlOf(args, 0)})`,
    (args) => (args[0]?.type?.typeName === "map" ? new ArrayType(args[0].type.keyType) : undefined),
  ),
  map_values: fn(
    1,
    1,
    (args) => `map_values(${sqlOf(args, 0)})`,
    (args) =>
      args[0]?.type?.typeName === "map" ? new ArrayType(args[0].type.valueType) : undefined,
  ),
  map_from_arrays: fn(2, 2, (args) => `map(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`),
  map_contains_key: fn(
    2,
    2,
    (args) => `list_contains(map_keys(${sqlOf(args, 0)}), ${sqlOf(args, 1)})`,
    returns(BooleanType),
  ),
  // Spark keeps the first occurrence of each value (one null included), in order.
  array_distinct: fn(1, 1, (args) => distinctInOrder(sqlOf(args, 0)), same0),
  array_union: fn(
    2,
    2,
    (args) => distinctInOrder(`list_concat(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`),
    same0,
  ),
  array_intersect: fn(
    2,
    2,
    (args) => `list_intersect(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    same0,
  ),
  array_except: fn(
    2,
    2,
    (args) =>
      `list_filter(${distinctInOrder(sqlOf(args, 0))}, lambda x: NOT list_contains(${sqlOf(args, 1)}, x))`,
    same0,
  ),
  array_join: fn(
    2,
    3,
    (args) => {
      const list =
        args.length === 3
          ? `list_transform(${sqlOf(args, 0)}, lambda x: coalesce(CAST(x AS VARCHAR), ${sqlOf(args, 2)}))`
          : `list_filter(${sqlOf(args, 0)}, lambda x: x IS NOT NULL)`;
      return `array_to_string(${list}, ${sqlOf(args, 1)})`;
    },
    returns(StringType),
  ),
  array_position: fn(
    2,
    2,
    (args) =>
      `CAST(coalesce(list_position(${sqlOf(args, 0)}, ${sqlOf(args, 1)}), CASE WHEN ${sqlOf(args, 0)} IS NULL THEN NULL ELSE 0 END) AS BIGINT)`,
    returns(LongType),
  ),
  array_remove: fn(
    2,
    2,
    (args) => `list_filter(${sqlOf(args, 0)}, lambda x: x IS NULL OR x <> ${sqlOf(args, 1)})`,
    same0,
  ),
  sort_array: fn(
    1,
    2,
    (args, ctx) => {
      const asc = args.length === 2 ? ctx.literalString(1).toLowerCase() !== "false" : true;
      return asc
        ? `list_sort(${sqlOf(args, 0)}, 'ASC', 'NULLS FIRST')`
        : `list_sort(${sqlOf(args, 0)}, 'DESC', 'NULLS LAST')`;
    },
    same0,
  ),
  array_sort: fn(1, 1, (args) => `list_sort(${sqlOf(args, 0)}, 'ASC', 'NULLS LAST')`, same0),
  flatten: fn(
    1,
    1,
    (args) => `flatten(${sqlOf(args, 0)})`,
    (args) => element(args[0]),
  ),
  slice: fn(
    3,
    3,
    (args) => {
      const [arr, start, len] = [sqlOf(args, 0), sqlOf(args, 1), sqlOf(args, 2)];
      const from = `CASE WHEN ${start} < 0 THEN len(${arr}) + ${start} + 1 ELSE ${start} END`;
      return `list_slice(${arr}, ${from}, ${from} + ${len} - 1)`;
    },
    same0,
  ),
  sequence: fn(
    2,
    3,
    (args) => {
      const series = `generate_series(${sqlOf(args, 0)}, ${sqlOf(args, 1)}${args.length === 3 ? `, ${sqlOf(args, 2)}` : ""})`;
      // DuckDB's series are BIGINT; Spark keeps the start's type.
      return args[0]?.type?.typeName === "integer" ? `CAST(${series} AS INTEGER[])` : series;
    },
    (args) => new ArrayType(args[0]?.type ?? LongType),
  ),
  array_max: fn(
    1,
    1,
    (args) => `list_max(${sqlOf(args, 0)})`,
    (args) => element(args[0]),
  ),
  array_min: fn(
    1,
    1,
    (args) => `list_min(${sqlOf(args, 0)})`,
    (args) => element(args[0]),
  ),
  array_repeat: fn(
    2,
    2,
    (args) =>
      `list_transform(range(CAST(${sqlOf(args, 1)} AS BIGINT)), lambda _: ${sqlOf(args, 0)})`,
    (args) => new ArrayType(args[0]?.type ?? StringType),
  ),
  arrays_overlap: fn(
    2,
    2,
    (args) => `list_has_any(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    returns(BooleanType),
  ),
  transform: fn(
    2,
    2,
    (args) => `list_transform(${sqlOf(args, 0)}, ${lambdaSql(args[1])})`,
    (args) => (args[1]?.type === undefined ? undefined : new ArrayType(args[1].type)),
  ),
  filter: fn(2, 2, (args) => `list_filter(${sqlOf(args, 0)}, ${lambdaSql(args[1])})`, same0),
  exists: fn(
    2,
    2,
    (args) => `(len(list_filter(${sqlOf(args, 0)}, ${sqlOf(args, 1)})) > 0)`,
    returns(BooleanType),
  ),
  forall: fn(
    2,
    2,
    (args) =>
      `(len(list_filter(list_transform(${sqlOf(args, 0)}, ${sqlOf(args, 1)}), lambda b: NOT coalesce(b, FALSE))) = 0)`,
    returns(BooleanType),
  ),
  aggregate: fn(
    3,
    4,
    (args) => foldSql(args),
    (args) => args[1]?.type,
  ),
  reduce: fn(
    3,
    4,
    (args) => foldSql(args),
    (args) => args[1]?.type,
  ),
};
