import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSparkDefaults, locateSparkDefaults } from "../../../src/config/index.js";
import { configErrorAsync, useTempDirs } from "./helpers.js";

const tempDir = useTempDirs();

describe("locateSparkDefaults", () => {
  it("prefers an explicit path, resolved against cwd", () => {
    expect(
      locateSparkDefaults({ path: "my.conf", env: { SPARK_CONF_DIR: "/c" }, cwd: "/work" }),
    ).toEqual({ path: "/work/my.conf", explicit: true });
  });

  it("then $SPARK_CONF_DIR/spark-defaults.conf", () => {
    expect(locateSparkDefaults({ env: { SPARK_CONF_DIR: "/c", SPARK_HOME: "/h" } })).toEqual({
      path: "/c/spark-defaults.conf",
      explicit: false,
    });
  });

  it("then $SPARK_HOME/conf/spark-defaults.conf", () => {
    expect(locateSparkDefaults({ env: { SPARK_HOME: "/opt/spark" } })).toEqual({
      path: "/opt/spark/conf/spark-defaults.conf",
      explicit: false,
    });
  });

  it("else nothing; empty variables count as unset", () => {
    expect(locateSparkDefaults({ env: {} })).toBeUndefined();
    expect(locateSparkDefaults({ env: { SPARK_CONF_DIR: "", SPARK_HOME: "" } })).toBeUndefined();
  });
});

describe("loadSparkDefaults", () => {
  it("reads $SPARK_CONF_DIR/spark-defaults.conf with values, lines and the path", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "spark-defaults.conf"), "# c\nspark.driver.memory   4g\n");
    const loaded = await loadSparkDefaults({ env: { SPARK_CONF_DIR: dir } });
    expect(loaded.path).toBe(join(dir, "spark-defaults.conf"));
    expect(Object.fromEntries(loaded.values)).toEqual({ "spark.driver.memory": "4g" });
    expect(loaded.lines.get("spark.driver.memory")).toBe(2);
  });

  it("reads $SPARK_HOME/conf/spark-defaults.conf", async () => {
    const home = await tempDir();
    await mkdir(join(home, "conf"));
    await writeFile(join(home, "conf", "spark-defaults.conf"), "spark.master local[2]");
    const loaded = await loadSparkDefaults({ env: { SPARK_HOME: home } });
    expect(loaded.values.get("spark.master")).toBe("local[2]");
    expect(loaded.path).toBe(join(home, "conf", "spark-defaults.conf"));
  });

  it("does not fall back to SPARK_HOME when SPARK_CONF_DIR is set (as spark-submit)", async () => {
    const home = await tempDir();
    await mkdir(join(home, "conf"));
    await writeFile(join(home, "conf", "spark-defaults.conf"), "spark.master local[2]");
    const emptyConfDir = await tempDir();
    const loaded = await loadSparkDefaults({
      env: { SPARK_CONF_DIR: emptyConfDir, SPARK_HOME: home },
    });
    expect(loaded.path).toBeUndefined();
    expect(loaded.values.size).toBe(0);
  });

  it("gives empty values when the default file is absent", async () => {
    const dir = await tempDir();
    expect(await loadSparkDefaults({ env: { SPARK_CONF_DIR: dir } })).toEqual({
      path: undefined,
      values: new Map(),
      lines: new Map(),
    });
    expect((await loadSparkDefaults({ env: {} })).path).toBeUndefined();
    const missing = join(dir, "nope");
    expect((await loadSparkDefaults({ env: { SPARK_CONF_DIR: missing } })).path).toBeUndefined();
  });

  it("ignores a directory at the default location, as Spark only takes a regular file", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "spark-defaults.conf"));
    expect((await loadSparkDefaults({ env: { SPARK_CONF_DIR: dir } })).path).toBeUndefined();
  });

  it("reads an explicit path relative to cwd, ignoring the environment", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "job.conf"), "spark.app.name=job");
    const loaded = await loadSparkDefaults({
      path: "job.conf",
      cwd: dir,
      env: { SPARK_CONF_DIR: "/nowhere" },
    });
    expect(loaded.values.get("spark.app.name")).toBe("job");
    expect(loaded.path).toBe(join(dir, "job.conf"));
  });

  it("fails on an explicit path that does not exist, naming it", async () => {
    const dir = await tempDir();
    const path = join(dir, "missing.conf");
    const e = await configErrorAsync(loadSparkDefaults({ path, env: {} }));
    expect(e.code).toBe("CONFIG_FILE_NOT_FOUND");
    expect(e.message).toBe(`The properties file ${path} does not exist.`);
    expect(e.context).toEqual({ file: path });
  });

  it("fails on an explicit path that is a directory", async () => {
    const dir = await tempDir();
    const e = await configErrorAsync(loadSparkDefaults({ path: dir, env: {} }));
    expect(e.code).toBe("CONFIG_FILE_NOT_A_FILE");
    expect(e.message).toBe(`The properties file ${dir} is not a regular file.`);
  });

  it("fails when the file cannot even be inspected (a symlink loop), naming it", async () => {
    const dir = await tempDir();
    const path = join(dir, "spark-defaults.conf");
    await symlink(path, path);
    const e = await configErrorAsync(loadSparkDefaults({ env: { SPARK_CONF_DIR: dir } }));
    expect(e.code).toBe("CONFIG_FILE_UNREADABLE");
    expect(e.message).toContain(`Cannot read the properties file ${path}:`);
    expect(e.hint).toMatch(/may read it/);
  });

  it("names the file and the line of a malformed escape", async () => {
    const dir = await tempDir();
    const path = join(dir, "spark-defaults.conf");
    await writeFile(path, "spark.a 1\n\nspark.b \\u12x4\n");
    const e = await configErrorAsync(loadSparkDefaults({ env: { SPARK_CONF_DIR: dir } }));
    expect(e.code).toBe("CONFIG_MALFORMED_ESCAPE");
    expect(e.message).toContain(`${path}:3:`);
    expect(e.context).toEqual({ file: path, line: 3 });
  });

  it("decodes the file as UTF-8", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "spark-defaults.conf"), "spark.app.name=café ✓\n");
    const loaded = await loadSparkDefaults({ env: { SPARK_CONF_DIR: dir } });
    expect(loaded.values.get("spark.app.name")).toBe("café ✓");
  });
});
