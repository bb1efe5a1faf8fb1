/**
 * How a command prints what it collected: a table for people, one JSON document with
 * `--json` (what `jq` and `python -m json.tool` read), or one JSON object per line with
 * `--json-lines` for the commands that stream rows (`show`, `delta history`).
 */
import type { Command } from "commander";
import { CliError } from "./cli-error.js";
import type { CliIO } from "./command.js";
import { toJsonText } from "./json.js";

export type OutputMode = "table" | "json" | "json-lines";

export interface OutputFlags {
  json?: boolean;
  jsonLines?: boolean;
}

/** Adds `--json` and, for row streams, `--json-lines`. */
export function jsonOptions(command: Command, what: string, lines: boolean): Command {
  command.option("--json", `print ${what} as one JSON document`);
  if (lines) command.option("--json-lines", "print one JSON object per line (JSON Lines)");
  return command;
}

export function outputMode(flags: OutputFlags): OutputMode {
  if (flags.json === true && flags.jsonLines === true)
    throw new CliError("CLI_INVALID_FLAG", "--json and --json-lines cannot be used together.", {
      hint: "--json prints one document (an array of rows); --json-lines one row per line.",
    });
  return flags.jsonLines === true ? "json-lines" : flags.json === true ? "json" : "table";
}

/** Rows as one JSON array, or as JSON Lines. */
export function printJsonRows(
  io: CliIO,
  rows: readonly unknown[],
  mode: "json" | "json-lines",
): void {
  if (mode === "json") io.stdout(`${toJsonText(rows)}\n`);
  else for (const row of rows) io.stdout(`${toJsonText(row)}\n`);
}
