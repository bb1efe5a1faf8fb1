/**
 * The HTML report as text: its structure, escaping of every value from the data, the
 * absence of any network reference, and the cuts of long lists. The browser test
 * (report.test.ts) checks the same page rendered.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { QualityError } from "../../src/quality/errors.js";
import {
  escapeHtml,
  renderValidationReport,
  summarizeValidation,
  type ValidationResultLike,
  writeValidationReport,
} from "../../src/quality/report/index.js";
import type { SuiteValidationResult } from "../../src/quality/results.js";
import { HOSTILE, hostileResult, ordersHistory, ordersResult, ordersSamples } from "./fixture.js";

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

/** The page's start tags; data is escaped, so every `<` left is markup the report wrote. */
/** Points of the desktop chart (the phone chart repeats them in a narrower drawing). */
const points = (text: string) =>
  count(/<svg class="chart chart-wide"[\s\S]*?<\/svg>/.exec(text)?.[0] ?? "", /<g class="pt /g);

const startTags = (text: string) => [...text.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)];

describe("ValidationResultLike", () => {
  it("accepts what validate() returns (checked by the type checker)", () => {
    expectTypeOf<SuiteValidationResult>().toExtend<ValidationResultLike>();
  });
});

describe("renderValidationReport: structure", () => {
  const page = renderValidationReport(ordersResult(), {
    history: ordersHistory(),
    samples: ordersSamples(),
    title: "Nightly orders check",
  });

  it("is one HTML document with its styles inline", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(count(page, /<html\b/g)).toBe(1);
    expect(count(page, /<style>/g)).toBe(1);
    expect(page).toContain('<meta name="viewport"');
    expect(page).toContain("<title>FAIL · orders.nightly · Nightly orders check</title>");
  });

  it("has a header with the suite, asset, run, time, badge and statistics", () => {
    expect(page).toContain("<h1>orders.nightly</h1>");
    expect(page).toContain('<span class="badge badge-fail" data-testid="badge">FAIL</span>');
    expect(page).toContain("lake/orders (delta, version 812)");
    expect(page).toContain("2024-06-14T02:00:00Z-orders");
    expect(page).toContain("2024-06-14 02:00:03 UTC");
    const tiles = [...page.matchAll(/tile-label">([^<]+)<\/div><div class="tile-value">([^<]+)</g)];
    expect(tiles.map((m) => [m[1], m[2]])).toEqual([
      ["Evaluated", "12"],
      ["Successful", "8"],
      ["Failed", "4"],
      ["Success", "66.67%"],
    ]);
    expect(page).toContain("incl. 1 not computed");
  });

  it("has one row group per expectation with its status", () => {
    expect(count(page, /<tbody class="exp"/g)).toBe(12);
    const status = (s: string) =>
      count(page, new RegExp(`<tbody class="exp" data-status="${s}"`, "g"));
    expect([status("pass"), status("fail"), status("error")]).toEqual([8, 3, 1]);
    // Only failing expectations get a detail row.
    expect(count(page, /class="exp-detail"/g)).toBe(4);
  });

  it("shows types, columns and key kwargs readably", () => {
    // Long GE names may wrap at their underscores only.
    expect(page).toContain(
      '<code class="exp-type">expect_<wbr>column_<wbr>values_<wbr>to_<wbr>be_<wbr>between</code>',
    );
    expect(page).toContain(
      '<code class="col">shipped_at</code><code class="col">created_at</code>',
    );
    // strict_min gives "<", the inclusive max "≤"; numbers are grouped.
    expect(page).toContain('<b>0</b> &lt; <span class="subj">value</span> ≤ <b>25,000</b>');
    expect(page).toContain('<span class="subj">unique value count</span> ≥ <b>1,000</b>');
    expect(page).toContain("<b>≥ 99%</b>");
    expect(page).toContain('<code class="v v-code">^[A-Z]{3}$</code>');
    // Bookkeeping kwargs and table-level column lists are not the checked columns.
    expect(page).not.toMatch(/result_format|catch_exceptions/);
    expect(page).toContain('<span class="muted">table</span>');
  });

  it("shows unexpected counts, values, sample rows and exceptions of failures", () => {
    expect(page).toContain('<b class="num tone-bad">1,184</b> unexpected');
    expect(page).toContain("of 48,210 rows · 2.46%");
    expect(page).toMatch(/<code class="v">refunded<\/code><span class="uv-n">×3<\/span>/);
    // The empty string and null are told apart from text.
    expect(page).toContain('<code class="v v-null">empty string</code>');
    expect(page).toContain('<code class="v v-null">null</code>');
    // The sample table puts the checked column first and highlights it.
    expect(page).toMatch(
      /<table class="samples"><thead><tr><th class="hot">status<\/th><th>order_id/,
    );
    expect(page).toContain("Referenced column &quot;discount&quot; not found");
    expect(page).toContain("<summary>Traceback</summary>");
    expect(page).toContain("Discounts above 30% need approval.");
  });

  it("has a filter and a history chart and table", () => {
    for (const id of ["all", "failures", "passed"]) expect(page).toContain(`id="filter-${id}"`);
    expect(count(page, /<svg class="chart chart-wide"/g)).toBe(1);
    expect(count(page, /<svg class="chart chart-compact"/g)).toBe(1);
    // 14 earlier runs + this one: 15 points, 15 table rows, this run marked.
    expect(points(page)).toBe(15);
    expect(count(page, /<tr(?: class="current")?><td><code class="run-id">/g)).toBe(15);
    expect(count(page, /pt-current/g)).toBe(2);
    expect(page).toContain('<span class="tag">this run</span>');
    expect(page).toContain('<th class="num">rows</th><th class="num">seconds</th>');
  });

  it("is deterministic", () => {
    const again = renderValidationReport(ordersResult(), {
      history: ordersHistory(),
      samples: ordersSamples(),
      title: "Nightly orders check",
    });
    expect(again).toBe(page);
  });

  it("leaves history out without history and does not repeat this run", () => {
    const bare = renderValidationReport(ordersResult());
    expect(bare).not.toContain("<svg");
    expect(bare).not.toContain("Run history");
    const result = ordersResult();
    const withSelf = renderValidationReport(result, {
      history: [...ordersHistory(), summarizeValidation(result)],
    });
    expect(points(withSelf)).toBe(15);
  });
});

describe("renderValidationReport: no network", () => {
  const page = renderValidationReport(hostileResult(), {
    history: ordersHistory(),
    samples: ordersSamples(),
  });
  const full = renderValidationReport(ordersResult(), {
    history: ordersHistory(),
    samples: ordersSamples(),
  });

  it.each([
    ["hostile", page],
    ["orders", full],
  ])("references no resource (%s)", (_name, text) => {
    expect(text).not.toMatch(/https?:\/\//i);
    expect(text).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i); // protocol-relative URLs
    const tags = startTags(text);
    expect(tags.length).toBeGreaterThan(50);
    for (const [tag, name, attributes] of tags) {
      expect(name, tag).not.toMatch(
        /^(?:script|link|img|iframe|object|embed|base|image|use|video|audio|source|form)$/i,
      );
      expect(attributes, tag).not.toMatch(
        /(?:^|\s)(?:src|href|xlink:href|srcset|action|poster|data|background)\s*=/i,
      );
    }
    expect(text).not.toMatch(/@import|url\(/i);
  });

  it("forbids fetching with a Content-Security-Policy", () => {
    expect(full).toMatch(
      /http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/,
    );
  });
});

describe("renderValidationReport: escaping", () => {
  const rows = [{ [`name ${HOSTILE}`]: HOSTILE, [`col ${HOSTILE}`]: `x${HOSTILE}` }];
  const result = hostileResult();
  const page = renderValidationReport(result, {
    title: `title ${HOSTILE}`,
    samples: { 0: rows },
    history: [
      {
        run_id: `old ${HOSTILE}`,
        validation_time: HOSTILE,
        success: true,
        success_percent: 100,
        evaluated: 1,
        unsuccessful: 0,
        metrics: { [`metric ${HOSTILE}`]: 1 },
      },
    ],
  });
  const escaped = escapeHtml(HOSTILE);

  it("escapes the five HTML-special characters", () => {
    expect(escaped).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&#39;&amp;&lt;&gt;",
    );
  });

  it("never lets a value from the data become markup", () => {
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain(`"'&<>`);
    // Exactly the tables the report itself builds: expectations, samples, history.
    expect(count(page, /<table\b/g)).toBe(3);
    expect(count(page, /<\/table>/g)).toBe(3);
    expect(count(page, /<tbody class="exp"/g)).toBe(1);
  });

  it("shows each hostile value as text, in every place", () => {
    for (const text of [
      `suite ${escaped}`, // suite name
      `title ${escaped}`, // title
      `col ${escaped}`, // column name (cell and sample header)
      `name ${escaped}`, // sample column
      `note ${escaped}`.replace("note ", ""), // meta notes / description
      `description ${escaped}`,
      `message ${escaped}`,
      `trace ${escaped}`,
      `run ${escaped}`,
      `asset ${escaped}`,
      `old ${escaped}`,
      `metric ${escaped}`,
      "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;",
      "&lt;img src=x onerror=alert(1)&gt;",
    ]) {
      expect(page).toContain(text);
    }
  });

  it("escapes attribute values (tooltips of cut values)", () => {
    const long = `${HOSTILE.repeat(10)}`;
    const withLong = renderValidationReport({
      ...result,
      results: [
        { ...result.results[0], result: { observed_value: long } } as (typeof result.results)[0],
      ],
    });
    expect(withLong).toMatch(/title="&lt;script&gt;alert\(&quot;x&quot;\)/);
    expect(withLong).not.toContain(HOSTILE);
  });
});

describe("renderValidationReport: long lists are cut with a count", () => {
  const base = ordersResult();
  const longText = "x".repeat(500);
  const failing = {
    success: false,
    expectation_config: {
      type: "expect_column_values_to_be_in_set",
      kwargs: { column: "code", value_set: Array.from({ length: 100 }, (_, i) => `v${i}`) },
    },
    result: {
      element_count: 1000,
      unexpected_count: 50,
      unexpected_percent: 5,
      partial_unexpected_list: [],
      partial_unexpected_counts: Array.from({ length: 50 }, (_, i) => ({
        value: `u${i}`,
        count: 1,
      })),
      observed_value: longText,
    },
  };
  const wide = Array.from({ length: 25 }, (_, r) =>
    Object.fromEntries(Array.from({ length: 20 }, (_, c) => [`c${c}`, r * c])),
  );
  const history = Array.from({ length: 90 }, (_, i) => ({
    run_id: `r${i}`,
    validation_time: `2024-01-01T00:${String(i % 60).padStart(2, "0")}:00Z`,
    success: true,
    success_percent: 100,
    evaluated: 1,
    unsuccessful: 0,
    metrics: Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`m${k}`, k])),
  }));
  const page = renderValidationReport(
    { ...base, results: [failing] },
    { samples: { 0: wide }, history },
  );

  it("cuts value sets, unexpected values and long values", () => {
    expect(page).toContain("v11</code>");
    expect(page).not.toContain("v12</code>");
    expect(page).toContain('<span class="more">+88 more</span>');
    expect(page).toContain("u19</code>");
    expect(page).not.toContain("u20</code>");
    expect(page).toContain('<span class="more">+30 more</span>');
    expect(page).toContain(`${"x".repeat(80)}… (+420 chars)`);
  });

  it("cuts sample rows and columns", () => {
    expect(page).toContain("+15 more rows, +8 more columns");
    expect(count(page, /<table class="samples">.*?<\/table>/gs)).toBe(1);
    const samples = /<table class="samples">(.*?)<\/table>/s.exec(page)?.[1] ?? "";
    expect(count(samples, /<tr>/g)).toBe(11); // header + 10 rows
    expect(count(samples, /<th\b/g)).toBe(12);
  });

  it("cuts the history chart and table to the latest runs", () => {
    expect(points(page)).toBe(60);
    expect(page).toContain("91 runs, chart shows the latest 60");
    expect(page).toContain("+71 earlier runs not shown, +3 more metrics");
  });
});

describe("renderValidationReport: edge cases", () => {
  it("renders an empty suite", () => {
    const page = renderValidationReport({
      success: true,
      suite_name: "empty",
      statistics: {
        evaluated_expectations: 0,
        successful_expectations: 0,
        unsuccessful_expectations: 0,
        success_percent: null,
      },
      results: [],
    });
    expect(page).toContain("This suite has no expectations.");
    expect(page).toContain(">PASS</span>");
    expect(page).toContain('<div class="tile-value">—</div>');
  });

  it("refuses what is not a validation result, naming the problem", () => {
    const notAResult = { suite_name: "x", success: true } as unknown as ValidationResultLike;
    expect(() => renderValidationReport(notAResult)).toThrow(QualityError);
    expect(() => renderValidationReport(notAResult)).toThrow('"results" is not an array');
  });
});

describe("writeValidationReport", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-report-unit-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the page (creating folders) and returns its absolute path", async () => {
    const result = ordersResult();
    const path = await writeValidationReport(join(dir, "a", "b", "report.html"), result);
    expect(isAbsolute(path)).toBe(true);
    expect(await readFile(path, "utf8")).toBe(renderValidationReport(result));
  });

  it("fails with a typed error when the path is a folder", async () => {
    await expect(writeValidationReport(dir, ordersResult())).rejects.toMatchObject({
      code: "QUALITY_REPORT_WRITE_FAILED",
    });
  });
});
