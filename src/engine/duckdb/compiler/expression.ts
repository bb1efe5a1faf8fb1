/**
 * Expression nodes -> DuckDB SQL, against the scope of the relation they are evaluated
 * in. Returns the SQL and, where it can be told, the Spark type (casts, arithmetic and
 * aggregates need it to keep Spark's semantics).
 */
import { AnalysisError, UnsupportedOperationError } from "../../../errors.js";
import type { LambdaNode } from "../../../plan/expression/lambda.js";
import { arityText, checkArgTypes, functionSpec } from "../../../plan/functions/index.js";
import { assertNever, type ExprNode } from "../../../plan/node.js";
import type { DataType } from "../../../types/data-types.js";
import { arrayItemSql } from "../functions/array-index.js";
import { withSparkCoercion } from "../functions/coercion.js";
import { lookupFunction } from "../functions/registry.js";
import { withSparkStructs } from "../functions/same-shape.js";
import type { FnArg, FnContext, FunctionDef } from "../functions/types.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { castSql } from "./cast.js";
import { lambdaParamTypes } from "./lambda-params.js";
import { literalSql } from "./literal.js";
import { resolveAttribute, type Scope } from "./scope.js";
import { containsVoid } from "./void-type.js";
import { checkWindow } from "./window-rules.js";
import { overSql } from "./window-sql.js";

export interface ExprContext {
  readonly timeZone: string;
  readonly ansi: boolean;
}

export interface CompiledExpr {
  readonly sql: string;
  readonly type: DataType | undefined;
  /**
   * For a string cast from binary, the binary itself: a Spark string keeps any bytes, while
   * DuckDB's VARCHAR refuses invalid UTF-8, so byte-wise functions (hashes) read these.
   */
  readonly bytesSql?: string;
  /**
   * For an exact decimal result: SQL giving the same value in DuckDB's 64-bit decimals, or
   * an overflow error where it does not fit (functions/decimal-narrow.ts).
   */
  readonly narrowSql?: string;
  /**
   * The type is Spark's by our own rules (literals, columns, casts and functions whose
   * `exactType` holds, all the way down): analysis may take it without a DESCRIBE.
   */
  readonly typeKnown?: boolean;
}

function fieldType(t: DataType | undefined, field: string): DataType | undefined {
  if (t?.typeName !== "struct") return undefined;
  return t.field(field)?.dataType;
}

function compileColumn(scope: Scope, name: string, planId: number | undefined): CompiledExpr {
  if (planId === undefined && scope.lambdaVars.has(name))
    return { sql: quoteIdent(name), type: scope.lambdaVars.get(name) };
  const { entry, fields } = resolveAttribute(scope, name, planId);
  let sql = entry.ref;
  let type: DataType | undefined = entry.col.dataType;
  for (const f of fields) {
    if (type !== undefined && type.typeName !== "struct") {
      throw new AnalysisError(
        "INVALID_EXTRACT_BASE_FIELD_TYPE",
        `Cannot extract field \`${f}\` from \`${entry.col.name}\` of type ${type.simpleString()}: only structs have fields.`,
        {
          hint: `Is \`${name}\` meant to be a column name? Quote it with backticks: \`${"`"}${name}${"`"}\`.`,
        },
      );
    }
    if (type?.typeName === "struct" && type.field(f) === undefined) {
      throw new AnalysisError(
        "FIELD_NOT_FOUND",
        `No such struct field \`${f}\` in ${type
          .fieldNames()
          .map((n) => `\`${n}\``)
          .join(", ")}.`,
      );
    }
    sql = `struct_extract(${sql}, ${quoteString(type?.typeName === "struct" ? (type.field(f)?.name ?? f) : f)})`;
    type = fieldType(type, f);
  }
  return { sql, type };
}

function literalArg(
  args: readonly ExprNode[],
  index: number,
  fn: string,
  what: "string" | "integer",
): unknown {
  const node = args[index];
  if (node?.kind === "literal" && node.value !== null) return node.value;
  throw new AnalysisError(
    "NON_FOLDABLE_ARGUMENT",
    `Argument ${index + 1} of \`${fn}\` must be a literal ${what}.`,
    { hint: `Pass a constant ${what} (for example lit(...)) as argument ${index + 1}.` },
  );
}

/**
 * Spark's arity (the catalog's) gives WRONG_NUM_ARGS; an arity Spark accepts but this
 * engine does not run is an unsupported operation, not a user error.
 */
function checkArity(name: string, count: number, def: FunctionDef): void {
  const max = def.maxArgs ?? def.minArgs;
  if (count >= def.minArgs && count <= max) return;
  const spec = functionSpec(name);
  if (spec !== undefined && count >= spec.minArgs && count <= spec.maxArgs) {
    throw new UnsupportedOperationError(
      "duckdb",
      `function:${name}`,
      `${name}() with ${count} argument(s) is not supported on the DuckDB engine (it takes ${arityText({ minArgs: def.minArgs, maxArgs: max })} here).`,
      { hint: "Run it on a Spark engine, or pass the arguments' default values explicitly." },
    );
  }
  const expected = arityText(spec ?? { minArgs: def.minArgs, maxArgs: max });
  throw new AnalysisError(
    "WRONG_NUM_ARGS",
    `\`${name}\` takes ${expected} argument(s) but ${count} were given.`,
    { context: { function: name } },
  );
}

function compileCall(
  name: string,
  argNodes: readonly ExprNode[],
  distinct: boolean,
  scope: Scope,
  ctx: ExprContext,
  over: string,
): CompiledExpr {
  const def = lookupFunction(name);
  checkArity(name, argNodes.length, def);
  if (over === "" && def.kind === "window") {
    throw new AnalysisError(
      "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE",
      `\`${name}\` needs a window: use ${name}().over(Window...).`,
    );
  }
  const args: FnArg[] = [];
  for (const [i, node] of argNodes.entries()) {
    if (node.kind === "star") args.push({ sql: "*", type: undefined, node });
    else if (node.kind === "lambda") {
      const types = lambdaParamTypes(
        name,
        i,
        args.map((a) => a.type),
      );
      args.push({ ...compileLambda(node, types, scope, ctx), node });
    } else args.push({ ...compileExpr(node, scope, ctx), node });
  }
  checkArgTypes(name, args, distinct);
  const sparkArgs = withSparkCoercion(name, withSparkStructs(name, args), ctx.ansi, ctx.timeZone);
  const fnCtx: FnContext = {
    name,
    distinct,
    timeZone: ctx.timeZone,
    ansi: ctx.ansi,
    over,
    literalString: (i) => String(literalArg(argNodes, i, name, "string")),
    literalInt: (i) => {
      const v = literalArg(argNodes, i, name, "integer");
      const n = typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number.NaN;
      if (!Number.isInteger(n))
        throw new AnalysisError(
          "NON_FOLDABLE_ARGUMENT",
          `Argument ${i + 1} of \`${name}\` must be an integer.`,
        );
      return n;
    },
  };
  const compiled = typedCall(
    def.compile(sparkArgs, fnCtx),
    def.returnType?.(sparkArgs, fnCtx),
    sparkArgs,
  );
  const narrowSql = over === "" ? def.narrow?.(args) : undefined;
  const typeKnown =
    over === "" &&
    compiled.type !== undefined &&
    def.exactType?.(args) === true &&
    args.every((a) => a.typeKnown === true || a.node.kind === "star");
  return {
    ...compiled,
    ...(narrowSql === undefined ? {} : { narrowSql }),
    ...(typeKnown ? { typeKnown } : {}),
  };
}

/**
 * A call given an untyped NULL argument. DuckDB folds many such calls to its untyped NULL,
 * which it reports as INTEGER (`concat(s, NULL)`): the result is cast to the Spark type the
 * function declares. A void result is only believed when every typed argument is void
 * (`coalesce(NULL, NULL)`), not when it merely echoes a NULL argument (`if(c, NULL, 1)`).
 */
function typedCall(sql: string, type: DataType | undefined, args: readonly FnArg[]): CompiledExpr {
  if (!args.some((a) => a.type?.typeName === "null")) return { sql, type };
  if (type?.typeName === "null") {
    const typed = args.filter((a) => a.type !== undefined);
    return { sql, type: typed.every((a) => a.type?.typeName === "null") ? type : undefined };
  }
  if (type === undefined || containsVoid(type)) return { sql, type };
  return { sql: `CAST(${sql} AS ${toDuckDBType(type)})`, type };
}

export function compileExpr(node: ExprNode, scope: Scope, ctx: ExprContext): CompiledExpr {
  switch (node.kind) {
    case "literal":
      return { sql: literalSql(node.value, node.dataType), type: node.dataType, typeKnown: true };
    case "column": {
      const column = compileColumn(scope, node.name, node.planId);
      return column.type === undefined ? column : { ...column, typeKnown: true };
    }
    case "star":
      throw new AnalysisError(
        "INVALID_STAR_USAGE",
        "`*` can only be used in select() or count(*).",
      );
    case "call":
      return compileCall(node.name, node.args, node.distinct, scope, ctx, "");
    case "alias":
      return compileExpr(node.expr, scope, ctx);
    case "cast": {
      const inner = compileExpr(node.expr, scope, ctx);
      const keepsBytes = inner.type?.typeName === "binary" && node.to.typeName === "string";
      return {
        sql: castSql(inner.sql, inner.type, node.to, node.tryCast, ctx.ansi, ctx.timeZone),
        type: node.to,
        ...(keepsBytes ? { bytesSql: inner.sql } : {}),
        ...(inner.typeKnown === true ? { typeKnown: true } : {}),
      };
    }
    case "sortOrder": {
      const inner = compileExpr(node.expr, scope, ctx);
      // DuckDB rebuilds a sorted bare column from its sort key, which turns -0.0 into 0.0;
      // sorting by `x + 0.0` (the same order) leaves the selected value alone.
      const fractional = inner.type?.typeName === "double" || inner.type?.typeName === "float";
      const key = fractional ? `(${inner.sql} + 0.0)` : inner.sql;
      return {
        sql: `${key} ${node.direction.toUpperCase()} NULLS ${node.nulls.toUpperCase()}`,
        type: inner.type,
      };
    }
    case "window": {
      const over = overSql(node, (e) => compileExpr(e, scope, ctx).sql);
      if (node.fn.kind !== "call")
        throw new AnalysisError(
          "INVALID_WINDOW_FUNCTION",
          "Only function calls can be used over a window.",
        );
      checkWindow(node, node.fn);
      const def = lookupFunction(node.fn.name);
      if (def.kind !== "aggregate" && def.kind !== "window") {
        throw new AnalysisError(
          "NOT_A_WINDOW_FUNCTION",
          `\`${node.fn.name}\` is not an aggregate or window function, so it cannot be used with over().`,
        );
      }
      return compileCall(node.fn.name, node.fn.args, node.fn.distinct, scope, ctx, over);
    }
    case "extract": {
      const base = compileExpr(node.expr, scope, ctx);
      const key = node.key;
      const t = base.type;
      if (t?.typeName === "struct" && key.kind === "literal" && typeof key.value === "string") {
        const field = t.field(key.value);
        if (field === undefined) {
          throw new AnalysisError(
            "FIELD_NOT_FOUND",
            `No such struct field \`${key.value}\` in ${t
              .fieldNames()
              .map((n) => `\`${n}\``)
              .join(", ")}.`,
          );
        }
        return {
          sql: `struct_extract(${base.sql}, ${quoteString(field.name)})`,
          type: field.dataType,
        };
      }
      const k = compileExpr(key, scope, ctx);
      if (t?.typeName === "map") return { sql: `${base.sql}[${k.sql}]`, type: t.valueType };
      if (t?.typeName === "array" || t === undefined) {
        // Spark's [] on arrays is 0-based; DuckDB lists are 1-based.
        if (t === undefined && key.kind === "literal" && typeof key.value === "string") {
          return { sql: `struct_extract(${base.sql}, ${k.sql})`, type: undefined };
        }
        return {
          sql: arrayItemSql(base.sql, k.sql, ctx.ansi),
          type: t?.typeName === "array" ? t.elementType : undefined,
        };
      }
      throw new AnalysisError(
        "INVALID_EXTRACT_BASE_TYPE",
        `Cannot take an item of a value of type ${t.simpleString()}.`,
      );
    }
    case "lambda":
      return compileLambda(node, [], scope, ctx);
    case "lambdaVar":
      return { sql: quoteIdent(node.name), type: scope.lambdaVars.get(node.name) };
    default:
      return assertNever(node, "expression");
  }
}

/** A lambda whose parameters have the given Spark types (undefined: unknown). */
function compileLambda(
  node: LambdaNode,
  types: readonly (DataType | undefined)[],
  scope: Scope,
  ctx: ExprContext,
): CompiledExpr {
  const vars = new Map(scope.lambdaVars);
  for (const [i, p] of node.params.entries()) vars.set(p, types[i]);
  const body = compileExpr(node.body, { entries: scope.entries, lambdaVars: vars }, ctx);
  return {
    sql: `lambda ${node.params.map(quoteIdent).join(", ")}: ${body.sql}`,
    type: body.type,
  };
}
