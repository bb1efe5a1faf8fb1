import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  compilePattern,
  configureLogging,
  DEFAULT_LOGGING_CONFIG,
  getLogger,
  loadLoggingConfig,
  MemoryAppender,
  resetLogging,
} from "../../../src/logging/index.js";
import { AT, configErrorAsync, FIXTURES, fixture, sink, useTempDirs } from "./helpers.js";

afterEach(() => resetLogging());
const tempDir = useTempDirs();

async function put(dir: string, name: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("loadLoggingConfig", () => {
  it("looks in $SPARK_CONF_DIR, then ./config, then ./conf; log4j2 before log4j in each", async () => {
    const cwd = await tempDir();
    const sparkConf = join(cwd, "spark-conf");
    const v1 = "log4j.rootLogger=WARN";
    const v2 = "rootLogger.level = error";
    const env = { SPARK_CONF_DIR: sparkConf };
    const load = () => loadLoggingConfig({ cwd, env });

    expect(await load()).toBeUndefined();
    await put(join(cwd, "conf"), "log4j.properties", v1);
    expect((await load())?.source).toBe(join(cwd, "conf", "log4j.properties"));
    await put(join(cwd, "conf"), "log4j2.properties", v2);
    expect((await load())?.source).toBe(join(cwd, "conf", "log4j2.properties"));
    await put(join(cwd, "config"), "log4j.properties", v1);
    expect((await load())?.source).toBe(join(cwd, "config", "log4j.properties"));
    await put(sparkConf, "log4j.properties", v1);
    expect((await load())?.source).toBe(join(sparkConf, "log4j.properties"));
    await put(sparkConf, "log4j2.properties", v2);
    const found = await load();
    expect(found).toMatchObject({
      source: join(sparkConf, "log4j2.properties"),
      dialect: "log4j2",
      root: { level: "ERROR" },
    });
    expect((await loadLoggingConfig({ cwd, env: {} }))?.source).toBe(
      join(cwd, "config", "log4j.properties"),
    );
  });

  it("reports a bad file with its path and line", async () => {
    const cwd = await tempDir();
    const path = await put(
      join(cwd, "config"),
      "log4j.properties",
      "log4j.rootLogger=INFO, x\nlog4j.appender.x=com.example.Nope\n",
    );
    const error = await configErrorAsync(loadLoggingConfig({ cwd, env: {} }));
    expect(error.message).toBe(
      `${path}:2: log4j.appender.x: unknown appender class "com.example.Nope".`,
    );
  });
});

describe("configureLogging", () => {
  it("reads a named file and applies it", async () => {
    const stderr = sink();
    const config = await configureLogging({
      file: join(FIXTURES, "seed-log4j.properties"),
      clock: () => Date.UTC(2024, 0, 31, 9, 5, 3),
      streams: { stderr },
      overrides: { timeZone: "UTC" },
    });
    expect(config.source).toBe(join(FIXTURES, "seed-log4j.properties"));
    getLogger("com.acme.DataIngestionPipeline").info("Starting");
    expect(stderr.text).toBe("24/01/31 09:05:03 INFO DataIngestionPipeline: Starting\n");
  });

  it("fails for a named file that does not exist", async () => {
    const error = await configErrorAsync(
      configureLogging({ file: "/nonexistent/log4j.properties" }),
    );
    expect(error.code).toBe("CONFIG_FILE_NOT_FOUND");
  });

  it("finds a file on its own, else uses the defaults", async () => {
    const cwd = await tempDir();
    expect(await configureLogging({ cwd, env: {} })).toMatchObject(DEFAULT_LOGGING_CONFIG);
    await put(join(cwd, "conf"), "log4j2.properties", fixture("spark-log4j2.properties"));
    expect((await configureLogging({ cwd, env: {} })).source).toBe(
      join(cwd, "conf", "log4j2.properties"),
    );
  });

  it("applies overrides: root level, logger levels, pattern and zone", async () => {
    const stderr = sink();
    await configureLogging({
      text: fixture("spark-log4j2.properties"),
      file: "log4j2.properties",
      clock: () => AT,
      streams: { stderr },
      overrides: {
        level: "warn",
        levels: { "com.acme": "debug", "org.apache.spark.repl.Main": "info" },
        pattern: "%d{HH:mm:ss.SSS} %-5level %logger{1} - %msg%n",
        timeZone: "GMT+01:00",
      },
    });
    getLogger("other").info("hidden: root is WARN now");
    getLogger("com.acme.Job").debug("shown");
    getLogger("org.apache.spark.repl.Main").info("shown too");
    expect(stderr.text).toBe(
      "10:05:03.007 DEBUG Job - shown\n10:05:03.007 INFO  Main - shown too\n",
    );
  });

  it("rejects bad overrides and keeps the previous configuration in force", async () => {
    const mem = new MemoryAppender({ layout: compilePattern("%m%n") });
    await configureLogging({ appenders: [mem], cwd: "/nonexistent", env: {} });
    for (const overrides of [
      { level: "loud" },
      { levels: { a: "x" } },
      { pattern: "%z" },
      { timeZone: "Nowhere/Else" },
    ]) {
      const error = await configErrorAsync(
        configureLogging({ overrides, cwd: "/nonexistent", env: {} }),
      );
      expect(error.context).toMatchObject({ file: "<overrides>" });
    }
    getLogger("still").info("memory");
    expect(mem.text()).toBe("memory\n");
  });

  it("resets to the defaults", async () => {
    const mem = new MemoryAppender({ layout: compilePattern("%m%n") });
    await configureLogging({
      appenders: [mem],
      overrides: { level: "trace" },
      cwd: "/nonexistent",
      env: {},
    });
    expect(getLogger("x").isEnabled("TRACE")).toBe(true);
    resetLogging();
    expect(getLogger("x").isEnabled("TRACE")).toBe(false);
    expect(getLogger("x").isEnabled("INFO")).toBe(true);
  });
});
