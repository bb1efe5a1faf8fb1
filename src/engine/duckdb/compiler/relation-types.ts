import type { ReadNode } from "../../../plan/relation/read.js";
import type { SqlNode } from "../../../plan/relation/sql.js";
import type { ExprContext } from "./expression.js";
import type { OutCol } from "./scope.js";

/** A relation as SQL plus its output columns. */
export interface CompiledRelation {
  readonly sql: string;
  readonly columns: readonly OutCol[];
  /** Set by joins a join above may extend (relation-join.ts). */
  readonly chain?: JoinChain;
  /**
   * Every column's type is Spark's by our own rules (a select of columns, literals, casts,
   * arithmetic, predicates, common aggregates): analysis need not ask DuckDB.
   */
  readonly typesKnown?: boolean;
}

/**
 * A join's FROM clause and the SQL of each output column in it, so that a join above
 * extends that FROM instead of nesting its SELECT: DuckDB orders the joins of one FROM by
 * its cost estimates, but not across nested SELECTs.
 */
export interface JoinChain {
  readonly from: string;
  /** Parallel to the relation's columns. */
  readonly refs: readonly string[];
}

export interface RelationContext extends ExprContext {
  /** Sources the engine resolves itself (file reads, spark.sql), already compiled. */
  source(node: ReadNode | SqlNode): CompiledRelation;
}

/** The FROM alias of a relation's input. */
export function inputAlias(planId: number): string {
  return `q${planId}`;
}

/** A column passing through a relation unchanged keeps its identity and gains the planId. */
export function pass(col: OutCol, planId: number): OutCol {
  return { ...col, planIds: [...col.planIds, planId] };
}
