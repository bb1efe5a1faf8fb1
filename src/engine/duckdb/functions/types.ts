/**
 * The DuckDB function table: Spark function name -> how to write it in DuckDB SQL with
 * Spark's semantics. Each family lives in its own file; `registry.ts` joins them.
 */
import type {
  FunctionKind as CatalogFunctionKind,
  SparkFunctionName,
} from "../../../plan/functions/index.js";
import type { ExprNode } from "../../../plan/node.js";
import { type DataType, isNumeric } from "../../../types/data-types.js";

/** One compiled argument: its SQL, its Spark type when known, and its plan node. */
export interface FnArg {
  readonly sql: string;
  readonly type: DataType | undefined;
  readonly node: ExprNode;
  /** The bytes of a string cast from binary (see CompiledExpr.bytesSql). */
  readonly bytesSql?: string;
  /** Its value in 64 bits or an overflow error (see CompiledExpr.narrowSql). */
  readonly narrowSql?: string;
  /** Its type is Spark's by our own rules (see CompiledExpr.typeKnown). */
  readonly typeKnown?: boolean;
}

export interface FnContext {
  /** The Spark name the user called. */
  readonly name: string;
  readonly distinct: boolean;
  /** The session time zone (`spark.sql.session.timeZone`). */
  readonly timeZone: string;
  /** `spark.sql.ansi.enabled`: invalid input and overflow fail instead of giving null. */
  readonly ansi: boolean;
  /** The value of a literal string argument, or an AnalysisError naming the function. */
  literalString(index: number): string;
  /** The value of a literal integer argument. */
  literalInt(index: number): number;
  /**
   * ` OVER (...)` when the call is windowed, else "". Aggregate and window functions put it
   * right after their call, inside any cast they wrap around it.
   */
  readonly over: string;
}

/** The catalog's kinds; a higher-order (lambda) function compiles as a scalar one here. */
export type FunctionKind = Exclude<CatalogFunctionKind, "lambda">;

export interface FunctionDef {
  readonly kind?: FunctionKind;
  readonly minArgs: number;
  /** Omit for "same as minArgs"; `Number.POSITIVE_INFINITY` for varargs. */
  readonly maxArgs?: number;
  compile(args: readonly FnArg[], ctx: FnContext): string;
  /** The result's Spark type, when it can be told from the arguments. */
  returnType?(args: readonly FnArg[], ctx?: FnContext): DataType | undefined;
  /**
   * Whether `returnType` is exactly the type the compiled SQL gives DuckDB (and Spark's) for
   * these arguments, checked against DuckDB's DESCRIBE in tests: analysis then takes it
   * without asking DuckDB. Omit when in doubt: DESCRIBE is then the judge.
   */
  exactType?(args: readonly FnArg[]): boolean;
  /** The result's narrow form (functions/decimal-narrow.ts), when it has one. */
  narrow?(args: readonly FnArg[]): string | undefined;
  /**
   * Generators (`explode`, `posexplode`) produce rows and possibly several columns: the
   * select items, with Spark's default column names.
   */
  generate?(args: readonly FnArg[]): readonly GeneratedColumn[];
}

export interface GeneratedColumn {
  readonly name: string;
  readonly sql: string;
  readonly type: DataType | undefined;
}

/**
 * One family's functions, keyed by catalog name: a name the catalog does not know fails to
 * compile. `registry.ts` checks that the families together cover the whole catalog.
 */
export type FamilyTable = Readonly<Partial<Record<SparkFunctionName, FunctionDef>>>;

/** `name(a, b, ...)` with the same arguments: for functions DuckDB spells like Spark. */
export function same(
  duckName: string,
  minArgs: number,
  maxArgs = minArgs,
  returnType?: FunctionDef["returnType"],
): FunctionDef {
  return {
    minArgs,
    maxArgs,
    compile: (args) => `${duckName}(${args.map((a) => a.sql).join(", ")})`,
    ...(returnType === undefined ? {} : { returnType }),
  };
}

/** A fixed result type. */
export function returns(t: DataType): FunctionDef["returnType"] {
  return () => t;
}

/** `exactType` for any arguments. */
export const always = (): boolean => true;

/** `exactType` when every argument is a number (not a string, interval or date). */
export function numericArgs(args: readonly FnArg[]): boolean {
  return args.every((a) => a.type !== undefined && isNumeric(a.type));
}

/** The type of argument i. */
export function argType(i: number): FunctionDef["returnType"] {
  return (args) => args[i]?.type;
}

export function sqlOf(args: readonly FnArg[], i: number): string {
  const a = args[i];
  if (a === undefined) throw new RangeError(`argument ${i} is missing`);
  return a.sql;
}
