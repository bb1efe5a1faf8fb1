/**
 * Packaging end to end: `npm pack` makes the tarball users install; `tributary init` (run
 * from the installed package) scaffolds a project depending on it; the project's own
 * `npm test` passes and `npm start` runs its pipeline, writing the table and the run log.
 * Needs the npm registry for the package's dependencies.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
    maxBuffer: 1 << 26,
  });
}

describe("npm pack -> tributary init (and npm create tributary-etl) -> npm test / npm start", () => {
  it("installs, scaffolds a project that passes its tests and runs its pipeline", () => {
    const work = mkdtempSync(join(tmpdir(), "trib-package-"));
    run("npm", ["pack", "--pack-destination", work], ROOT);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const tgz = join(work, tarball ?? "");

    // The tarball holds the CLI, the compiled library with its types, and the Spark scripts.
    const listing = run("tar", ["-tzf", tgz], work);
    for (const file of [
      "package/bin/tributary.js",
      "package/dist/index.js",
      "package/dist/index.d.ts",
      "package/scripts/spark/start-server.sh",
      "package/scripts/spark/s3-jars.sh",
      "package/scripts/spark/maven.sh",
    ])
      expect(listing).toContain(file);
    expect(listing).not.toContain("package/src/");
    expect(listing).not.toContain("package/tests/");

    // Install it globally-like into a tool folder and scaffold with its own CLI.
    const tool = join(work, "tool");
    run("npm", ["init", "-y"], work);
    run("npm", ["install", "--prefix", tool, tgz], work);
    const cli = join(tool, "node_modules", ".bin", "tributary");
    const project = join(work, "orders-pipeline");
    const created = run(cli, ["init", project, "--tributary", `file:${tgz}`], work);
    expect(created).toContain("created");
    for (const f of [
      "src/pipeline.ts",
      "config/spark-defaults.conf",
      "config/log4j.properties",
      "config/metrics.properties",
      "tests/pipeline.test.ts",
      "README.md",
    ])
      expect(existsSync(join(project, f))).toBe(true);
    expect(
      JSON.parse(readFileSync(join(project, "package.json"), "utf8")).dependencies["tributary-etl"],
    ).toBe(`file:${tgz}`);

    run("npm", ["install"], project);
    const tests = run("npm", ["test"], project);
    expect(tests).toMatch(/# pass 2/);
    expect(tests).toMatch(/# fail 0/);

    const started = run("npm", ["start", "--silent"], project);
    expect(started).toMatch(/pipeline orders-pipeline run [0-9a-f-]{36}: succeeded/);
    expect(started).toContain(
      "rows: in 4, out 3, rejected 0, quarantined 0; 1 malformed kept with nulls (PERMISSIVE)",
    );
    expect(existsSync(join(project, "lake", "orders", "_delta_log"))).toBe(true);
    expect(existsSync(join(project, "lake", "_runs", "_delta_log"))).toBe(true);

    const health = run("npm", ["run", "--silent", "health"], project);
    expect(health).toMatch(/^PASS /);

    // `npm create tributary-etl <dir>`: the create-* initializer runs `tributary init`.
    run(
      "npm",
      ["pack", "--pack-destination", work],
      join(ROOT, "packages", "create-tributary-etl"),
    );
    const createTgz = readdirSync(work).find((f) => f.startsWith("create-tributary-etl-"));
    expect(createTgz).toBeDefined();
    const creator = join(work, "creator");
    run("npm", ["install", "--prefix", creator, tgz, join(work, createTgz ?? "")], work);
    const created2 = run(
      join(creator, "node_modules", ".bin", "create-tributary-etl"),
      ["via-create", "--tributary", `file:${tgz}`],
      work,
    );
    expect(created2).toContain("created");
    expect(existsSync(join(work, "via-create", "src", "pipeline.ts"))).toBe(true);
    expect(
      JSON.parse(readFileSync(join(work, "via-create", "package.json"), "utf8")).dependencies,
    ).toEqual({ "tributary-etl": `file:${tgz}` });
  });
});
