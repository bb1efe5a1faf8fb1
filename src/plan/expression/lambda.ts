import type { ExprNode } from "../node.js";

/** `x -> body` for higher-order functions (`transform`, `filter`, `exists`...). */
export interface LambdaNode {
  readonly kind: "lambda";
  readonly params: readonly string[];
  readonly body: ExprNode;
}

/** A lambda parameter inside a lambda body. */
export interface LambdaVarNode {
  readonly kind: "lambdaVar";
  readonly name: string;
}

export const LambdaNode = {
  create(params: readonly string[], body: ExprNode): LambdaNode {
    return Object.freeze({ kind: "lambda", params: Object.freeze([...params]), body });
  },
};

export const LambdaVarNode = {
  create(name: string): LambdaVarNode {
    return Object.freeze({ kind: "lambdaVar", name });
  },
};
