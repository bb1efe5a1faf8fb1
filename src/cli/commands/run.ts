/**
 * `tributary run <pipeline.ts>`: like spark-submit. Loads a TypeScript (or JavaScript)
 * pipeline directly, with `--master`, `--conf k=v` and `--properties-file` applied to every
 * session the pipeline creates.
 */
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { parseConfArg } from "../../config/index.js";
import { IllegalArgumentError } from "../../errors.js";
import { setLaunchSettings } from "../../session/builder.js";
import type { CliIO, CommandModule } from "../command.js";

/** The `type` of the package.json nearest to `file` ("commonjs" when none says "module"). */
function packageType(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const type = (JSON.parse(readFileSync(pkg, "utf8")) as { type?: unknown }).type;
      return type === "module" ? "module" : "commonjs";
    }
    if (dirname(dir) === dir) return "commonjs";
  }
}

/**
 * The file to import. A `.ts` pipeline outside an ESM package would be compiled as
 * CommonJS, where top-level `await` (what every pipeline starts with) is a syntax error:
 * such a file is imported through a sibling `.mts` copy, so relative imports still resolve.
 */
function esmEntry(file: string): { path: string; cleanup: () => void } {
  if (!/\.tsx?$/.test(file) || packageType(file) === "module")
    return { path: file, cleanup: () => {} };
  const copy = join(
    dirname(file),
    `.${basename(file).replace(/\.tsx?$/, "")}.tributary-${process.pid}.mts`,
  );
  copyFileSync(file, copy);
  return { path: copy, cleanup: () => rmSync(copy, { force: true }) };
}

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
        if (!existsSync(file))
          throw new IllegalArgumentError(`No pipeline file ${file}.`, {
            hint: "Pass the path of a .ts or .js module: tributary run src/pipeline.ts",
          });
        const entry = esmEntry(file);
        // argv[1] is the module imported, so the `import.meta.url === argv[1]` idiom holds.
        process.argv = [process.argv[0] ?? "node", entry.path, ...args];
        const { register } = await import("tsx/esm/api");
        const unregister = register();
        try {
          await import(pathToFileURL(entry.path).href);
        } finally {
          entry.cleanup();
          await unregister();
        }
        setExit(0);
      });
  },
};
