/**
 * `hash` and `xxhash64` with Spark's values: each argument becomes, by its Spark type, a
 * list of primitive tokens in Spark's encoding (see `hash/tokens.ts`); the tokens of all
 * arguments, in order, go to one JS UDF that folds them with the seeded hash.
 */
import { AnalysisError, UnsupportedOperationError } from "../../../errors.js";
import { type DataType, IntegerType, LongType } from "../../../types/data-types.js";
import { TokenKind } from "../hash/tokens.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { type FnArg, type FunctionDef, returns } from "./types.js";

// Spark keeps the largest unscaled decimal that fits a long at 18 digits.
const MAX_LONG_DIGITS = 18;

interface Payload {
  readonly n?: string;
  readonly d?: string;
  readonly b?: string;
}

function token(kind: number, payload: Payload): string {
  const n = payload.n ?? "NULL";
  const d = payload.d ?? "NULL";
  const b = payload.b ?? "NULL";
  return `[{'k': ${kind}, 'n': CAST(${n} AS BIGINT), 'd': CAST(${d} AS DOUBLE), 'b': CAST(${b} AS BLOB)}]`;
}

/** A list of tokens for each element, flattened; a null or empty list gives no tokens. */
function eachElement(list: string, depth: number, element: (v: string) => string): string {
  const v = quoteIdent(`__hash${depth}`);
  return `COALESCE(flatten(list_transform(${list}, lambda ${v}: ${element(v)})), [])`;
}

function tokens(sql: string, type: DataType, depth: number, fn: string): string {
  switch (type.typeName) {
    case "byte":
    case "short":
    case "integer":
    case "boolean":
      return token(TokenKind.int, { n: sql });
    case "date":
      return token(TokenKind.int, { n: `(${sql} - DATE '1970-01-01')` });
    case "long":
      return token(TokenKind.long, { n: sql });
    case "timestamp":
    case "timestamp_ntz":
      return token(TokenKind.long, { n: `epoch_us(${sql})` });
    case "float":
      return token(TokenKind.float, { d: sql });
    case "double":
      return token(TokenKind.double, { d: sql });
    case "string":
      return token(TokenKind.bytes, { b: `encode(${sql})` });
    case "binary":
      return token(TokenKind.bytes, { b: sql });
    case "null":
      return token(TokenKind.int, {});
    case "decimal": {
      // DuckDB writes every digit of the scale, so dropping the point leaves the unscaled value.
      const exact = `CAST(${sql} AS DECIMAL(${type.precision}, ${type.scale}))`;
      const unscaled = `replace(CAST(${exact} AS VARCHAR), '.', '')`;
      return type.precision <= MAX_LONG_DIGITS
        ? token(TokenKind.long, { n: unscaled })
        : token(TokenKind.bigDecimal, { b: `encode(${unscaled})` });
    }
    case "array":
      return eachElement(sql, depth, (v) => tokens(v, type.elementType, depth + 1, fn));
    case "struct": {
      const fields = type.fields.map((f) =>
        tokens(`struct_extract(${sql}, ${quoteString(f.name)})`, f.dataType, depth, fn),
      );
      return fields.length === 0 ? token(TokenKind.int, {}) : `flatten([${fields.join(", ")}])`;
    }
    case "map":
      throw new AnalysisError(
        "DATATYPE_MISMATCH.HASH_MAP_TYPE",
        `Input to the function \`${fn}\` cannot contain elements of the "MAP" type: equal maps may have different hash codes.`,
        {
          hint: "Hash map_entries(m) (sorted with array_sort if order should not matter) instead.",
        },
      );
  }
}

function hashFunction(udf: string, returnType: DataType): FunctionDef {
  return {
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    compile: (args: readonly FnArg[], ctx) => {
      const lists = args.map((a) => {
        if (a.type === undefined) {
          throw new UnsupportedOperationError(
            "duckdb",
            `function:${ctx.name}`,
            `${ctx.name}() needs the Spark type of each argument on the DuckDB engine, and one is unknown here.`,
            { hint: "Cast the argument to its type, e.g. CAST(x AS INT)." },
          );
        }
        return tokens(a.sql, a.type, 0, ctx.name);
      });
      return `${udf}(flatten([${lists.join(", ")}]))`;
    },
    returnType: returns(returnType),
  };
}

export const sparkHashFunctions = {
  hash: hashFunction("tributary_murmur3", IntegerType),
  xxhash64: hashFunction("tributary_xxhash64", LongType),
};
