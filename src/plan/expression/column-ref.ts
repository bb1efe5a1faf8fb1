/**
 * A reference to a column by name, resolved against the input relation. `name` is Spark's
 * attribute text: `a`, `t.a`, `` `a.b` `` (a column whose name contains a dot), `s.field`.
 * `planId` pins the reference to one side of a self-join (`df1.col("id")`).
 */
export interface ColumnRefNode {
  readonly kind: "column";
  readonly name: string;
  readonly planId: number | undefined;
}

export const ColumnRefNode = {
  create(name: string, planId?: number): ColumnRefNode {
    return Object.freeze({ kind: "column", name, planId });
  },
};
