import { describe, expect, it } from "vitest";
import { AnalysisError } from "../../../src/errors.js";
import { parseExpression, parseSelectItem } from "../../../src/sql-expr/index.js";
import { analysisError } from "./render.js";

describe("syntax errors", () => {
  it("reads like Spark's: token, line, pos, the text and a caret", () => {
    const e = analysisError(() => parseExpression("delay > 10 AND AND origin = 'SFO'"));
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    expect(e.message).toBe(
      "Syntax error at or near 'AND' (line 1, pos 15): expected an expression.\n\n" +
        "== SQL ==\n" +
        "delay > 10 AND AND origin = 'SFO'\n" +
        "---------------^^^",
    );
    expect(e.hint).toContain("backquotes");
    expect(e.toJSON()).toMatchObject({
      code: "PARSE_SYNTAX_ERROR",
      context: { line: 1, pos: 15, near: "AND" },
    });
  });

  it("says 'end of input' when the text stops early", () => {
    const e = analysisError(() => parseExpression("a >"));
    expect(e.message.split("\n")[0]).toBe(
      "Syntax error at or near end of input (line 1, pos 3): expected an expression.",
    );
  });

  it("places the caret on the right line of multi-line text", () => {
    const e = analysisError(() => parseExpression("a = 1\n  AND b = = 2\n  AND c"));
    expect(e.message).toBe(
      "Syntax error at or near '=' (line 2, pos 10): expected an expression.\n\n" +
        "== SQL ==\na = 1\n  AND b = = 2\n----------^^^\n  AND c",
    );
  });

  it.each([
    ["", "an expression"],
    ["a b", "end of input"],
    ["(a + 1", "')'"],
    ["f(a, b", "')'"],
    ["a[0", "']'"],
    ["CASE WHEN a THEN 1", "END"],
    ["CASE a END", "WHEN"],
    ["CAST(a INT)", "AS"],
    ["CAST(a AS)", "a data type"],
    ["a BETWEEN 1", "AND"],
    ["a IS 5", "NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS"],
    ["a IN 1", "'('"],
    ["a NOT b", "end of input"],
    ["a + , b", "an expression"],
    ["a.", "end of input"],
    ["sum(x) OVER (ORDER BY t ROWS BETWEEN 1 PRECEDING)", "AND"],
    ["sum(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED AND CURRENT ROW)", "FOLLOWING"],
    ["a = 1; DROP TABLE t", "end of input"],
    ["a = 'x' -- ok\n; b", "end of input"],
    ["a LIKE ANY ()", "at least one pattern"],
  ])("%j: expected %s", (text, expected) => {
    const e = analysisError(() => parseExpression(text));
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    expect(e.context.expected).toBe(expected);
  });

  it.each([
    ["a IN (SELECT id FROM t)", "A subquery"],
    ["EXISTS (SELECT 1)", "EXISTS (subquery)"],
    ["(SELECT 1)", "A subquery"],
    ["f(k => 1)", "A named argument"],
    ["first(a) FILTER (WHERE b)", "FILTER (WHERE ...) on first()"],
    ["sum(a) FILTER (WHERE b) OVER (ORDER BY t)", "FILTER (WHERE ...) on a window function"],
    ["percentile_cont(0.5) WITHIN GROUP (ORDER BY a)", "WITHIN GROUP"],
    ["sum(a) OVER (ORDER BY t ROWS BETWEEN x PRECEDING AND CURRENT ROW)", "A frame bound"],
    ["a = ?", "A parameter marker"],
    ["a = :p", "A parameter marker"],
  ])("%j is valid Spark but unsupported here", (text, what) => {
    const e = analysisError(() => parseSelectItem(text));
    expect(e.code).toBe("UNSUPPORTED_SQL_SYNTAX");
    expect(e.message).toContain(`${what}`);
    expect(e.hint).toBeTruthy();
  });

  it("names an undefined window (expression text has no WINDOW clause)", () => {
    const e = analysisError(() => parseSelectItem("sum(a) OVER w"));
    expect(e.code).toBe("MISSING_WINDOW_SPECIFICATION");
    expect(e.message).toContain("`w`");
  });

  it("explains that a query is not an expression", () => {
    expect(analysisError(() => parseExpression("SELECT a FROM t")).hint).toContain("spark.sql");
  });

  it("rejects IGNORE NULLS on functions that do not take it", () => {
    expect(analysisError(() => parseExpression("sum(x) IGNORE NULLS")).message).toContain(
      "IGNORE NULLS does not apply to sum()",
    );
  });

  it("keeps long tokens short in the headline", () => {
    const e = analysisError(() => parseExpression(`a ${"x".repeat(100)}`));
    expect(e.message.split("\n")[0]).toContain(`'${"x".repeat(40)}...'`);
  });
});
