/**
 * `tributary validate <path|table> --suite suite.json`: validates a dataset against a suite
 * in Great Expectations' JSON. Prints a summary (or GE's result JSON with `--json`), writes
 * the HTML report with `--report`.
 *
 *   exit 0  the suite passed    exit 1  it failed    exit 2  it could not run
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { writeValidationReport } from "../../quality/report/index.js";
import type { SuiteValidationResult } from "../../quality/results.js";
import { readSuite } from "../../quality/suite-json.js";
import { validate } from "../../quality/validate.js";
import type { CliIO, CommandModule } from "../command.js";
import { toJsonText } from "../json.js";
import { withSession } from "./with-session.js";

interface ValidateOptions {
  suite: string;
  format?: string;
  option: string[];
  resultFormat: string;
  json?: boolean;
  report?: string;
}

function render(result: SuiteValidationResult, path: string): string {
  const s = result.statistics;
  const lines = [
    `${result.success ? "PASSED" : "FAILED"} ${result.suite_name} on ${path}: ${s.successful_expectations}/${s.evaluated_expectations} expectations (${(s.success_percent ?? 100).toFixed(1)}%)`,
  ];
  for (const r of result.results) {
    const k = r.expectation_config.kwargs as Record<string, unknown>;
    const column = typeof k.column === "string" ? ` ${k.column}` : "";
    const res = r.result as Record<string, unknown>;
    const detail = r.exception_info.raised_exception
      ? `error: ${r.exception_info.exception_message}`
      : res.unexpected_count !== undefined
        ? `${res.unexpected_count} unexpected of ${res.element_count}${Array.isArray(res.partial_unexpected_list) && res.partial_unexpected_list.length > 0 ? `, e.g. ${JSON.stringify(res.partial_unexpected_list.slice(0, 5))}` : ""}`
        : res.observed_value !== undefined
          ? `observed ${JSON.stringify(res.observed_value)}`
          : "";
    lines.push(
      `  ${r.success ? "ok  " : "FAIL"} ${r.expectation_config.type}${column}${detail === "" ? "" : `: ${detail}`}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export const validateCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    program
      .command("validate")
      .description(
        "validate a dataset against a Great Expectations suite (exit 0 pass, 1 fail, 2 error)",
      )
      .argument("<path>", "a Delta table, or files (csv, json, parquet)")
      .requiredOption("--suite <file>", "the suite, in Great Expectations' JSON")
      .option(
        "--format <format>",
        "csv, json, parquet or delta (default: delta for a directory with a _delta_log, else parquet)",
      )
      .option(
        "--option <key=value>",
        "a reader option (repeatable), e.g. header=true",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option("--result-format <format>", "BOOLEAN_ONLY, BASIC, SUMMARY or COMPLETE", "SUMMARY")
      .option("--json", "print the validation result in Great Expectations' JSON")
      .option("--report <file>", "write the HTML report here")
      .action(async (path: string, options: ValidateOptions) => {
        const suite = await readSuite(options.suite);
        const format = (
          options.format ?? (existsSync(join(path, "_delta_log")) ? "delta" : "parquet")
        ).toLowerCase();
        const result = await withSession("tributary-validate", async (spark) => {
          let reader = spark.read.format(format);
          if (format === "csv" && !options.option.some((o) => o.startsWith("header=")))
            reader = reader.option("header", true).option("inferSchema", true);
          for (const pair of options.option) {
            const eq = pair.indexOf("=");
            reader = reader.option(
              eq < 0 ? pair : pair.slice(0, eq),
              eq < 0 ? "true" : pair.slice(eq + 1),
            );
          }
          return validate(reader.load(path), suite, {
            result_format: options.resultFormat.toUpperCase() as "SUMMARY",
          });
        });
        if (options.report !== undefined) {
          const written = await writeValidationReport(options.report, result);
          io.stderr(`report: ${written}\n`);
        }
        io.stdout(options.json === true ? `${toJsonText(result)}\n` : render(result, path));
        setExit(result.success ? 0 : 1);
      });
  },
};
