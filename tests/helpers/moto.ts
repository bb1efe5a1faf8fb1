/**
 * Starts moto's S3 server (installed by scripts/storage/setup.sh) on a free loopback port,
 * for the global setups of the projects that test against a real S3 API.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where setup.sh installs moto and DuckDB's httpfs (TRIBUTARY_STORAGE_HOME moves it). */
export const storageHome = process.env.TRIBUTARY_STORAGE_HOME ?? `${ROOT}.tributary/storage`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`moto_server did not answer on ${url} within ${ms} ms`);
}

/** A running server: its URL, and how to stop it. */
export async function startMoto(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    `${storageHome}/venv/bin/moto_server`,
    ["-H", "127.0.0.1", "-p", String(port)],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  // moto logs every request on stderr: keep only the tail, to explain a failed start.
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, 30_000).catch((e: unknown) => {
    child.kill("SIGTERM");
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${log}`);
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
