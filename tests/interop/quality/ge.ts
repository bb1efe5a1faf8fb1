/**
 * Drives Great Expectations (pandas engine) from tests: `runGe(cases)` hands every case to
 * one `scripts/quality/ge_runner.py` process (importing GE takes seconds) and returns GE's
 * result JSON per case. GE lives in the venv `scripts/quality/setup.sh` creates.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const home = process.env.TRIBUTARY_QUALITY_HOME ?? `${root}.tributary/quality`;
const python = `${home}/venv/bin/python`;
const runner = `${root}scripts/quality/ge_runner.py`;

/** One validation for GE: a CSV, a suite (GE JSON) and a result format. */
export interface GeCase {
  readonly csv: string;
  readonly suite: unknown;
  readonly result_format?: unknown;
  readonly dtypes?: Readonly<Record<string, string>>;
}

/** GE's result of one expectation, as `to_json_dict()` writes it. */
export interface GeExpectationResult {
  readonly success: boolean;
  readonly expectation_config: { readonly type: string; readonly meta: Record<string, unknown> };
  readonly result: Record<string, unknown>;
  readonly exception_info: Record<string, unknown>;
}

/** GE's validation result, or the reason the case could not run. */
export interface GeSuiteResult {
  readonly success?: boolean;
  readonly results?: readonly GeExpectationResult[];
  readonly statistics?: Record<string, unknown>;
  readonly error?: string;
}

/** Throws, with what to run, when GE is not installed: the parity tests never skip. */
export function requireGe(): void {
  if (!existsSync(python)) {
    throw new Error(
      `Great Expectations is not installed (no ${python}). Run: bash scripts/quality/setup.sh`,
    );
  }
}

/**
 * Runs the cases in one GE process.
 *
 * @example
 * ```ts
 * const [result] = await runGe([{ csv: "/tmp/orders.csv", suite, result_format: "SUMMARY" }]);
 * ```
 */
export async function runGe(
  cases: readonly GeCase[],
): Promise<{ version: string; results: GeSuiteResult[] }> {
  requireGe();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      python,
      [runner],
      {
        maxBuffer: 256 * 1024 * 1024,
        timeout: 300_000,
        env: { ...process.env, TQDM_DISABLE: "1" },
      },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    );
    child.stdin?.end(JSON.stringify(cases));
  });
  const parsed = JSON.parse(stdout) as {
    great_expectations_version: string;
    results: GeSuiteResult[];
  };
  return { version: parsed.great_expectations_version, results: parsed.results };
}

/** True when GE's `exception_info` (flat, or keyed by metric as GE 1.x writes it) says it raised. */
export function geRaised(info: Record<string, unknown>): boolean {
  if (info.raised_exception === true) return true;
  return Object.values(info).some(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      (v as Record<string, unknown>).raised_exception === true,
  );
}
