/**
 * The shape of generated SQL's joins: how many joins share one FROM clause (the most in
 * any), counted at each parenthesis level. DuckDB orders the joins of one FROM by cost, so
 * tests check that a join graph reaches it flat, not as nested SELECTs.
 */
export function maxJoinsInOneFrom(sql: string): number {
  const counts: number[] = [0];
  let most = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") {
      // A string literal: its parentheses and words are not the query's.
      i = sql.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (ch === "(") counts.push(0);
    else if (ch === ")") most = Math.max(most, counts.pop() ?? 0);
    else if (sql.startsWith(" JOIN ", i)) counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
  }
  return Math.max(most, ...counts);
}

/** The generated DuckDB SQL that `explain` prints. */
export function generatedSql(explained: string): string {
  return (
    explained.split("== Generated SQL (DuckDB) ==\n")[1]?.split("\n\n== Physical Plan ==")[0] ?? ""
  );
}
