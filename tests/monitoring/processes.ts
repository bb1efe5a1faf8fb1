/**
 * Starting and stopping the real metrics servers the Debian packages ship, each private to
 * one test file: its own temp directory, loopback ports chosen free, killed in `afterAll`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { connect, createServer } from "node:net";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const SETUP = "bash scripts/monitoring/setup.sh";

/** The absolute path of `tool` on PATH; fails, saying to run the setup script, if absent. */
export function requireTool(tool: string, debianPackage: string): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    `${tool} is not installed (Debian package ${debianPackage}). Run \`${SETUP}\` as root first.`,
  );
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Resolves once 127.0.0.1:`port` accepts a TCP connection; the child's output on failure. */
export async function waitForPort(port: number, child: ManagedProcess, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exited) throw new Error(`${child.name} exited early:\n${child.output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} did not listen on ${port} within ${ms} ms:\n${child.output()}`);
}

/** A child process whose output is kept for error messages. */
export class ManagedProcess {
  readonly #child: ChildProcess;
  readonly #output: string[] = [];
  readonly #exit: Promise<void>;
  exited = false;

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
  ) {
    this.#child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      this.#output.push(chunk.toString());
      if (this.#output.length > 200) this.#output.shift();
    };
    this.#child.stdout?.on("data", keep);
    this.#child.stderr?.on("data", keep);
    this.#exit = new Promise((resolve) => {
      this.#child.once("exit", () => {
        this.exited = true;
        resolve();
      });
      this.#child.once("error", (e) => {
        keep(Buffer.from(String(e)));
        this.exited = true;
        resolve();
      });
    });
  }

  output(): string {
    return this.#output.join("").slice(-4_000);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    await this.#exit;
    clearTimeout(timer);
  }
}

/** Runs a command to completion and returns its standard output. */
export async function run(command: string, args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(command, [...args], { maxBuffer: 16 << 20 });
  return stdout;
}
