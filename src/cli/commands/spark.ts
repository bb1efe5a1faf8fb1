/**
 * `tributary spark <command>`: the Spark engine's servers.
 *
 *   start-local [--port N]        a local Spark Connect server with Delta and s3a://
 *                                 (loopback only); `--conf` settings reach it through a
 *                                 mode-600 file, never its command line; `--print` shows
 *                                 the command (secrets redacted) instead of running it
 *   stop-local                    stops it
 *   submit-server --master M ...  prints (--print) or runs the spark-submit that starts a
 *                                 Spark Connect server on a cluster (YARN, Kubernetes,
 *                                 standalone) with the settings of spark-defaults.conf,
 *                                 Delta and hadoop-aws; secrets through a mode-600 file
 *
 * Pipelines then run against the server with `tributary run pipeline.ts --master sc://host:15002`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { homedir, hostname } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  isSecretKey,
  loadSparkDefaults,
  parseConfArg,
  REDACTION_REPLACEMENT,
} from "../../config/index.js";
import { shellWord, submitServerCommand } from "../../engine/spark-connect/deploy.js";
import {
  type ServerToken,
  serverToken,
  TOKEN_ENV,
} from "../../engine/spark-connect/server-token.js";
import { IllegalArgumentError } from "../../errors.js";
import { CliError } from "../cli-error.js";
import type { CliIO, CommandModule } from "../command.js";
import { integerFlag } from "../flags.js";
import { toJsonText } from "../json.js";

const script = (name: string): string =>
  fileURLToPath(new URL(`../../../scripts/spark/${name}`, import.meta.url));

/** Runs a program with the terminal attached; resolves to its exit code. TERM/INT are passed on. */
function runAttached(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: "inherit", env });
    let stopped = false;
    const forward = (signal: NodeJS.Signals) => {
      stopped = true;
      child.kill(signal);
    };
    process.on("SIGINT", forward).on("SIGTERM", forward);
    const done = () => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
    };
    child.on("error", (e) => {
      done();
      reject(
        new IllegalArgumentError(`Cannot run ${program}: ${e.message}.`, {
          cause: e,
          hint: program.endsWith("spark-submit")
            ? "Put Spark's bin/ on the PATH or pass --spark-submit /path/to/spark-submit."
            : "Is bash installed?",
        }),
      );
    });
    child.on("exit", (code, signal) => {
      done();
      // A server stopped by the user (TERM/INT passed on; Java exits 143/130) ended well.
      if (stopped && (code === null || code === 130 || code === 143)) resolve(0);
      else resolve(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1));
    });
  });
}

function port(text: string | undefined): number | undefined {
  return text === undefined ? undefined : integerFlag("--port", text, { min: 1, max: 65535 });
}

/** `--print` output: the shell lines, or with `--json` the arguments as a JSON array. */
function printCommand(
  io: CliIO,
  words: readonly string[],
  json: boolean | undefined,
  oneLine = false,
): void {
  const shell = oneLine ? words.map(shellWord).join(" ") : shellLines(words);
  io.stdout(json === true ? `${toJsonText(words)}\n` : `${shell}\n`);
}

/** `k=v` lines with secret values (S3 keys, tokens) redacted, for printing. */
function redactedConfLines(pairs: readonly string[]): string {
  return pairs
    .map((pair) => {
      const [k] = parseConfArg(pair);
      return isSecretKey(k) ? `${k}=${REDACTION_REPLACEMENT}` : pair;
    })
    .join("\n");
}

/** `--json` only changes what `--print` prints: refused alone, rather than ignored. */
function jsonNeedsPrint(options: { print?: boolean; json?: boolean }): void {
  if (options.json === true && options.print !== true)
    throw new CliError("CLI_INVALID_FLAG", "--json needs --print.", {
      hint: "--print --json prints the command as a JSON array instead of running it.",
    });
}

interface StartLocalOptions {
  port?: string;
  conf: string[];
  propertiesFile?: string;
  print?: boolean;
  json?: boolean;
}

/** `spark-submit \` then one `--flag value` per line, as deploy scripts are written. */
function shellLines(words: readonly string[]): string {
  const [program = "", ...rest] = words.map(shellWord);
  const lines = [program];
  for (let i = 0; i < rest.length; i += 2) lines.push(rest.slice(i, i + 2).join(" "));
  return lines.join(" \\\n  ");
}

/** Where tributary keeps state such as a generated server token. */
function stateDir(): string {
  const given = process.env.TRIBUTARY_SPARK_HOME;
  return given !== undefined && given !== "" ? given : join(homedir(), ".tributary", "spark");
}

/** A fresh path, in a folder only this user reads, for the settings spark-submit must not show. */
async function secretsFilePath(dir: string, pid: number): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, `submit-${pid}-${randomBytes(6).toString("hex")}.conf`);
}

/** The connection string of a new token, once; a warning for an open server. */
function announceToken(
  io: CliIO,
  auth: ServerToken,
  bindAddress: string | undefined,
  grpcPort: number | undefined,
): void {
  if (auth.kind === "none") {
    io.stderr(
      "tributary: warning: --insecure: the server accepts any client that reaches its port.\n",
    );
    return;
  }
  if (auth.kind !== "generated") return;
  if (!auth.fresh) {
    io.stderr(`tributary: the server demands the token stored in ${auth.file}\n`);
    return;
  }
  const host = bindAddress === undefined || bindAddress === "0.0.0.0" ? hostname() : bindAddress;
  io.stderr(
    `tributary: generated a token (kept in ${auth.file}, mode 600); clients connect with:\n`,
  );
  io.reveal?.(`sc://${host}:${grpcPort ?? 15002}/;token=${auth.token}\n`);
}

/** A printed client-mode command reads a generated token from its file, never inline. */
function tokenPrefix(auth: ServerToken, deployMode: string): string {
  if (auth.kind !== "generated" || deployMode === "cluster") return "";
  return `${TOKEN_ENV}="$(cat ${shellWord(auth.file)})" \\\n`;
}

interface SubmitOptions {
  master: string;
  deployMode: string;
  sparkVersion?: string;
  port?: string;
  propertiesFile?: string;
  conf: string[];
  jars?: string;
  sparkSubmit?: string;
  name?: string;
  print?: boolean;
  json?: boolean;
  insecure?: boolean;
}

export const sparkCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    const spark = program
      .command("spark")
      .description("Spark Connect servers: a local one for development, or one on your cluster");

    spark
      .command("start-local")
      .description(
        "start a local Spark Connect server with Delta on 127.0.0.1 (installs pyspark once)",
      )
      .option("--port <port>", "gRPC port (default $SPARK_CONNECT_PORT or 15002)")
      .option(
        "--conf <key=value>",
        "a Spark setting for the server (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option("--properties-file <file>", "a spark-defaults.conf for the server")
      .option("--print", "print the command instead of running it")
      .option("--json", "with --print: the command as a JSON array")
      .action(async (options: StartLocalOptions) => {
        jsonNeedsPrint(options);
        const p = port(options.port);
        for (const pair of options.conf) parseConfArg(pair);
        // What the script reads besides its own defaults (see start-server.sh).
        const settings: Record<string, string> = {
          ...(p === undefined ? {} : { SPARK_CONNECT_PORT: String(p) }),
          ...(options.conf.length === 0 ? {} : { TRIBUTARY_SPARK_CONF: options.conf.join("\n") }),
          ...(options.propertiesFile === undefined
            ? {}
            : { TRIBUTARY_SPARK_PROPERTIES_FILE: resolve(options.propertiesFile) }),
        };
        const argv = ["bash", script("start-server.sh")];
        if (options.print === true) {
          const env = Object.entries(settings).map(([k, v]) =>
            k === "TRIBUTARY_SPARK_CONF" ? `${k}=${redactedConfLines(options.conf)}` : `${k}=${v}`,
          );
          printCommand(io, env.length === 0 ? argv : ["env", ...env, ...argv], options.json, true);
          setExit(0);
          return;
        }
        const code = await runAttached(argv, { ...process.env, ...settings });
        if (code === 0)
          io.stdout(`sc://127.0.0.1:${p ?? process.env.SPARK_CONNECT_PORT ?? 15002}\n`);
        setExit(code === 0 ? 0 : 2);
      });

    spark
      .command("stop-local")
      .description("stop the local Spark Connect server start-local started")
      .action(async () => {
        setExit((await runAttached(["bash", script("stop-server.sh")])) === 0 ? 0 : 2);
      });

    spark
      .command("submit-server")
      .description("print or run the spark-submit that starts a Spark Connect server on a cluster")
      .requiredOption(
        "--master <master>",
        "yarn, k8s://https://host:port, spark://host:7077 or local[N]",
      )
      .option("--deploy-mode <mode>", "client (the server runs here) or cluster", "client")
      .option("--spark-version <version>", "the cluster's Spark version: 4.0.x or 3.5.x", "4.0.1")
      .option("--port <port>", "the server's gRPC port", "15002")
      .option(
        "--properties-file <file>",
        "spark-defaults.conf (default: $SPARK_CONF_DIR's, $SPARK_HOME/conf's)",
      )
      .option(
        "--conf <key=value>",
        "a Spark setting (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option("--jars <paths>", "comma-separated local jars instead of Delta from Maven Central")
      .option("--spark-submit <path>", "the spark-submit to run (default: on the PATH)")
      .option("--name <name>", "the application name")
      .option("--print", "print the command instead of running it")
      .option("--json", "with --print: the arguments as a JSON array")
      .option(
        "--insecure",
        "start without an authentication token (anyone reaching the port can run code)",
      )
      .action(async (options: SubmitOptions) => {
        jsonNeedsPrint(options);
        if (options.deployMode !== "client" && options.deployMode !== "cluster")
          throw new IllegalArgumentError(
            `--deploy-mode must be client or cluster, got '${options.deployMode}'.`,
          );
        const defaults = await loadSparkDefaults({
          ...(options.propertiesFile === undefined ? {} : { path: options.propertiesFile }),
          env: process.env,
        });
        const conf = new Map(defaults.values);
        for (const pair of options.conf) {
          const [k, v] = parseConfArg(pair);
          conf.set(k, v);
        }
        // The server's own master and mode come from the flags, not from the file.
        conf.delete("spark.master");
        conf.delete("spark.submit.deployMode");
        conf.delete("spark.remote");
        const auth = await serverToken({
          env: process.env,
          stateDir: stateDir(),
          insecure: options.insecure === true,
        });
        // In cluster mode the server does not run here and cannot read our environment.
        if (auth.kind !== "none" && options.deployMode === "cluster")
          conf.set("spark.connect.authenticate.token", auth.token);
        // Secrets go to a mode-600 file rather than onto the process list, when run here.
        const secrets =
          options.print === true ? undefined : await secretsFilePath(stateDir(), process.pid);
        const command = submitServerCommand({
          ...(secrets === undefined ? {} : { secretsPath: secrets }),
          master: options.master,
          deployMode: options.deployMode,
          sparkVersion: options.sparkVersion,
          port: port(options.port),
          conf,
          ...(options.jars === undefined
            ? {}
            : { jars: options.jars.split(",").filter((j) => j !== "") }),
          ...(options.sparkSubmit === undefined ? {} : { sparkSubmit: options.sparkSubmit }),
          ...(options.name === undefined ? {} : { name: options.name }),
        });
        announceToken(io, auth, conf.get("spark.connect.grpc.binding.address"), port(options.port));
        if (options.print === true) {
          if (options.json === true) printCommand(io, command.printable, true);
          else
            io.stdout(`${tokenPrefix(auth, options.deployMode)}${shellLines(command.printable)}\n`);
          setExit(0);
          return;
        }
        io.stderr(`tributary: ${command.printable.map(shellWord).join(" ")}\n`);
        // The server is no client: SPARK_REMOTE would make spark-submit refuse --master.
        const { SPARK_REMOTE: _remote, [TOKEN_ENV]: _token, ...env } = process.env;
        if (auth.kind !== "none") env[TOKEN_ENV] = auth.token;
        if (secrets === undefined || command.secretsFile === "") {
          setExit((await runAttached(command.argv, env)) === 0 ? 0 : 2);
          return;
        }
        await writeFile(secrets, command.secretsFile, { mode: 0o600, flag: "wx" });
        try {
          setExit((await runAttached(command.argv, env)) === 0 ? 0 : 2);
        } finally {
          await rm(secrets, { force: true });
        }
      });
  },
};
