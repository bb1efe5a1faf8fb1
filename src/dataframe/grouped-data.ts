/**
 * `df.groupBy(...)`: aggregate with `agg(...)` or the shortcuts (`count`, `sum`, `avg`,
 * `min`, `max`).
 *
 * @example
 * ```ts
 * df.groupBy("origin").agg(F.count("*").alias("flights"), F.avg("delay"));
 * df.groupBy("origin").agg({ delay: "max" });
 * ```
 */
import { toExpr } from "../coerce/coerce.js";
import type { Column } from "../column/column.js";
import { IllegalArgumentError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { StarNode } from "../plan/expression/star.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { AggregateNode, type GroupType } from "../plan/relation/aggregate.js";

/** Builds a DataFrame over a new plan (supplied by DataFrame to avoid an import cycle). */
export type PlanToFrame<DF> = (plan: RelationNode) => DF;

const AGG_ALIASES: Readonly<Record<string, string>> = {
  mean: "avg",
  average: "avg",
  std: "stddev",
};

export class GroupedData<DF> {
  constructor(
    private readonly input: RelationNode,
    private readonly grouping: readonly ExprNode[],
    private readonly groupType: GroupType,
    private readonly toFrame: PlanToFrame<DF>,
    /** The sets of `groupingSets` (empty for the other group types). */
    private readonly sets: readonly (readonly ExprNode[])[] = [],
  ) {}

  private aggregate(nodes: readonly ExprNode[]): DF {
    return this.toFrame(
      AggregateNode.create(this.input, this.groupType, this.grouping, nodes, this.sets),
    );
  }

  /** Aggregates: Columns, or `{ column: "function" }` as PySpark's dict form. */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DF {
    const nodes: ExprNode[] = [];
    for (const e of exprs) {
      if (typeof e === "object" && e !== null && "expr" in e) nodes.push(toExpr(e as Column));
      else {
        for (const [column, fn] of Object.entries(e)) {
          const name = AGG_ALIASES[fn.toLowerCase()] ?? fn.toLowerCase();
          const arg = column === "*" ? StarNode.create() : ColumnRefNode.create(column);
          nodes.push(CallNode.create(name, [arg]));
        }
      }
    }
    if (nodes.length === 0)
      throw new IllegalArgumentError("agg() needs at least one aggregate expression.");
    return this.aggregate(nodes);
  }

  /** Rows per group, in a column named `count`. */
  count(): DF {
    return this.aggregate([
      AliasNode.create(CallNode.create("count", [StarNode.create()]), "count"),
    ]);
  }

  private shortcut(fn: string, cols: readonly string[]): DF {
    if (cols.length === 0) {
      throw new IllegalArgumentError(
        `${fn}() needs column names here (Spark would use every numeric column; name them explicitly).`,
      );
    }
    return this.aggregate(cols.map((c) => CallNode.create(fn, [ColumnRefNode.create(c)])));
  }

  sum(...cols: string[]): DF {
    return this.shortcut("sum", cols);
  }
  avg(...cols: string[]): DF {
    return this.shortcut("avg", cols);
  }
  mean(...cols: string[]): DF {
    return this.shortcut("avg", cols);
  }
  min(...cols: string[]): DF {
    return this.shortcut("min", cols);
  }
  max(...cols: string[]): DF {
    return this.shortcut("max", cols);
  }
}
