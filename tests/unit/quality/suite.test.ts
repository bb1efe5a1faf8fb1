import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EXPECTATION_TYPES,
  ExpectationSuite,
  loadSuite,
  QualityError,
  readSuite,
  suite,
} from "../../../src/quality/index.js";

function thrown(f: () => unknown): QualityError {
  try {
    f();
  } catch (e) {
    if (e instanceof QualityError) return e;
    throw e;
  }
  throw new Error("expected a QualityError");
}

describe("the fluent builder", () => {
  it("builds an immutable suite with GE's names and kwargs", () => {
    const base = suite("orders");
    const s = base
      .expectColumnValuesToNotBeNull("id")
      .expectColumnValuesToBeBetween("amount", {
        min_value: 0,
        mostly: 0.99,
        meta: { owner: "ops" },
      })
      .expectCompoundColumnsToBeUnique(["id", "day"])
      .expectColumnPairValuesAToBeGreaterThanB("end", "start", { or_equal: true })
      .expectColumnMaxToBeWithin("ts", { minutes: 30 });
    expect(base.expectations).toHaveLength(0);
    expect(s).toBeInstanceOf(ExpectationSuite);
    expect(s.expectations.map((e) => e.type)).toEqual([
      "expect_column_values_to_not_be_null",
      "expect_column_values_to_be_between",
      "expect_compound_columns_to_be_unique",
      "expect_column_pair_values_a_to_be_greater_than_b",
      "expect_column_max_to_be_within",
    ]);
    expect(s.expectations[1]).toEqual({
      type: "expect_column_values_to_be_between",
      kwargs: { column: "amount", min_value: 0, mostly: 0.99 },
      meta: { owner: "ops" },
    });
    expect(Object.isFrozen(s.expectations[1]?.kwargs)).toBe(true);
  });

  it("covers every expectation type through expect()", () => {
    expect(EXPECTATION_TYPES).toHaveLength(26);
    const s = suite("x").expect("expect_column_stdev_to_be_between", { column: "a", max_value: 1 });
    expect(s.expectations[0]?.kwargs).toEqual({ column: "a", max_value: 1 });
  });

  it("refuses wrong kwargs where the suite is written", () => {
    const e = thrown(() => suite("s").expectColumnValuesToBeBetween("a", {}));
    expect(e.code).toBe("QUALITY_INVALID_KWARG");
    expect(e.message).toBe(
      'expectation #0 (expect_column_values_to_be_between): kwarg "min_value" and max_value cannot both be None (null).',
    );
    const m = thrown(() => suite("s").expectColumnValuesToNotBeNull("a", { mostly: 1.5 }));
    expect(m.message).toContain('kwarg "mostly" must be a number between 0 and 1');
    const r = thrown(() =>
      suite("s").expectTableRowCountToBeBetween({ min_value: 5, max_value: 1 }),
    );
    expect(r.message).toContain("(5) must be less than or equal to max_value (1)");
    const c = thrown(() => suite("s").expectCompoundColumnsToBeUnique(["a"]));
    expect(c.message).toContain("at least two columns");
    const d = thrown(() => suite("s").expectColumnMaxToBeWithin("ts", "soon"));
    expect(d.message).toContain('"soon" is not a duration');
  });

  it("writes GE 1.x suite JSON that loads back to the same suite", () => {
    const s = suite("orders", { source: "test" })
      .expectColumnValuesToBeInSet("status", ["new", "paid"])
      .expectColumnValuesToMatchRegex("code", "^[A-Z]{2}-\\d+$", { result_format: "COMPLETE" });
    const json = JSON.stringify(s);
    expect(JSON.parse(json)).toEqual({
      name: "orders",
      meta: { source: "test" },
      expectations: [
        {
          type: "expect_column_values_to_be_in_set",
          kwargs: { column: "status", value_set: ["new", "paid"] },
          meta: {},
        },
        {
          type: "expect_column_values_to_match_regex",
          kwargs: { column: "code", regex: "^[A-Z]{2}-\\d+$", result_format: "COMPLETE" },
          meta: {},
        },
      ],
    });
    expect(loadSuite(json)).toEqual(s);
  });
});

describe("loading GE suite JSON", () => {
  it("reads GE 1.x and GE 0.x spellings, ignoring GE's bookkeeping fields", () => {
    const v1 = loadSuite({
      name: "orders",
      id: "6f0b...",
      notes: null,
      meta: { great_expectations_version: "1.24.1" },
      expectations: [
        {
          type: "expect_column_values_to_not_be_null",
          kwargs: { column: "id", batch_id: "pandas-data" },
          meta: {},
          id: "a1",
          severity: "critical",
          rendered_content: null,
        },
      ],
    });
    const v0 = loadSuite({
      expectation_suite_name: "orders",
      ge_cloud_id: null,
      data_asset_type: null,
      expectations: [
        { expectation_type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } },
      ],
    });
    expect(v1.name).toBe("orders");
    expect(v0.expectations[0]?.type).toBe("expect_column_values_to_not_be_null");
    expect(v1.expectations[0]?.kwargs).toEqual({ column: "id", batch_id: "pandas-data" });
  });

  it("names the expectation index and the closest known type", () => {
    const e = thrown(() =>
      loadSuite({
        name: "s",
        expectations: [
          { type: "expect_column_values_to_not_be_null", kwargs: { column: "a" } },
          { type: "expect_column_values_to_be_betwen", kwargs: { column: "a" } },
        ],
      }),
    );
    expect(e.code).toBe("QUALITY_UNKNOWN_EXPECTATION");
    expect(e.message).toBe(
      'expectation #1: unknown expectation type "expect_column_values_to_be_betwen". Did you mean "expect_column_values_to_be_between"?',
    );
    expect(e.context).toMatchObject({ index: 1 });
  });

  it("names the expectation index and the closest known kwarg", () => {
    const e = thrown(() =>
      loadSuite({
        name: "s",
        expectations: [
          { type: "expect_column_values_to_be_between", kwargs: { column: "a", min_vaule: 0 } },
        ],
      }),
    );
    expect(e.code).toBe("QUALITY_UNKNOWN_KWARG");
    expect(e.message).toBe(
      'expectation #0 (expect_column_values_to_be_between): unknown kwarg "min_vaule". Did you mean "min_value"?',
    );
  });

  it("refuses missing and unsupported kwargs by name", () => {
    const missing = thrown(() =>
      loadSuite({
        name: "s",
        expectations: [{ type: "expect_column_values_to_be_in_set", kwargs: { column: "a" } }],
      }),
    );
    expect(missing.message).toContain('kwarg "value_set" is required');
    const rc = thrown(() =>
      loadSuite({
        name: "s",
        expectations: [
          {
            type: "expect_column_values_to_not_be_null",
            kwargs: { column: "a", row_condition: 'b == "x"', condition_parser: "pandas" },
          },
        ],
      }),
    );
    expect(rc.message).toContain("row_condition is not supported yet");
  });

  it("refuses documents that are not suites", () => {
    expect(thrown(() => loadSuite("{not json")).code).toBe("QUALITY_INVALID_SUITE");
    expect(thrown(() => loadSuite({ expectations: [] })).message).toContain('needs a "name"');
    expect(thrown(() => loadSuite({ name: "s", expectations: {} })).message).toContain(
      "must be a list",
    );
    expect(thrown(() => loadSuite({ name: "s", expectatons: [] })).message).toContain(
      'Did you mean "expectations"?',
    );
    expect(
      thrown(() => loadSuite({ name: "s", expectations: [{ kwargs: {} }] })).message,
    ).toContain('expectation #0: needs a "type"');
  });

  it("reads a suite file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-suite-"));
    const path = join(dir, "suite.json");
    writeFileSync(path, JSON.stringify(suite("f").expectColumnToExist("id")));
    expect((await readSuite(path)).expectations).toHaveLength(1);
  });
});
