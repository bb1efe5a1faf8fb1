/**
 * Test helpers: a compact, unambiguous rendering of expression nodes, so a test can state
 * the whole tree in one string (`and(>(delay, 10), ==(origin, 'SFO'))`).
 */
import { AnalysisError } from "../../../src/errors.js";
import type { LiteralNode } from "../../../src/plan/expression/literal.js";
import type { FrameBound } from "../../../src/plan/expression/window.js";
import type { ExprNode } from "../../../src/plan/node.js";
import { Decimal } from "../../../src/types/decimal.js";

function literal(node: LiteralNode): string {
  const v = node.value;
  const type = node.dataType.simpleString();
  if (v === null) return type === "void" ? "NULL" : `NULL:${type}`;
  if (typeof v === "string") return type === "string" ? `'${v}'` : `'${v}':${type}`;
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return type === "int" ? String(v) : `${v}:${type}`;
  if (typeof v === "bigint") return `${v}:${type}`;
  if (v instanceof Decimal) return `${v.toString()}:${type}`;
  if (v instanceof Date) return `${v.toISOString()}:${type}`;
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString("hex")}'`;
  return JSON.stringify(v);
}

function bound(b: FrameBound): string {
  return b.type === "offset" ? String(b.value) : b.type;
}

export function render(node: ExprNode): string {
  switch (node.kind) {
    case "literal":
      return literal(node);
    case "column":
      return node.name;
    case "star":
      return node.target === undefined ? "*" : `${node.target}.*`;
    case "call":
      return `${node.name}(${node.distinct ? "DISTINCT " : ""}${node.args.map(render).join(", ")})`;
    case "alias":
      return `${render(node.expr)} AS ${node.name}`;
    case "cast":
      return `${node.tryCast ? "try_cast" : "cast"}(${render(node.expr)} AS ${node.to.simpleString()})`;
    case "sortOrder":
      return `${render(node.expr)} ${node.direction} nulls ${node.nulls}`;
    case "window": {
      const parts = [
        `partition[${node.partitionBy.map(render).join(", ")}]`,
        `order[${node.orderBy.map(render).join(", ")}]`,
      ];
      if (node.frame !== undefined) {
        parts.push(
          `${node.frame.frameType}(${bound(node.frame.lower)}, ${bound(node.frame.upper)})`,
        );
      }
      return `${render(node.fn)} over(${parts.join(" ")})`;
    }
    case "extract":
      return `${render(node.expr)}[${render(node.key)}]`;
    case "lambda":
      return `(${node.params.join(", ")}) -> ${render(node.body)}`;
    case "lambdaVar":
      return `$${node.name}`;
  }
}

/** The AnalysisError `fn` throws (fails the test when it throws nothing or something else). */
export function analysisError(fn: () => unknown): AnalysisError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AnalysisError) return e;
    throw e;
  }
  throw new Error("expected an AnalysisError");
}

/** A small seeded PRNG (mulberry32), so property tests are reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that tend to break quoting: quotes, escapes, comment starts, controls, unicode. */
const NASTY = [
  "'",
  '"',
  "`",
  "\\",
  "\\\\",
  "\\'",
  ";",
  "--",
  "/*",
  "*/",
  "\n",
  "\r",
  "\t",
  "\u0000",
  "%",
  "_",
  "\\u0041",
  "\\n",
  "\\%",
  "é",
  "日本",
  "😀",
  "\uD800",
  "\u2028",
  " ",
  "a",
  "Z",
  "0",
  "'; DROP TABLE t; --",
  "$",
  "{",
  "}",
];

/** A random string made of NASTY pieces and random code points. */
export function nastyString(next: () => number, maxPieces = 12): string {
  const n = Math.floor(next() * maxPieces);
  let out = "";
  for (let i = 0; i < n; i++) {
    if (next() < 0.7) out += NASTY[Math.floor(next() * NASTY.length)] ?? "";
    else out += String.fromCodePoint(Math.floor(next() * 0x2ffff));
  }
  return out;
}
