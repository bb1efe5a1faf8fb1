/** `tributary show <path>`: the first rows of a dataset (parquet, csv, json) as a table or JSON. */
import type { Command } from "commander";
import { SparkSession } from "../../session/session.js";
import type { CliIO, CommandModule } from "../command.js";
import { toJsonText } from "../json.js";

interface ShowOptions {
  format: string;
  limit: string;
  json?: boolean;
  option: string[];
}

export const showCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    program
      .command("show")
      .description("print the first rows of a dataset")
      .argument("<path>", "a file, directory or glob")
      .option("--format <format>", "parquet, csv, json", "parquet")
      .option("--limit <n>", "rows to show", "20")
      .option("--option <key=value>", "a reader option (repeatable)", (v: string, acc: string[]) => [...acc, v], [])
      .option("--json", "print rows as JSON lines")
      .action(async (path: string, options: ShowOptions) => {
        const spark = await SparkSession.builder().appName("tributary-show").getOrCreate();
        try {
          let reader = spark.read.format(options.format);
          for (const pair of options.option) {
            const eq = pair.indexOf("=");
            reader = reader.option(eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? "true" : pair.slice(eq + 1));
          }
          const df = reader.load(path);
          const limit = Number.parseInt(options.limit, 10);
          if (options.json === true) {
            for (const row of await df.limit(limit).collect()) io.stdout(`${toJsonText(row)}\n`);
          } else {
            io.stdout(await df.showString(limit, true));
          }
          setExit(0);
        } finally {
          await spark.stop();
        }
      });
  },
};
