// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Spark ${...} references, not templates.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDotEnv, parseDotEnv } from "../../../src/config/index.js";
import { configErrorAsync, useTempDirs } from "./helpers.js";

const tempDir = useTempDirs();

describe("parseDotEnv", () => {
  it("accepts a leading `export ` (dotenv 17 handles it itself)", () => {
    expect(parseDotEnv("export AWS_ACCESS_KEY_ID=AKIA123\n  export REGION=eu-west-1")).toEqual({
      AWS_ACCESS_KEY_ID: "AKIA123",
      REGION: "eu-west-1",
    });
  });

  it("handles quotes, comments and blank lines as dotenv does", () => {
    const text = '# c\n\nA="x y"\nB=\'single\'\nC=plain # trailing\nD="line\\nbreak"\nE=';
    expect(parseDotEnv(text)).toEqual({
      A: "x y",
      B: "single",
      C: "plain",
      D: "line\nbreak",
      E: "",
    });
  });

  it("does not expand variables", () => {
    expect(parseDotEnv("A=$HOME/x\nB=${A}")).toEqual({ A: "$HOME/x", B: "${A}" });
  });
});

describe("loadDotEnv", () => {
  const touched: string[] = [];
  afterEach(() => {
    for (const name of touched.splice(0)) delete process.env[name];
  });

  it("reads .env from cwd and fills only what the environment lacks", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, ".env"),
      "export SPARK_REMOTE=sc://from-file:15002\nNEW=1\nEMPTY=x\n",
    );
    const env = { SPARK_REMOTE: "sc://real:15002", EMPTY: "", UNSET: undefined };
    const result = await loadDotEnv({ cwd: dir, env });
    expect(result.env).toEqual({ SPARK_REMOTE: "sc://real:15002", EMPTY: "", NEW: "1" });
    expect(result.added).toEqual(["NEW"]);
    expect(result.path).toBe(join(dir, ".env"));
  });

  it("does not touch the given environment or process.env by default", async () => {
    const dir = await tempDir();
    const name = "TRIBUTARY_TEST_DOTENV_A";
    await writeFile(join(dir, ".env"), `${name}=1`);
    const env: Record<string, string> = {};
    const result = await loadDotEnv({ cwd: dir, env });
    expect(result.env[name]).toBe("1");
    expect(env).toEqual({});
    expect(process.env[name]).toBeUndefined();
  });

  it("copies added variables into process.env when asked, never overriding", async () => {
    const dir = await tempDir();
    const fresh = "TRIBUTARY_TEST_DOTENV_B";
    const existing = "TRIBUTARY_TEST_DOTENV_C";
    touched.push(fresh, existing);
    process.env[existing] = "real";
    await writeFile(join(dir, ".env"), `${fresh}=new\n${existing}=file`);
    const result = await loadDotEnv({ cwd: dir, setProcessEnv: true });
    expect(process.env[fresh]).toBe("new");
    expect(process.env[existing]).toBe("real");
    expect(result.env[existing]).toBe("real");
  });

  it("is not an error when the default .env is absent", async () => {
    const dir = await tempDir();
    const result = await loadDotEnv({ cwd: dir, env: { A: "1" } });
    expect(result).toEqual({ env: { A: "1" }, path: undefined, added: [] });
  });

  it("fails on an explicit path that does not exist, naming it", async () => {
    const dir = await tempDir();
    const e = await configErrorAsync(loadDotEnv({ cwd: dir, path: "prod.env", env: {} }));
    expect(e.code).toBe("CONFIG_FILE_NOT_FOUND");
    expect(e.message).toBe(`The .env file ${join(dir, "prod.env")} does not exist.`);
  });

  it("never mistakes inherited properties for set variables", async () => {
    const dir = await tempDir();
    // dotenv itself drops `__proto__` (its parse assigns it to a plain object).
    await writeFile(join(dir, ".env"), "__proto__=x\nconstructor=y\ntoString=z");
    const result = await loadDotEnv({ cwd: dir, env: {} });
    expect(Object.getPrototypeOf(result.env)).toBe(Object.prototype);
    expect(result.added).toEqual(["constructor", "toString"]);
    expect(Object.hasOwn(result.env, "toString")).toBe(true);
  });
});
