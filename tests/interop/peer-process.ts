/**
 * Runs scripts/interop/peer.py in the interop venv: one process per batch, JSON in a file,
 * JSON out on stdout. Each run gets its own process group, so a timeout or a test that
 * ends early kills Python and the Spark JVM it started together; no JVM outlives a run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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

/** Runs a batch of peer commands (already in wire form) in one process. */
export async function runBatch(commands: readonly unknown[], opts: RunOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), "tributary-peer-"));
  try {
    const file = join(dir, "batch.json");
    await writeFile(file, JSON.stringify({ conf: opts.conf ?? {}, commands }));
    const { stdout, stderr, code } = await spawnPeer(
      ["batch", file],
      opts.timeoutMs ?? 300_000,
      opts.env ?? {},
    );
    const answer = parseAnswer(stdout);
    if (answer === undefined) {
      throw new PeerError(`peer exited with ${code} and no answer`, undefined, stderr);
    }
    if (!answer.ok || answer.error !== undefined) {
      const e = answer.error;
      const where = e ? `#${e.index ?? "?"} ${e.command}` : undefined;
      throw new PeerError(`${where ?? "peer"} failed: ${e?.type}: ${e?.message}`, where, stderr);
    }
    return answer.results ?? [];
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
      env: {
        ...process.env,
        ...env,
        TZ: "UTC",
        PYTHONUNBUFFERED: "1",
        PYTHONDONTWRITEBYTECODE: "1", // no __pycache__ in scripts/interop
        TRIBUTARY_INTEROP_HOME: interopHome,
      },
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

/** Kills every peer still running (for afterAll and abnormal exits). */
export function stopPeers(): void {
  for (const child of live) killGroup(child);
  live.clear();
}

process.once("exit", stopPeers);
