/**
 * `tributary spark start-local` / `stop-local` wrap scripts/spark/*.sh. Against this run's
 * server: start-local finds it running and prints its URL; stop-local with another state
 * folder finds nothing to stop (the shared server keeps running for the other tests).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sparkUrl } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "tests", "helpers", "cli-main.ts"), ...args],
    {
      env,
      encoding: "utf8",
    },
  );

describe("tributary spark start-local / stop-local", () => {
  it("start-local reuses the running server and prints its address", () => {
    const port = /:(\d+)/.exec(sparkUrl() ?? "")?.[1] ?? "15002";
    const r = cli(["spark", "start-local", "--port", port], {
      ...process.env,
      SPARK_CONNECT_PORT: port,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("already running");
    expect(r.stdout.trim()).toBe(`sc://127.0.0.1:${port}`);
  });

  it("stop-local with nothing started there says so and succeeds", () => {
    const state = mkdtempSync(join(tmpdir(), "trib-spark-state-"));
    const r = cli(["spark", "stop-local"], { ...process.env, TRIBUTARY_SPARK_HOME: state });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("not running");
  });

  it("rejects a port that is not one", () => {
    const r = cli(["spark", "start-local", "--port", "70000"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--port must be a whole number from 1 to 65535");
  });
});
