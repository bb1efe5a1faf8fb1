/**
 * The oracle's answers: scripts/parity/oracle.py run once per change of the cases, the
 * datasets, the script or PySpark, cached in .tributary/parity/ under a hash of all of them.
 * A lock directory keeps two vitest projects (or two runs) from starting it twice: the
 * second waits for the first's file.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Encoded } from "./encode.js";
import { caseFiles, dataFiles, ROOT } from "./format.js";

export interface OracleRows {
  readonly schema: readonly (readonly [string, string])[];
  readonly rows: readonly (readonly Encoded[])[];
  readonly ordered: boolean;
}
export interface OracleError {
  readonly error: { readonly class: string; readonly message: string };
}
export type OracleResult = OracleRows | OracleError;
export interface OracleFile {
  readonly pyspark: string;
  readonly results: Readonly<Record<string, OracleResult>>;
}

const PYTHON = join(ROOT, ".tributary", "interop", "venv", "bin", "python");
const SCRIPT = join(ROOT, "scripts", "parity", "oracle.py");
const CACHE = join(ROOT, ".tributary", "parity");
const LOCK = join(CACHE, "lock");
const STALE_LOCK_MS = 15 * 60_000;

function pysparkVersion(): string {
  const lib = join(ROOT, ".tributary", "interop", "venv", "lib");
  for (const py of existsSync(lib) ? readdirSync(lib) : []) {
    const file = join(lib, py, "site-packages", "pyspark", "version.py");
    if (existsSync(file)) return readFileSync(file, "utf8");
  }
  throw new Error(`PySpark is not installed in ${lib}: the parity oracle needs it`);
}

/**
 * The cache key: every input that can change an answer. Case and data files count by their
 * parsed content, so reformatting them (Biome formats JSON) keeps the cached answers.
 */
export function oracleKey(): string {
  const h = createHash("sha256");
  for (const f of [...caseFiles(), ...dataFiles()])
    h.update(basename(f)).update(JSON.stringify(JSON.parse(readFileSync(f, "utf8"))));
  h.update(readFileSync(SCRIPT));
  h.update(pysparkVersion());
  return h.digest("hex").slice(0, 20);
}

function runPython(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, ROOT, out], {
      env: { ...process.env, TZ: "UTC", PYSPARK_PYTHON: PYTHON },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) {
        const last = err.trim().split("\n").at(-1) ?? "";
        if (last.startsWith("parity oracle")) console.log(last);
        resolve();
      } else reject(new Error(`parity oracle exited with ${code}:\n${err.slice(-4000)}`));
    });
  });
}

function lockIsStale(): boolean {
  try {
    const { pid, at } = JSON.parse(readFileSync(join(LOCK, "owner.json"), "utf8")) as {
      pid: number;
      at: number;
    };
    if (Date.now() - at > STALE_LOCK_MS) return true;
    process.kill(pid, 0);
    return false;
  } catch {
    // No owner file yet (just created) is fresh; a dead owner is stale.
    return existsSync(join(LOCK, "owner.json"));
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    writeFileSync(join(LOCK, "owner.json"), JSON.stringify({ pid: process.pid, at: Date.now() }));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** The oracle file for the current cases: cached, or computed now (once across processes). */
export async function ensureOracle(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `oracle-${oracleKey()}.json`);
  while (!existsSync(file)) {
    if (tryLock()) {
      try {
        if (!existsSync(file)) await runPython(file);
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
    } else {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return file;
}

export function readOracle(file: string): OracleFile {
  return JSON.parse(readFileSync(file, "utf8")) as OracleFile;
}
