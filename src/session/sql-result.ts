/**
 * What `spark.sql` returns: a DataFrame that can also be awaited. A query is lazy, as every
 * DataFrame (awaiting it gives the same frame). A statement (CREATE TABLE, INSERT, MERGE,
 * DESCRIBE HISTORY...) starts running at once, as PySpark runs commands eagerly, after the
 * session's earlier statements; awaiting it waits for it and gives Spark's result frame, and
 * a failure rejects there. Its own plan is the empty frame Spark answers most statements
 * with, so read the result of DESCRIBE / SHOW / MERGE from the awaited frame.
 */
import { DataFrame } from "../dataframe/dataframe.js";
import type { RelationNode } from "../plan/node.js";
import type { SparkSession } from "./session.js";

// DataFrame instances are frozen: the pending result lives beside the frame, not on it.
const results = new WeakMap<SqlDataFrame, Promise<DataFrame>>();

export class SqlDataFrame extends DataFrame implements PromiseLike<DataFrame> {
  /** @internal a statement's frame, resolving to `result`. */
  static running(session: SparkSession, plan: RelationNode, result: Promise<DataFrame>) {
    const frame = new SqlDataFrame(session, plan);
    results.set(frame, result);
    return frame;
  }

  // biome-ignore lint/suspicious/noThenProperty: spark.sql's statements are awaited, as PySpark runs them eagerly.
  then<A = DataFrame, B = never>(
    onfulfilled?: ((value: DataFrame) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const result =
      results.get(this) ?? Promise.resolve(new DataFrame(this.sparkSession, this.plan));
    return result.then(onfulfilled, onrejected);
  }
}
