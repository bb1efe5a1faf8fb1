/**
 * `tributary validate <path|table> --suite suite.json`: validates a dataset against a suite
 * in Great Expectations' JSON. Prints a summary (or GE's result JSON with `--json`), writes
 * the HTML report with `--report`.
 *
 *   exit 0  the suite passed    exit 1  it failed    exit 2  it could not run
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { TributaryError } from "../../errors.js";
import { writeValidationReport } from "../../quality/report/index.js";
import type { SuiteValidationResult } from "../../quality/results.js";
import type { ExpectationSuite } from "../../quality/suite.js";
import { readSuite } from "../../quality/suite-json.js";
import { validate } from "../../quality/validate.js";
import { CliError } from "../cli-error.js";
import type { CliIO, CommandModule } from "../command.js";
import { datasetBytes } from "../detect-format.js";
import { toJsonText } from "../json.js";
import { readDataset } from "../reader.js";
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

/** The suite file, with errors that name it (a missing file, JSON that does not parse). */
async function suiteFrom(file: string): Promise<ExpectationSuite> {
  if (!existsSync(file))
    throw new CliError("CLI_PATH_NOT_FOUND", `No suite file ${resolve(file)}.`, {
      hint: "Pass --suite <file>: a Great Expectations suite in JSON ({ name, expectations }).",
      context: { path: file },
    });
  try {
    return await readSuite(file);
  } catch (e) {
    if (e instanceof TributaryError) throw e;
    throw new CliError(
      "CLI_INVALID_SUITE",
      `${file} is not a suite: ${e instanceof Error ? e.message : String(e)}.`,
      {
        cause: e,
        hint: 'A suite is Great Expectations\' JSON: { "name": ..., "expectations": [...] }.',
        context: { path: file },
      },
    );
  }
}

const RESULT_FORMATS = ["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE"] as const;

function resultFormat(text: string): (typeof RESULT_FORMATS)[number] {
  const upper = text.toUpperCase();
  const found = RESULT_FORMATS.find((f) => f === upper);
  if (found === undefined)
    throw new CliError(
      "CLI_INVALID_FLAG",
      `--result-format must be one of ${RESULT_FORMATS.join(", ")}, got '${text}'.`,
      { hint: "SUMMARY (the default) lists up to 20 unexpected values per expectation." },
    );
  return found;
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
        "csv, json, parquet or delta (default: detected from the files' content and extension)",
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
        const format = resultFormat(options.resultFormat);
        const suite = await suiteFrom(options.suite);
        const progress = {
          io,
          json: options.json === true,
          inputBytes: await datasetBytes(path),
        };
        const result = await withSession(
          "tributary-validate",
          async (spark) => {
            const { df } = await readDataset(spark, path, options);
            return validate(df, suite, { result_format: format });
          },
          progress,
        );
        if (options.report !== undefined) {
          const written = await writeValidationReport(options.report, result);
          io.stderr(`report: ${written}\n`);
        }
        io.stdout(options.json === true ? `${toJsonText(result)}\n` : render(result, path));
        setExit(result.success ? 0 : 1);
      });
  },
};
