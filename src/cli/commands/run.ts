/**
 * `tributary run <pipeline.ts>`: like spark-submit. Loads a TypeScript (or JavaScript)
 * pipeline directly, with `--master`, `--conf k=v` and `--properties-file` applied to every
 * session the pipeline creates.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { parseConfArg } from "../../config/index.js";
import { setLaunchSettings } from "../../session/builder.js";
import type { CliIO, CommandModule } from "../command.js";

interface RunOptions {
  master?: string;
  conf: string[];
  propertiesFile?: string;
}

export const runCommand: CommandModule = {
  register(program: Command, _io: CliIO, setExit) {
    program
      .command("run")
      .description("run a pipeline file (TypeScript or JavaScript), like spark-submit")
      .argument("<pipeline>", "the pipeline module to run")
      .argument("[args...]", "arguments passed to the pipeline (process.argv)")
      .option("--master <master>", "local[*], local[N], or sc://host:port")
      .option(
        "--conf <key=value>",
        "a Spark setting (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option("--properties-file <file>", "spark-defaults.conf to use instead of $SPARK_CONF_DIR's")
      .action(async (pipeline: string, args: string[], options: RunOptions) => {
        const cli = options.conf.map(parseConfArg);
        if (options.master !== undefined) cli.push(["spark.master", options.master]);
        setLaunchSettings({ cliConf: cli, propertiesFile: options.propertiesFile });
        const file = resolve(pipeline);
        process.argv = [process.argv[0] ?? "node", file, ...args];
        const { register } = await import("tsx/esm/api");
        const unregister = register();
        try {
          await import(pathToFileURL(file).href);
        } finally {
          await unregister();
        }
        setExit(0);
      });
  },
};
