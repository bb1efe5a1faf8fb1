/**
 * The `tributary` CLI. Commands are loaded lazily from one file each; only this function
 * decides the exit code: 0 success, 1 a failed check (validate, health), 2 an error.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { TributaryError } from "../errors.js";
import { redactingWriter } from "../logging/redacting-writer.js";
import { registerSecretsFromEnv } from "../logging/redactor.js";
import { asCliError } from "./cli-error.js";
import type { CliIO, CommandModule } from "./command.js";
import { addLaunchOptions, applyLaunchOptions } from "./launch-options.js";

const COMMANDS: readonly (() => Promise<CommandModule>)[] = [
  async () => (await import("./commands/run.js")).runCommand,
  async () => (await import("./commands/show.js")).showCommand,
  async () => (await import("./commands/delta.js")).deltaCommand,
  async () => (await import("./commands/spark.js")).sparkCommand,
  async () => (await import("./commands/health.js")).healthCommand,
  async () => (await import("./commands/init.js")).initCommand,
  async () => (await import("./commands/validate.js")).validateCommand,
];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: readonly string[], given: CliIO = defaultIO()): Promise<number> {
  // Every line the CLI prints (output, --json, errors, warnings) passes one redacting writer.
  registerSecretsFromEnv(process.env);
  const io: CliIO = {
    ...given,
    stdout: redactingWriter(given.stdout),
    stderr: redactingWriter(given.stderr),
    reveal: given.reveal ?? given.stderr,
  };
  let exit = 0;
  const program = new Command("tributary")
    .description("Spark-style data-ingestion pipelines for TypeScript")
    .version(version())
    // Program options only before the command name, so a command may have its own --version.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const load of COMMANDS)
    (await load()).register(program, io, (code) => {
      exit = code;
    });
  addLaunchOptions(program);
  program.hook("preAction", (_program, command) => {
    applyLaunchOptions(command.opts());
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const error = isTributaryShaped(e) ? e : asCliError(e);
    io.stderr(
      `error [${error.code}]: ${error.message}\n${error.hint === undefined ? "" : `hint: ${error.hint}\n`}`,
    );
    // The stack is for bug reports, not for users: only when asked for.
    if (process.env.TRIBUTARY_DEBUG === "1" && e instanceof Error && e.stack !== undefined)
      io.stderr(`${e.stack}\n`);
    return 2;
  }
}

/** A TributaryError from another copy of the library (a pipeline importing the sources). */
function isTributaryShaped(e: unknown): e is TributaryError {
  return (
    e instanceof TributaryError ||
    (e instanceof Error &&
      typeof (e as { code?: unknown }).code === "string" &&
      "hint" in e &&
      "context" in e)
  );
}

function defaultIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: process.stdout.isTTY === true,
    stderrTTY: process.stderr.isTTY === true,
  };
}
