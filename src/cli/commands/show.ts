/**
 * `tributary show <path>`: the first rows of a dataset as a table or JSON lines. Formats:
 * parquet, csv, json, delta; a directory with a `_delta_log` is read as Delta unless
 * `--format` says otherwise, and `--version N` time travels a Delta table.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { IllegalArgumentError } from "../../errors.js";
import type { CliIO, CommandModule } from "../command.js";
import { toJsonText } from "../json.js";
import { withSession } from "./with-session.js";

interface ShowOptions {
  format?: string;
  limit: string;
  json?: boolean;
  option: string[];
  version?: string;
}

function formatOf(path: string, requested: string | undefined): string {
  if (requested !== undefined) return requested.toLowerCase();
  return existsSync(join(path, "_delta_log")) ? "delta" : "parquet";
}

export const showCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    program
      .command("show")
      .description("print the first rows of a dataset")
      .argument("<path>", "a file, directory or glob")
      .option(
        "--format <format>",
        "parquet, csv, json, delta (default: delta for a directory with a _delta_log, else parquet)",
      )
      .option("--limit <n>", "rows to show", "20")
      .option("--version <n>", "time travel a Delta table to this version")
      .option(
        "--option <key=value>",
        "a reader option (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option("--json", "print rows as JSON lines")
      .action(async (path: string, options: ShowOptions) => {
        const format = formatOf(path, options.format);
        if (options.version !== undefined && format !== "delta") {
          throw new IllegalArgumentError(
            `--version time travels Delta tables; ${path} is read as ${format}.`,
            { hint: "Add --format delta." },
          );
        }
        await withSession("tributary-show", async (spark) => {
          let reader = spark.read.format(format);
          for (const pair of options.option) {
            const eq = pair.indexOf("=");
            reader = reader.option(
              eq < 0 ? pair : pair.slice(0, eq),
              eq < 0 ? "true" : pair.slice(eq + 1),
            );
          }
          if (options.version !== undefined) reader = reader.option("versionAsOf", options.version);
          const df = reader.load(path);
          const limit = Number.parseInt(options.limit, 10);
          if (options.json === true) {
            for (const row of await df.limit(limit).collect()) io.stdout(`${toJsonText(row)}\n`);
          } else {
            io.stdout(await df.showString(limit, true));
          }
        });
        setExit(0);
      });
  },
};
