/**
 * `tributary show <path>`: the first rows of a dataset as a table, one JSON document
 * (`--json`) or JSON Lines (`--json-lines`). The format is detected (see detect-format.ts)
 * unless `--format` names it, and `--version N` time travels a Delta table.
 */
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { CliIO, CommandModule } from "../command.js";
import { datasetBytes } from "../detect-format.js";
import { integerFlag } from "../flags.js";
import { jsonOptions, type OutputFlags, outputMode, printJsonRows } from "../output.js";
import { readDataset } from "../reader.js";
import { withSession } from "./with-session.js";

interface ShowOptions extends OutputFlags {
  format?: string;
  limit: string;
  option: string[];
  version?: string;
}

export const showCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    const command = program
      .command("show")
      .description("print the first rows of a dataset")
      .argument("<path>", "a file, directory or glob")
      .option(
        "--format <format>",
        "parquet, csv, json, delta (default: detected from the files' content and extension)",
      )
      .option("--limit <n>", "rows to show", "20")
      .option("--version <n>", "time travel a Delta table to this version")
      .option(
        "--option <key=value>",
        "a reader option (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      );
    jsonOptions(command, "the rows (an array)", true).action(
      async (path: string, options: ShowOptions) => {
        const mode = outputMode(options);
        const limit = integerFlag("--limit", options.limit, { min: 0 });
        const version =
          options.version === undefined ? undefined : integerFlag("--version", options.version);
        const progress = { io, json: mode !== "table", inputBytes: await datasetBytes(path) };
        await withSession(
          "tributary-show",
          async (spark) => {
            const extra = new Map<string, string>();
            if (version !== undefined) extra.set("versionAsOf", String(version));
            const { df, format } = await readDataset(spark, path, options, extra);
            if (version !== undefined && format !== "delta")
              throw new CliError(
                "CLI_INVALID_FLAG",
                `--version time travels Delta tables; ${path} is read as ${format}.`,
                { hint: "Point at a Delta table's directory, or add --format delta." },
              );
            if (mode === "table") io.stdout(await df.showString(limit, true));
            else printJsonRows(io, await df.limit(limit).collect(), mode);
          },
          progress,
        );
        setExit(0);
      },
    );
  },
};
