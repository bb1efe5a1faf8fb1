/**
 * The HTML report in a real browser: Debian's Chromium (scripts/browser/setup.sh) driven by
 * playwright-core. The page is opened from file:// with every network request blocked and
 * recorded; the test reads what a user sees, uses the filter, checks the layout does not
 * overflow on a desktop or a phone, and keeps full-page screenshots for a human to look at.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeValidationReport } from "../../src/quality/report/index.js";
import { ordersHistory, ordersResult, ordersSamples } from "./fixture.js";

const CHROMIUM = "/usr/bin/chromium";
/** Screenshots stay after the run (a fixed folder, overwritten each run) to be looked at. */
const OUT = join(tmpdir(), "tributary-report-browser");

interface PngInfo {
  readonly width: number;
  readonly height: number;
}

/** Width and height from a PNG's IHDR chunk, or undefined when it is not a PNG. */
function pngInfo(bytes: Buffer): PngInfo | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return undefined;
  if (bytes.subarray(12, 16).toString("latin1") !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("validation report in Chromium", () => {
  let browser: Browser;
  let url = "";
  /** Every request the page made besides loading itself (there must be none). */
  const requests: string[] = [];
  /** Console errors and page errors (a CSP violation is reported here). */
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install it with \`sudo bash scripts/browser/setup.sh\`.`,
      );
    }
    await rm(OUT, { recursive: true, force: true });
    await mkdir(OUT, { recursive: true });
    const file = await writeValidationReport(join(OUT, "report.html"), ordersResult(), {
      history: ordersHistory(),
      samples: ordersSamples(),
      title: "Nightly orders check",
    });
    url = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: "light" });
    // Block (and record) everything but the report itself: a fetch would fail here even
    // if one slipped past the page's Content-Security-Policy.
    await context.route("**/*", async (route) => {
      const target = route.request().url();
      if (target === url) return route.continue();
      requests.push(target);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("request", (r) => {
      if (r.url() !== url && !requests.includes(r.url())) requests.push(r.url());
    });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(url, { waitUntil: "load" });
    return page;
  }

  async function horizontalOverflow(page: Page): Promise<number> {
    // A string, evaluated in the page: the type check runs without the DOM library.
    return page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
  }

  async function screenshot(page: Page, name: string): Promise<PngInfo> {
    const path = join(OUT, name);
    await page.screenshot({ path, fullPage: true });
    const bytes = await readFile(path);
    const info = pngInfo(bytes);
    expect(info, `${path} is not a PNG`).toBeDefined();
    expect(bytes.length, `${path} is suspiciously small`).toBeGreaterThan(20_000);
    return info ?? { width: 0, height: 0 };
  }

  it("shows the run, the expectations and the history at 1280px, loading nothing", async () => {
    const page = await open(1280, 900);
    await expect(page.locator("h1").textContent()).resolves.toBe("orders.nightly");
    await expect(page.getByTestId("badge").textContent()).resolves.toBe("FAIL");
    await expect(page.locator(".tile-value").allTextContents()).resolves.toEqual([
      "12",
      "8",
      "4",
      "66.67%",
    ]);
    const rows = page.locator("tbody.exp");
    await expect(rows.count()).resolves.toBe(12);

    // The failing set expectation shows its unexpected values with counts and sample rows.
    const status = page.locator("#exp-4");
    await expect(status.getAttribute("data-status")).resolves.toBe("fail");
    const values = await status.locator(".uv").allInnerTexts();
    expect(values.map((v) => v.replace(/\s+/g, " ").trim())).toEqual(
      expect.arrayContaining(["refunded ×3", "REFUNDED ×1", "lost ×1"]),
    );
    await expect(status.locator("table.samples tbody tr").count()).resolves.toBe(7);
    await expect(page.locator("#exp-11 .exception").textContent()).resolves.toContain(
      'Referenced column "discount" not found',
    );

    // The history chart: a visible SVG with one point per run (14 earlier + this one).
    const chart = page.locator("svg.chart-wide");
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(600);
    await expect(chart.locator("g.pt").count()).resolves.toBe(15);
    await expect(page.locator("table.runs tbody tr").count()).resolves.toBe(15);

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const png = await screenshot(page, "report-1280.png");
    expect(png.width).toBeGreaterThanOrEqual(1000);
    expect(png.height).toBeGreaterThan(900);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("filters to failures and back without a script", async () => {
    const page = await open(1280, 900);
    const visible = () => page.locator("tbody.exp:visible").count();
    await page.getByText("Failures", { exact: false }).first().click();
    await expect(page.locator("#filter-failures").isChecked()).resolves.toBe(true);
    await expect(visible()).resolves.toBe(4);
    await expect(page.locator('tbody.exp[data-status="pass"]').first().isHidden()).resolves.toBe(
      true,
    );
    await expect(page.locator("#exp-4").isVisible()).resolves.toBe(true);
    await screenshot(page, "report-1280-failures.png");

    await page.locator('label[for="filter-passed"]').click();
    await expect(visible()).resolves.toBe(8);
    await page.locator('label[for="filter-all"]').click();
    await expect(visible()).resolves.toBe(12);

    // Printing shows every expectation, whatever the filter.
    await page.locator('label[for="filter-failures"]').click();
    await page.emulateMedia({ media: "print" });
    await expect(visible()).resolves.toBe(12);
    await expect(page.locator(".filter").isHidden()).resolves.toBe(true);
    expect(requests).toEqual([]);
    await page.context().close();
  });

  it("fits a phone (390px) without horizontal scrolling", async () => {
    const page = await open(390, 844);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expect(page.locator("tbody.exp:visible").count()).resolves.toBe(12);
    // Cards: the column labels come from data-label, the header row is hidden.
    await expect(page.locator(".exp-table > thead").isHidden()).resolves.toBe(true);
    // The phone gets its own chart, drawn narrow so its labels stay legible.
    await expect(page.locator("svg.chart-compact").isVisible()).resolves.toBe(true);
    await expect(page.locator("svg.chart-wide").isHidden()).resolves.toBe(true);
    const png = await screenshot(page, "report-390.png");
    expect(png.width).toBeGreaterThanOrEqual(390);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
