/**
 * The OVER clause of a window expression in DuckDB's SQL. Spark allows a frame that starts
 * at the current row and ends before it (`ROWS BETWEEN CURRENT ROW AND 1 PRECEDING`, an empty
 * frame: null); DuckDB's parser refuses CURRENT ROW there, so it is written as the offset 0.
 */
import { LiteralNode } from "../../../plan/expression/literal.js";
import {
  type FrameBound,
  frameText,
  type WindowFrame,
  type WindowNode,
} from "../../../plan/expression/window.js";
import type { ExprNode } from "../../../plan/node.js";

const ZERO = LiteralNode.create(0);

const precedes = (b: FrameBound): boolean =>
  (b.type === "offset" && b.value < 0) || (b.type === "value" && b.preceding);
const follows = (b: FrameBound): boolean =>
  (b.type === "offset" && b.value > 0) || (b.type === "value" && !b.preceding);

function duckdbFrame(frame: WindowFrame): WindowFrame {
  if (frame.lower.type === "currentRow" && precedes(frame.upper))
    return { ...frame, lower: { type: "value", expr: ZERO, preceding: true } };
  if (frame.upper.type === "currentRow" && follows(frame.lower))
    return { ...frame, upper: { type: "value", expr: ZERO, preceding: false } };
  return frame;
}

/** ` OVER (PARTITION BY ... ORDER BY ... frame)`, each expression compiled by `sql`. */
export function overSql(node: WindowNode, sql: (e: ExprNode) => string): string {
  const parts: string[] = [];
  if (node.partitionBy.length > 0)
    parts.push(`PARTITION BY ${node.partitionBy.map(sql).join(", ")}`);
  if (node.orderBy.length > 0) parts.push(`ORDER BY ${node.orderBy.map(sql).join(", ")}`);
  if (node.frame !== undefined) parts.push(frameText(duckdbFrame(node.frame), sql));
  return ` OVER (${parts.join(" ")})`;
}
