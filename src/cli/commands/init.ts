/**
 * `tributary init <dir>`: scaffolds a pipeline project like the seed's (src/, config/ with
 * spark-defaults.conf, log4j.properties and metrics.properties, tests/, sample data, a
 * README) that depends on tributary, runs with `npm start` and passes its own `npm test`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { parseConfArg } from "../../config/index.js";
import { IllegalArgumentError } from "../../errors.js";
import { CliError } from "../cli-error.js";
import type { CliIO, CommandModule } from "../command.js";
import { scaffoldFiles } from "../init/templates.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface PackageJson {
  version: string;
  dependencies: Record<string, string>;
}

/** This tributary as a dependency: the registry version when installed, else this checkout. */
function defaultSpec(pkg: PackageJson): string {
  return ROOT.split(/[\\/]/).includes("node_modules")
    ? `^${pkg.version}`
    : `file:${ROOT.replace(/[\\/]$/, "")}`;
}

interface InitOptions {
  name?: string;
  tributary?: string;
  force?: boolean;
  conf: string[];
  propertiesFile?: string;
}

const DEFAULTS = "config/spark-defaults.conf";

/** The scaffold's defaults (or the `--properties-file` given), then the `--conf` settings. */
function projectDefaults(scaffold: string, options: InitOptions): string {
  const base =
    options.propertiesFile === undefined ? scaffold : readFileSync(options.propertiesFile, "utf8");
  const added = options.conf.map(parseConfArg).map(([k, v]) => `${k} ${v}\n`);
  if (added.length === 0) return base;
  return `${base}${base.endsWith("\n") || base === "" ? "" : "\n"}\n# Added by tributary init --conf\n${added.join("")}`;
}

/** Refuses a target that is a file or lies under one, before anything is written. */
function checkTarget(target: string): void {
  let dir = target;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new CliError(
      "CLI_PATH_NOT_A_DIRECTORY",
      dir === target
        ? `${target} is a file, not a directory.`
        : `Cannot create ${target}: ${dir} is a file.`,
      { hint: "Choose a directory path for the new project.", context: { path: target } },
    );
}

export const initCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    program
      .command("init")
      .description("scaffold a pipeline project (src/, config/, tests/, sample data)")
      .argument("<dir>", "the new project's directory")
      .option("--name <name>", "the project and pipeline name (default: the directory's name)")
      .option(
        "--tributary <spec>",
        "the npm spec of the tributary dependency (e.g. ^0.1.0, file:tributary-0.1.0.tgz)",
      )
      .option("--force", "write into a directory that is not empty")
      .option(
        "--conf <key=value>",
        "a Spark setting added to the project's config/spark-defaults.conf (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option(
        "--properties-file <file>",
        "start the project's config/spark-defaults.conf from this file",
      )
      .action((dir: string, options: InitOptions) => {
        const target = resolve(dir);
        checkTarget(target);
        if (existsSync(target) && readdirSync(target).length > 0 && options.force !== true)
          throw new IllegalArgumentError(`${target} is not empty.`, {
            hint: "Choose a new directory, or pass --force to write into it anyway.",
          });
        const name = options.name ?? basename(target);
        if (!/^[a-z0-9][a-z0-9._-]*$/.test(name))
          throw new IllegalArgumentError(`'${name}' is not a valid npm package name.`, {
            hint: "Use lower-case letters, digits, '.', '_' and '-', or pass --name.",
          });
        const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson;
        const files = new Map(
          scaffoldFiles({
            name,
            tributary: options.tributary ?? defaultSpec(pkg),
            tsx: pkg.dependencies.tsx ?? "^4",
          }),
        );
        files.set(DEFAULTS, projectDefaults(files.get(DEFAULTS) ?? "", options));
        for (const [path, text] of files) {
          const file = join(target, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
          io.stdout(`  created ${join(dir, path)}\n`);
        }
        io.stdout(`\nNext:\n  cd ${dir}\n  npm install\n  npm test\n  npm start\n`);
        setExit(0);
      });
  },
};
