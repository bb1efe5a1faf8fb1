import type { ReadNode } from "../../../plan/relation/read.js";
import type { SqlNode } from "../../../plan/relation/sql.js";
import type { ExprContext } from "./expression.js";
import type { OutCol } from "./scope.js";

/** A relation as SQL plus its output columns. */
export interface CompiledRelation {
  readonly sql: string;
  readonly columns: readonly OutCol[];
  /**
   * Every column's type is Spark's by our own rules (a select of columns, literals, casts,
   * arithmetic, predicates, common aggregates): analysis need not ask DuckDB.
   */
  readonly typesKnown?: boolean;
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
