/**
 * Every relation carries a `planId`, unique in the process: Spark Connect resolves
 * `df.col("x")` through it, and the SQL compiler uses it to name subqueries.
 */
let next = 0;

export function nextPlanId(): number {
  next += 1;
  return next;
}
