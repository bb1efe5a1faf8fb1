/** Runs the CLI in-process, capturing what it prints and the exit code `main` decides. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CliIO } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `tributary <argv>`; `isTTY` as a terminal would have it (progress is drawn only then). */
export async function runCli(argv: readonly string[], isTTY = false): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

/**
 * `tributary <argv>` as its own process (from source, through tsx): for what only a real
 * process shows (module loading hooks, native crashes, exit codes set by Node itself).
 */
export function spawnCli(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  const root = join(import.meta.dirname, "..", "..");
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // tsx by path: the process may start in a directory without node_modules.
      [
        "--import",
        pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href,
        join(root, "tests/helpers/cli-main.ts"),
        ...argv,
      ],
      {
        cwd: options.cwd ?? root,
        env: options.env ?? process.env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, out, err }));
  });
}
