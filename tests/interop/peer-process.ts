/**
 * Runs scripts/interop/peer.py in the interop venv. Batches go to one long-lived `peer.py
 * serve` process per test file (JSON lines in, one answer line out), so a file starts the
 * Spark JVM once rather than per batch; a batch with other confs or environment gets a fresh
 * server. The server has its own process group, so a timeout, `stopPeers()` or the end of
 * the file kills Python and its JVM together; no JVM outlives a test file.
 * `TRIBUTARY_PEER_SERVER=0` runs one process per batch instead (JSON in a file).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const interopHome =
  process.env.TRIBUTARY_INTEROP_HOME ?? join(repoRoot, ".tributary", "interop");
const python = join(interopHome, "venv", "bin", "python");
const peerScript = join(repoRoot, "scripts", "interop", "peer.py");

/** A peer failed: its own error, the command that failed and the end of its stderr. */
export class PeerError extends Error {
  constructor(
    message: string,
    readonly command: string | undefined,
    readonly stderr: string,
  ) {
    super(`${message}\n--- peer stderr (tail) ---\n${stderr}`);
    this.name = "PeerError";
  }
}

export interface Availability {
  readonly ok: boolean;
  readonly reason: string;
}

/** Whether setup.sh has run; tests skip (or fail in CI) on its reason. */
export function peersAvailable(): Availability {
  if (!existsSync(python)) {
    return { ok: false, reason: `no interop venv at ${python}: run scripts/interop/setup.sh` };
  }
  const jars = join(interopHome, "jars");
  if (!existsSync(jars) || !readdirSync(jars).some((f) => f.endsWith(".jar"))) {
    return { ok: false, reason: `no Delta jars in ${jars}: run scripts/interop/setup.sh` };
  }
  return { ok: true, reason: "" };
}

const live = new Set<ChildProcess>();
/** Process groups this test process started: leftovers are looked for in these only. */
export const startedGroups = new Set<number>();
const STDERR_TAIL = 20_000;

export interface RunOptions {
  /** Kills the whole run after this long. Spark needs ~10-20 s just to start. */
  readonly timeoutMs?: number;
  /** Spark confs for the session this batch starts. */
  readonly conf?: Readonly<Record<string, string>>;
  /** More environment for the peer process, e.g. delta-rs's AWS_* S3 settings. */
  readonly env?: Readonly<Record<string, string>>;
}

interface PeerAnswer {
  readonly ok: boolean;
  readonly results?: unknown[];
  readonly error?: { type: string; message: string; command: string; index: number | null };
}

function peerEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...env,
    TZ: "UTC",
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1", // no __pycache__ in scripts/interop
    TRIBUTARY_INTEROP_HOME: interopHome,
  };
}

function checked(answer: PeerAnswer | undefined, code: number | null, stderr: string): unknown[] {
  if (answer === undefined) {
    throw new PeerError(`peer exited with ${code} and no answer`, undefined, stderr);
  }
  if (!answer.ok || answer.error !== undefined) {
    const e = answer.error;
    const where = e ? `#${e.index ?? "?"} ${e.command}` : undefined;
    throw new PeerError(`${where ?? "peer"} failed: ${e?.type}: ${e?.message}`, where, stderr);
  }
  return answer.results ?? [];
}

interface Server {
  readonly key: string;
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  closed: boolean;
  pending: { resolve(line: string): void; reject(e: Error): void } | undefined;
}

let server: Server | undefined;
let queue: Promise<unknown> = Promise.resolve();

function startServer(key: string, opts: RunOptions): Server {
  const child = spawn(python, [peerScript, "serve", JSON.stringify(opts.conf ?? {})], {
    cwd: repoRoot,
    detached: true, // its own process group: the JVM it launches joins it
    stdio: ["pipe", "pipe", "pipe"],
    env: peerEnv(opts.env ?? {}),
  });
  live.add(child);
  if (child.pid !== undefined) startedGroups.add(child.pid);
  const s: Server = { key, child, stdout: "", stderr: "", closed: false, pending: undefined };
  child.stdout?.on("data", (chunk: Buffer) => {
    s.stdout += chunk.toString();
    for (let i = s.stdout.indexOf("\n"); i >= 0; i = s.stdout.indexOf("\n")) {
      const line = s.stdout.slice(0, i);
      s.stdout = s.stdout.slice(i + 1);
      const pending = s.pending;
      s.pending = undefined;
      pending?.resolve(line);
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    s.stderr = (s.stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  const ended = (why: string) => {
    s.closed = true;
    live.delete(child);
    killGroup(child);
    if (server === s) server = undefined;
    const pending = s.pending;
    s.pending = undefined;
    pending?.reject(new PeerError(why, undefined, s.stderr));
  };
  child.on("error", (err) => ended(`could not start ${python}: ${err.message}`));
  child.on("close", (code) => ended(`peer server exited with ${code} and no answer`));
  return s;
}

function stopServer(): void {
  const s = server;
  server = undefined;
  if (s === undefined) return;
  s.closed = true;
  live.delete(s.child);
  killGroup(s.child);
}

async function serverBatch(commands: readonly unknown[], opts: RunOptions): Promise<unknown[]> {
  const key = JSON.stringify([opts.conf ?? {}, opts.env ?? {}]);
  if (server !== undefined && (server.closed || server.key !== key)) stopServer();
  const s = server ?? startServer(key, opts);
  server = s;
  s.stderr = "";
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      s.pending = undefined;
      if (server === s) stopServer();
      killGroup(s.child);
      reject(new PeerError(`peer timed out after ${timeoutMs} ms`, "batch", s.stderr));
    }, timeoutMs);
    s.pending = {
      resolve: (l) => {
        clearTimeout(timer);
        resolve(l);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    };
    s.child.stdin?.write(`${JSON.stringify({ commands })}\n`);
  });
  return checked(parseAnswer(line), null, s.stderr);
}

/** Runs a batch of peer commands (already in wire form): on the file's server, in order. */
export function runBatch(commands: readonly unknown[], opts: RunOptions = {}): Promise<unknown[]> {
  if (process.env.TRIBUTARY_PEER_SERVER === "0") return runBatchProcess(commands, opts);
  const run = queue.then(() => serverBatch(commands, opts));
  queue = run.catch(() => undefined);
  return run;
}

/** Runs a batch of peer commands (already in wire form) in a process of its own. */
async function runBatchProcess(commands: readonly unknown[], opts: RunOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), "tributary-peer-"));
  try {
    const file = join(dir, "batch.json");
    await writeFile(file, JSON.stringify({ conf: opts.conf ?? {}, commands }));
    const { stdout, stderr, code } = await spawnPeer(
      ["batch", file],
      opts.timeoutMs ?? 300_000,
      opts.env ?? {},
    );
    return checked(parseAnswer(stdout), code, stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseAnswer(stdout: string): PeerAnswer | undefined {
  const line = stdout.trim().split("\n").at(-1);
  if (!line) return undefined;
  try {
    return JSON.parse(line) as PeerAnswer;
  } catch {
    return undefined;
  }
}

function spawnPeer(
  args: readonly string[],
  timeoutMs: number,
  env: Readonly<Record<string, string>>,
) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((done, fail) => {
    const child = spawn(python, [peerScript, ...args], {
      cwd: repoRoot,
      detached: true, // its own process group: the JVM it launches joins it
      stdio: ["ignore", "pipe", "pipe"],
      env: peerEnv(env),
    });
    live.add(child);
    if (child.pid !== undefined) startedGroups.add(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    const timer = setTimeout(() => {
      killGroup(child);
      fail(new PeerError(`peer timed out after ${timeoutMs} ms`, args.join(" "), stderr));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      live.delete(child);
      fail(new PeerError(`could not start ${python}: ${err.message}`, undefined, stderr));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      live.delete(child);
      // Python has exited; anything left in its group (a JVM slow to die) goes too.
      killGroup(child);
      done({ stdout, stderr, code });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // ESRCH: the group is already gone.
  }
}

function killAll(): void {
  stopServer();
  for (const child of live) killGroup(child);
  live.clear();
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false; // ESRCH: nobody left in the group
  }
}

/**
 * Stops every peer, the file's server too: its stdin closes so Spark stops cleanly (scratch
 * directories removed), then whatever is left in the groups is killed, and this resolves
 * once the groups are empty (for afterAll and the leftover checks).
 */
export async function stopPeers(): Promise<void> {
  const s = server;
  if (s !== undefined && !s.closed) {
    const closed = new Promise<void>((done) => s.child.once("close", () => done()));
    s.child.stdin?.end();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 20_000))]);
  }
  killAll();
  for (let i = 0; i < 100 && [...startedGroups].some(groupAlive); i++)
    await new Promise((r) => setTimeout(r, 100));
}

process.once("exit", killAll);
// The file's server ends with the file (a file that never calls stopPeers too). Should the
// test process die first, the server sees its stdin close and exits, and the JVM with it.
afterAll(stopPeers);
