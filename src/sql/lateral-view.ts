/**
 * `LATERAL VIEW [OUTER] generator(...) t AS a [, b]`: Spark's way to join each row with the
 * rows a generator makes, planned as the DataFrame API's `select("*", explode(...))`.
 */
import { AnalysisError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { StarNode } from "../plan/expression/star.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { ProjectNode } from "../plan/relation/project.js";
import { WithColumnsRenamedNode } from "../plan/relation/with-columns-renamed.js";
import { parseExpr } from "../sql-expr/boolean.js";
import { call } from "../sql-expr/context.js";
import type { QueryContext } from "./context.js";
import { implicitAliasAhead } from "./names.js";

/**
 * `LATERAL VIEW [OUTER] explode(x) t AS a [, b]`: the generator's columns appended to each
 * row (OUTER keeps rows whose collection is empty or null).
 */
export function parseLateralView(ctx: QueryContext, input: RelationNode): RelationNode {
  const { c } = ctx;
  c.expectWord("LATERAL");
  c.expectWord("VIEW");
  const outer = c.acceptWord("OUTER");
  const fnToken = c.peek();
  const fn = parseExpr(ctx);
  if (fn.kind !== "call")
    return c.fail("a generator function such as explode(...)", undefined, fnToken);
  const name = outer && !fn.name.endsWith("_outer") ? `${fn.name}_outer` : fn.name;
  const generator = call(name, fn.args);
  if (!c.isWord("AS")) c.identifier("a table alias for the LATERAL VIEW");
  const columns: string[] = [];
  if (c.acceptWord("AS") || implicitAliasAhead(ctx)) {
    do columns.push(c.identifier("a column alias").name);
    while (c.acceptOp(","));
  }
  if (columns.length <= 1) {
    const [only] = columns;
    const item: ExprNode = only === undefined ? generator : AliasNode.create(generator, only);
    return ProjectNode.create(input, [StarNode.create(), item]);
  }
  // A generator of several columns takes no single alias (Spark: UDTF_ALIAS_NUMBER_MISMATCH):
  // its default names are renamed instead.
  const defaults = name.startsWith("posexplode") ? ["pos", "col"] : ["key", "value"];
  if (columns.length !== defaults.length) {
    throw new AnalysisError(
      "UNSUPPORTED_SQL_SYNTAX",
      `LATERAL VIEW ${fn.name} got ${columns.length} column aliases.`,
      { hint: "posexplode makes (pos, col); explode of a map makes (key, value)." },
    );
  }
  return WithColumnsRenamedNode.create(
    ProjectNode.create(input, [StarNode.create(), generator]),
    defaults.map((d, i) => [d, columns[i] ?? d] as const),
  );
}
