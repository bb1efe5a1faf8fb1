/** Writing the report to a file. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { QualityError } from "../errors.js";
import { renderValidationReport } from "./render.js";
import type { ValidationReportOptions, ValidationResultLike } from "./types.js";

/**
 * Renders the report and writes it to `path` (parent folders created); returns the absolute
 * path. The page is written beside the target and renamed over it, so a reader (a web server,
 * a CI artifact upload) never sees half a report.
 *
 * @example
 * ```ts
 * const file = await writeValidationReport("reports/orders.html", result, { history });
 * console.log(`report: file://${file}`);
 * ```
 */
export async function writeValidationReport(
  path: string,
  result: ValidationResultLike,
  options: ValidationReportOptions = {},
): Promise<string> {
  const page = renderValidationReport(result, options);
  const target = resolve(path);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temporary, page, "utf8");
    await rename(temporary, target);
  } catch (cause) {
    throw new QualityError("QUALITY_REPORT_WRITE_FAILED", `Cannot write the report to ${target}.`, {
      hint: "Check that the folder is writable and the path is not a directory.",
      cause,
      context: { path: target },
    });
  }
  return target;
}
