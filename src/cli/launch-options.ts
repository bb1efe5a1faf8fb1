/**
 * `--conf k=v` (repeatable) and `--properties-file` on every command, as spark-submit has
 * them: added to each command that does not define its own, and applied before it runs to
 * every session the command creates (a Delta setting for `vacuum`, a memory limit for `show`).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseConfArg } from "../config/index.js";
import type { Engine } from "../engine/engine.js";
import { setLaunchSettings } from "../session/builder.js";
import { CliError } from "./cli-error.js";

const collect = (v: string, acc: string[]): string[] => [...acc, v];

function leaves(command: Command): Command[] {
  return command.commands.length === 0 ? [command] : command.commands.flatMap(leaves);
}

function has(command: Command, flag: string): boolean {
  return command.options.some((o) => o.long === flag);
}

/** Adds the options to every leaf command that lacks them. */
export function addLaunchOptions(program: Command): void {
  for (const command of program.commands.flatMap(leaves)) {
    if (!has(command, "--conf"))
      command.option("--conf <key=value>", "a Spark setting (repeatable)", collect, []);
    if (!has(command, "--properties-file"))
      command.option(
        "--properties-file <file>",
        "spark-defaults.conf to use instead of $SPARK_CONF_DIR's",
      );
  }
}

/** Checks and applies a command's `--conf` and `--properties-file` (plus `extra` settings). */
export function applyLaunchOptions(
  options: { conf?: string[]; propertiesFile?: string },
  extra: readonly (readonly [string, string])[] = [],
  onSession?: (engine: Engine) => void,
): void {
  const file = options.propertiesFile;
  if (file !== undefined && !existsSync(file))
    throw new CliError("CLI_PATH_NOT_FOUND", `No properties file ${resolve(file)}.`, {
      hint: "Pass the path of a spark-defaults.conf, or leave --properties-file out.",
      context: { path: file },
    });
  setLaunchSettings({
    cliConf: [...(options.conf ?? []).map(parseConfArg), ...extra],
    propertiesFile: file,
    ...(onSession === undefined ? {} : { onSession }),
  });
}
