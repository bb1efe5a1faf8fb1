/**
 * Arrays, maps and structs, and the higher-order functions over them. Spark's arrays are
 * 0-based in `[]` but 1-based in `element_at`/`slice`/`array_position`, like DuckDB's lists;
 * `size(null)` is -1 (null in ANSI mode); `explode` of a map gives `key` and `value`.
 */
import { AnalysisError, ErrorCode, UnsupportedOperationError } from "../../../errors.js";
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
import { raiseSql, text } from "../runtime-errors.js";
import { quoteIdent } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { elementAtSql } from "./array-index.js";
import { comparatorSortSql } from "./array-sort.js";
import {
  type FamilyTable,
  type FnArg,
  type FunctionDef,
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

/**
 * `[NULL]` typed as a list of `type`: untyped, DuckDB makes it INTEGER[] and the CASE that
 * picks it merges the two list types (a struct's fields came out as integers).
 */
const nullList = (type: DataType | undefined): string =>
  type === undefined ? "[NULL]" : `[CAST(NULL AS ${toDuckDBType(type)})]`;

function explode(outer: boolean, withPos: boolean): FunctionDef {
  const list = (a: FnArg): string =>
    outer ? `CASE WHEN len(${a.sql}) > 0 THEN ${a.sql} ELSE ${nullList(element(a))} END` : a.sql;
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
          ? `CASE WHEN cardinality(${a.sql}) > 0 THEN map_keys(${a.sql}) ELSE ${nullList(t.keyType)} END`
          : `map_keys(${a.sql})`;
        const values = outer
          ? `CASE WHEN cardinality(${a.sql}) > 0 THEN map_values(${a.sql}) ELSE ${nullList(t.valueType)} END`
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

/** A generator's SQL when it is called inside an expression, where Spark refuses it too. */
function notInExpression(name: string): never {
  throw new UnsupportedOperationError(
    "duckdb",
    `${name} in an expression`,
    `${name}() can only be used as a top-level select item.`,
    { hint: `Use df.select(F.${name}(...)) or SELECT ${name}(...) FROM ...` },
  );
}

/**
 * Spark's inline / inline_outer: one row per struct of an array, one column per field (a
 * null struct gives nulls). Each field is unnested from its own list: DuckDB unnests lists of
 * one SELECT in lockstep, so the rows line up.
 */
function inline(outer: boolean): FunctionDef {
  return {
    kind: "generator",
    minArgs: 1,
    maxArgs: 1,
    compile: () => notInExpression(outer ? "inline_outer" : "inline"),
    generate: (args): GeneratedColumn[] => {
      const a = args[0];
      const struct = element(a);
      if (a === undefined || struct?.typeName !== "struct")
        throw new AnalysisError(
          ErrorCode["DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"],
          `inline() takes an array of structs, not ${a?.type?.simpleString() ?? "this value"}.`,
          { hint: "Build one with array(struct(...), ...) or collect_list(struct(...))." },
        );
      const list = outer
        ? `CASE WHEN len(${a.sql}) > 0 THEN ${a.sql} ELSE ${nullList(struct)} END`
        : a.sql;
      return struct.fields.map((f) => ({
        name: f.name,
        sql: `unnest(list_transform(${list}, __s -> __s.${quoteIdent(f.name)}))`,
        type: f.dataType,
      }));
    },
  };
}

/**
 * Spark's stack(n, v1, ..., vk): n rows of ceil(k / n) columns (col0, col1, ...), filled row
 * by row, missing values null; a column has its first value's type (Spark requires the
 * others to match it, NULL aside).
 */
const stack: FunctionDef = {
  kind: "generator",
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  compile: () => notInExpression("stack"),
  generate: (args): GeneratedColumn[] => {
    const [count, ...values] = args;
    const n = count?.node.kind === "literal" ? Number(count.node.value) : Number.NaN;
    if (!Number.isInteger(n) || n < 1)
      throw new AnalysisError(
        ErrorCode["DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"],
        "stack() takes a positive integer literal as its first argument (the number of rows).",
        { hint: "Write stack(2, a, b, c, d) for two rows of two columns." },
      );
    const width = Math.ceil(values.length / n);
    return Array.from({ length: width }, (_, j) => {
      const column = Array.from({ length: n }, (_, i) => values[i * width + j]);
      const type = column.find((v) => v?.type !== undefined && v.type.typeName !== "null")?.type;
      const cast = type === undefined ? "" : `::${toDuckDBType(type)}`;
      const items = column.map((v) => (v === undefined ? "NULL" : `(${v.sql})`) + cast);
      return { name: `col${j}`, sql: `unnest([${items.join(", ")}])`, type };
    });
  },
};

function structOf(args: readonly FnArg[]): string {
  return `struct_pack(${args.map((a, i) => `${quoteIdent(structName(a, i))} := ${a.sql}`).join(", ")})`;
}

function structName(a: FnArg, i: number): string {
  if (a.node.kind === "alias") return a.node.name;
  if (a.node.kind === "column") return outputName(a.node);
  return `col${i + 1}`;
}

/**
 * The SQL of transform's / filter's lambda. Spark's (x, i) form counts i from 0, DuckDB's
 * from 1: the body runs in an inner one-element lambda that binds i to the 0-based int.
 */
function lambdaSql(a: FnArg | undefined): string {
  if (a === undefined) throw new RangeError("lambda missing");
  if (a.node.kind !== "lambda" || a.node.params.length !== 2) return a.sql;
  const [x, i] = a.node.params.map(quoteIdent);
  const prefix = `lambda ${x}, ${i}: `;
  if (!a.sql.startsWith(prefix)) throw new RangeError(`unexpected lambda SQL: ${a.sql}`);
  const body = a.sql.slice(prefix.length);
  return `lambda ${x}, __pos: list_transform([CAST(__pos - 1 AS INTEGER)], lambda ${i}: ${body})[1]`;
}

/**
 * How elements compare in Spark's set functions: floats by their text, so NaN equals NaN
 * (as in DuckDB) but -0.0 and 0.0 stay apart (Spark compares their bits).
 */
function keyOf(elementType: DataType | undefined): (x: string) => string {
  const t = elementType?.typeName;
  return t === "double" || t === "float" ? (x) => `CAST(${x} AS VARCHAR)` : (x) => x;
}

function keys(list: string, elementType: DataType | undefined): string {
  const key = keyOf(elementType);
  return key("x") === "x" ? list : `list_transform(${list}, lambda __k: ${key("__k")})`;
}

/** First occurrences in order (list_position finds the first null too), as Spark's array_distinct. */
function distinctInOrder(list: string, elementType?: DataType): string {
  const key = keyOf(elementType);
  return `list_filter(${list}, lambda __x, __i: list_position(${keys(list, elementType)}, ${key("__x")}) = __i)`;
}

/** Whether a list holds a null element (null for a null list). */
function hasNull(list: string): string {
  return `(len(list_filter(${list}, lambda __n: __n IS NULL)) > 0)`;
}

/** Null when any of the values is null, else `sql`. */
function nullIfAnyNull(values: readonly string[], sql: string): string {
  return `CASE WHEN ${values.map((v) => `${v} IS NULL`).join(" OR ")} THEN NULL ELSE ${sql} END`;
}

/**
 * Spark's three-valued `exists` / `forall` over the lambda's results: a decisive value
 * (true for exists, false for forall) wins; otherwise any null result makes the answer null.
 */
function quantifier(args: readonly FnArg[], decisive: boolean): string {
  const arr = sqlOf(args, 0);
  const results = `list_transform(${arr}, ${sqlOf(args, 1)})`;
  const word = decisive ? "TRUE" : "FALSE";
  return `CASE WHEN ${arr} IS NULL THEN NULL WHEN list_contains(${results}, ${word}) THEN ${word} WHEN ${hasNull(results)} THEN NULL ELSE ${decisive ? "FALSE" : "TRUE"} END`;
}

/** Spark's default sequence step: 1 (one day for dates) up, -1 down. */
function sequenceSql(args: readonly FnArg[]): string {
  const [start, stop] = [sqlOf(args, 0), sqlOf(args, 1)];
  const type = args[0]?.type?.typeName;
  if (type === "date") {
    // Spark adds i * step to the start (Jan 31 + 1 month = Feb 29, + 2 months = Mar 31).
    const step =
      args.length === 3
        ? sqlOf(args, 2)
        : `CASE WHEN ${start} <= ${stop} THEN to_days(1) ELSE to_days(-1) END`;
    const count = `abs(date_diff('day', ${start}, ${stop})) + 1`;
    const days = `list_transform(range(0, ${count}), lambda __i: CAST(${start} + __i * ${step} AS DATE))`;
    return `list_filter(${days}, lambda __d: CASE WHEN ${start} <= ${stop} THEN __d <= ${stop} ELSE __d >= ${stop} END)`;
  }
  const step =
    args.length === 3 ? sqlOf(args, 2) : `CASE WHEN ${start} <= ${stop} THEN 1 ELSE -1 END`;
  const series = `generate_series(${start}, ${stop}, ${step})`;
  // DuckDB's series are BIGINT; Spark keeps the start's type.
  return type === "integer" ? `CAST(${series} AS INTEGER[])` : series;
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
        ? `map_extract_value(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`
        : elementAtSql(sqlOf(args, 0), sqlOf(args, 1), ctx.ansi && !tryOnly),
    (args) => (args[0]?.type?.typeName === "map" ? args[0].type.valueType : element(args[0])),
  );
}

/**
 * Spark's array_insert: a 1-based position, counted from the end when negative (-1 appends);
 * past either end the array is padded with nulls; position 0 fails.
 */
function arrayInsertSql(args: readonly FnArg[]): string {
  const [a, pos, v] = [sqlOf(args, 0), sqlOf(args, 1), sqlOf(args, 2)];
  const n = `len(${a})`;
  const zero = raiseSql(
    "INVALID_INDEX_OF_ZERO",
    text(
      "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).",
    ),
  );
  const at = (p: string): string => `list_concat(${a}[1:${p} - 1], [${v}], ${a}[${p}:])`;
  return `CASE WHEN ${a} IS NULL OR ${pos} IS NULL THEN NULL WHEN ${pos} = 0 THEN ${zero} WHEN ${pos} > ${n} + 1 THEN list_concat(list_resize(${a}, ${pos} - 1), [${v}]) WHEN ${pos} > 0 THEN ${at(pos)} WHEN -(${pos}) > ${n} + 1 THEN list_concat([${v}], list_resize(${a}[1:0], -(${pos}) - ${n} - 1), ${a}) ELSE ${at(`(${n} + 2 + ${pos})`)} END`;
}

/** Spark names arrays_zip's fields after column arguments, else by position ("0", "1"). */
function zipName(a: FnArg, i: number): string {
  if (a.node.kind === "alias") return a.node.name;
  if (a.node.kind === "column") return outputName(a.node);
  return String(i);
}

/** Spark's arrays_zip: as long as the longest array, shorter ones padded with nulls. */
function arraysZipSql(args: readonly FnArg[]): string {
  const longest =
    args.length === 1
      ? `len(${sqlOf(args, 0)})`
      : `greatest(${args.map((a) => `len(${a.sql})`).join(", ")})`;
  const fields = args.map((a, i) => `${quoteIdent(zipName(a, i))} := ${a.sql}[__z + 1]`).join(", ");
  return nullIfAnyNull(
    args.map((a) => a.sql),
    `list_transform(range(${longest}), lambda __z: struct_pack(${fields}))`,
  );
}

export const collectionFunctions = {
  array: fn(
    0,
    Number.POSITIVE_INFINITY,
    (args) => `[${args.map((a) => a.sql).join(", ")}]`,
    // An untyped NULL element takes the type of the others (array(NULL, 1) is array<int>).
    (args) =>
      new ArrayType(
        args.find((a) => a.type?.typeName !== "null")?.type ?? args[0]?.type ?? StringType,
      ),
  ),
  // A random permutation; only its length and elements are defined (as in Spark).
  shuffle: fn(
    1,
    2,
    (args) =>
      `CASE WHEN ${sqlOf(args, 0)} IS NULL THEN NULL ELSE list_select(${sqlOf(args, 0)}, list_grade_up(list_transform(${sqlOf(args, 0)}, x -> random()))) END`,
    (args) => args[0]?.type,
  ),
  array_contains: fn(
    2,
    2,
    // Not found in an array holding a null is null (the null might have been it).
    (args) => {
      // Spark refuses an untyped NULL to look for (it cannot be compared with the elements).
      if (args[1]?.type?.typeName === "null")
        throw new AnalysisError(
          ErrorCode["DATATYPE_MISMATCH.NULL_TYPE"],
          "array_contains cannot look for an untyped NULL.",
          { hint: "Cast it to the element type (CAST(NULL AS INT)), or test with exists()." },
        );
      const [arr, v] = [sqlOf(args, 0), sqlOf(args, 1)];
      return nullIfAnyNull(
        [arr, v],
        `CASE WHEN list_contains(${arr}, ${v}) THEN TRUE WHEN ${hasNull(arr)} THEN NULL ELSE FALSE END`,
      );
    },
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
  inline: inline(false),
  inline_outer: inline(true),
  stack,
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
  array_distinct: fn(1, 1, (args) => distinctInOrder(sqlOf(args, 0), element(args[0])), same0),
  // The set functions are null when either array is; a null element counts as a value.
  array_union: fn(
    2,
    2,
    (args) => {
      const [a, b] = [sqlOf(args, 0), sqlOf(args, 1)];
      return nullIfAnyNull([a, b], distinctInOrder(`list_concat(${a}, ${b})`, element(args[0])));
    },
    same0,
  ),
  array_intersect: fn(
    2,
    2,
    (args) => {
      const [a, b] = [sqlOf(args, 0), sqlOf(args, 1)];
      const key = keyOf(element(args[0]));
      const inB = `CASE WHEN x IS NULL THEN ${hasNull(b)} ELSE coalesce(list_contains(${keys(b, element(args[0]))}, ${key("x")}), FALSE) END`;
      return nullIfAnyNull(
        [a, b],
        `list_filter(${distinctInOrder(a, element(args[0]))}, lambda x: ${inB})`,
      );
    },
    same0,
  ),
  array_except: fn(
    2,
    2,
    (args) => {
      const [a, b] = [sqlOf(args, 0), sqlOf(args, 1)];
      const key = keyOf(element(args[0]));
      const notInB = `CASE WHEN x IS NULL THEN NOT ${hasNull(b)} ELSE NOT coalesce(list_contains(${keys(b, element(args[0]))}, ${key("x")}), FALSE) END`;
      return nullIfAnyNull(
        [a, b],
        `list_filter(${distinctInOrder(a, element(args[0]))}, lambda x: ${notInB})`,
      );
    },
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
    (args) => {
      const [arr, v] = [sqlOf(args, 0), sqlOf(args, 1)];
      return nullIfAnyNull([arr, v], `CAST(coalesce(list_position(${arr}, ${v}), 0) AS BIGINT)`);
    },
    returns(LongType),
  ),
  array_remove: fn(
    2,
    2,
    (args) =>
      nullIfAnyNull(
        [sqlOf(args, 1)],
        `list_filter(${sqlOf(args, 0)}, lambda x: x IS NULL OR x <> ${sqlOf(args, 1)})`,
      ),
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
  array_sort: fn(
    1,
    2,
    (args) =>
      args.length === 2
        ? comparatorSortSql(sqlOf(args, 0), args[1])
        : `list_sort(${sqlOf(args, 0)}, 'ASC', 'NULLS LAST')`,
    same0,
  ),
  flatten: fn(
    1,
    1,
    // A null inner array makes the whole result null.
    (args) => `CASE WHEN ${hasNull(sqlOf(args, 0))} THEN NULL ELSE flatten(${sqlOf(args, 0)}) END`,
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
  sequence: fn(2, 3, sequenceSql, (args) => new ArrayType(args[0]?.type ?? LongType)),
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
    // An untyped NULL element takes the type of the others (array(NULL, 1) is array<int>).
    (args) =>
      new ArrayType(
        args.find((a) => a.type?.typeName !== "null")?.type ?? args[0]?.type ?? StringType,
      ),
  ),
  array_compact: fn(
    1,
    1,
    (args) => `list_filter(${sqlOf(args, 0)}, lambda __c: __c IS NOT NULL)`,
    same0,
  ),
  // A null array stays null; a null element is appended.
  array_append: fn(
    2,
    2,
    (args) => nullIfAnyNull([sqlOf(args, 0)], `list_append(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`),
    same0,
  ),
  array_prepend: fn(
    2,
    2,
    (args) => nullIfAnyNull([sqlOf(args, 0)], `list_prepend(${sqlOf(args, 1)}, ${sqlOf(args, 0)})`),
    same0,
  ),
  arrays_zip: fn(
    1,
    Number.POSITIVE_INFINITY,
    arraysZipSql,
    (args) =>
      new ArrayType(
        new StructType(
          args.map((a, i) => new StructField(zipName(a, i), element(a) ?? StringType)),
        ),
      ),
  ),
  array_insert: fn(3, 3, (args) => arrayInsertSql(args), same0),
  // 0-based; out of range (negative too) is null.
  get: fn(
    2,
    2,
    (args) =>
      `CASE WHEN ${sqlOf(args, 1)} < 0 THEN NULL ELSE list_extract(${sqlOf(args, 0)}, ${sqlOf(args, 1)} + 1) END`,
    (args) => element(args[0]),
  ),
  arrays_overlap: fn(
    2,
    2,
    (args) => {
      const [a, b] = [sqlOf(args, 0), sqlOf(args, 1)];
      const unknown = `len(${a}) > 0 AND len(${b}) > 0 AND (${hasNull(a)} OR ${hasNull(b)})`;
      return nullIfAnyNull(
        [a, b],
        `CASE WHEN list_has_any(${a}, ${b}) THEN TRUE WHEN ${unknown} THEN NULL ELSE FALSE END`,
      );
    },
    returns(BooleanType),
  ),
  transform: fn(
    2,
    2,
    (args) => `list_transform(${sqlOf(args, 0)}, ${lambdaSql(args[1])})`,
    (args) => (args[1]?.type === undefined ? undefined : new ArrayType(args[1].type)),
  ),
  filter: fn(2, 2, (args) => `list_filter(${sqlOf(args, 0)}, ${lambdaSql(args[1])})`, same0),
  exists: fn(2, 2, (args) => quantifier(args, true), returns(BooleanType)),
  forall: fn(2, 2, (args) => quantifier(args, false), returns(BooleanType)),
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
} satisfies FamilyTable;
