/**
 * A Spark Connect server for a test run. Uses `SPARK_REMOTE` when set (an external
 * server, never stopped here); reuses a server that `npm run spark:start` left running;
 * otherwise starts one with scripts/spark/start-server.sh, with a random bearer token so
 * that authentication is tested too, and stops it afterwards.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STATE = process.env.TRIBUTARY_SPARK_HOME ?? join(ROOT, ".tributary", "spark");

export interface TestServer {
  /** The connection string, token included. */
  readonly url: string;
  /** Whether this run started the server (and so stops it). */
  readonly started: boolean;
  /** How long the start took, in ms (0 when reused). */
  readonly startMs: number;
  stop(): Promise<void>;
}

function run(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [join(ROOT, "scripts", "spark", script)], {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

function running(): boolean {
  const pidFile = join(STATE, "server.pid");
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, "utf8").trim()), 0);
    return true;
  } catch {
    return false;
  }
}

function urlFor(port: string, token: string | undefined): string {
  return `sc://127.0.0.1:${port}${token === undefined ? "" : `/;token=${token}`}`;
}

/**
 * Finds or starts the server; `conf` (Spark settings) applies only to a server it starts.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * const client = SparkConnectClient.connect(server.url);
 * ```
 */
export async function startTestServer(
  conf: Readonly<Record<string, string>> = {},
): Promise<TestServer> {
  const external = process.env.SPARK_REMOTE;
  if (external !== undefined && external !== "") {
    return { url: external, started: false, startMs: 0, stop: async () => {} };
  }
  const port = process.env.SPARK_CONNECT_PORT ?? "15002";
  const tokenFile = join(STATE, "token");
  if (running()) {
    const token = existsSync(tokenFile) ? readFileSync(tokenFile, "utf8") : undefined;
    return { url: urlFor(port, token), started: false, startMs: 0, stop: async () => {} };
  }
  const token = randomBytes(16).toString("hex");
  const started = Date.now();
  const lines = Object.entries(conf).map(([k, v]) => `${k}=${v}`);
  await run("start-server.sh", {
    ...process.env,
    SPARK_CONNECT_AUTHENTICATE_TOKEN: token,
    ...(lines.length === 0 ? {} : { TRIBUTARY_SPARK_CONF: lines.join("\n") }),
  });
  return {
    url: urlFor(port, token),
    started: true,
    startMs: Date.now() - started,
    stop: () => run("stop-server.sh", process.env),
  };
}
