import type { ExprNode } from "../node.js";

/**
 * A function call by Spark's function name, operators included (`+`, `==`, `and`):
 * the Spark engine passes the name through, the DuckDB compiler translates it through
 * its function table.
 */
export interface CallNode {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly ExprNode[];
  readonly distinct: boolean;
}

export const CallNode = {
  create(name: string, args: readonly ExprNode[], distinct = false): CallNode {
    return Object.freeze({ kind: "call", name, args: Object.freeze([...args]), distinct });
  },
};
