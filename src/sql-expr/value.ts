/**
 * Spark's `valueExpression`: binary operators by precedence climbing, loosest first —
 * comparison < `|` < `^` < `&` < shifts < `+ - ||` < `* / % DIV` — all left-associative,
 * then unary `- + ~`, then primaries with their postfix operators.
 */
import type { ExprNode } from "../plan/node.js";
import { call, type ParseContext } from "./context.js";
import { numberLiteral } from "./literals.js";
import { parsePostfix, parsePrimary } from "./primary.js";

interface BinaryOp {
  readonly precedence: number;
  /** The CallNode name (Spark's function registry name). */
  readonly name: string;
}

const COMPARISON = 1;

const SYMBOLS: Readonly<Record<string, BinaryOp>> = {
  "=": { precedence: COMPARISON, name: "==" },
  "==": { precedence: COMPARISON, name: "==" },
  "<>": { precedence: COMPARISON, name: "!=" },
  "!=": { precedence: COMPARISON, name: "!=" },
  "<": { precedence: COMPARISON, name: "<" },
  "<=": { precedence: COMPARISON, name: "<=" },
  "!>": { precedence: COMPARISON, name: "<=" },
  ">": { precedence: COMPARISON, name: ">" },
  ">=": { precedence: COMPARISON, name: ">=" },
  "!<": { precedence: COMPARISON, name: ">=" },
  "<=>": { precedence: COMPARISON, name: "<=>" },
  "|": { precedence: 2, name: "|" },
  "^": { precedence: 3, name: "^" },
  "&": { precedence: 4, name: "&" },
  "<<": { precedence: 5, name: "shiftleft" },
  ">>": { precedence: 5, name: "shiftright" },
  ">>>": { precedence: 5, name: "shiftrightunsigned" },
  "+": { precedence: 6, name: "+" },
  "-": { precedence: 6, name: "-" },
  "||": { precedence: 6, name: "concat" },
  "*": { precedence: 7, name: "*" },
  "/": { precedence: 7, name: "/" },
  "%": { precedence: 7, name: "%" },
};

const DIV: BinaryOp = { precedence: 7, name: "div" };

function binaryAhead(ctx: ParseContext): BinaryOp | undefined {
  const t = ctx.c.peek();
  if (t.kind === "op") return SYMBOLS[t.text];
  return ctx.c.isWord("DIV") ? DIV : undefined;
}

/**
 * A value expression whose operators bind at least as tightly as `minPrecedence`.
 *
 * @example
 * ```ts
 * parseValue(newContext("1 + 2 * 3")); // +(1, *(2, 3))
 * ```
 */
export function parseValue(ctx: ParseContext, minPrecedence = COMPARISON): ExprNode {
  let left = parseUnary(ctx);
  for (;;) {
    const op = binaryAhead(ctx);
    if (op === undefined || op.precedence < minPrecedence) return left;
    ctx.c.next();
    left = call(op.name, [left, parseValue(ctx, op.precedence + 1)]);
  }
}

function parseUnary(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  if (c.isOp("-")) {
    c.next();
    // Spark's `number` rule owns the minus: `-1` is the literal -1, not negative(1).
    if (c.peek().kind === "number") return parsePostfix(ctx, numberLiteral(ctx, c.next(), true));
    return call("negative", [parseUnary(ctx)]);
  }
  if (c.acceptOp("+")) return call("positive", [parseUnary(ctx)]);
  if (c.acceptOp("~")) return call("~", [parseUnary(ctx)]);
  return parsePostfix(ctx, parsePrimary(ctx));
}
