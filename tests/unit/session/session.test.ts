import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigError,
  createSparkSession,
  SparkSession,
  UnsupportedOperationError,
} from "../../../src/index.js";

const saved = { ...process.env };

afterEach(async () => {
  await SparkSession.getActiveSession()?.stop();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

async function setting(spark: SparkSession, name: string): Promise<unknown> {
  const row = await spark
    .sql(`SELECT current_setting('${name}') AS v`, { dialect: "duckdb" })
    .first();
  return row?.v;
}

describe("SparkSession configuration", () => {
  it("reads spark-defaults.conf from SPARK_CONF_DIR; code overrides it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-conf-"));
    writeFileSync(
      join(dir, "spark-defaults.conf"),
      "# the seed's file\nspark.master                     local[3]\nspark.driver.memory             1g\nspark.app.name  from-file\nspark.sql.session.timeZone Asia/Tokyo\n",
    );
    process.env.SPARK_CONF_DIR = dir;
    const spark = await SparkSession.builder().appName("from-code").getOrCreate();
    expect(spark.conf.get("spark.app.name")).toBe("from-code");
    expect(spark.conf.get("spark.driver.memory")).toBe("1g");
    expect(await setting(spark, "threads")).toBe(3n);
    // Three quarters of the driver's memory: the rest is the JavaScript heap's and DuckDB's own.
    expect(String(await setting(spark, "memory_limit"))).toBe("768.0 MiB");
    expect(spark.timeZone).toBe("Asia/Tokyo");
    expect(spark.conf.describe()).toContain(
      `spark.driver.memory=1g (from ${join(dir, "spark-defaults.conf")}, line 3)`,
    );
  });

  it("spills to spark.local.dir, else to the session's own scratch directory", async () => {
    const local = mkdtempSync(join(tmpdir(), "trib-local-"));
    const spark = await SparkSession.builder().config("spark.local.dir", local).getOrCreate();
    expect(await setting(spark, "temp_directory")).toBe(local);
    await spark.stop();
    const other = await SparkSession.builder().getOrCreate();
    const spill = String(await setting(other, "temp_directory"));
    expect(spill.startsWith(join(tmpdir(), "tributary-"))).toBe(true);
    expect(spill.endsWith("spill")).toBe(true);
  });

  it("local[N] sets the engine's threads; local[*] all cores", async () => {
    const spark = await SparkSession.builder().master("local[2]").getOrCreate();
    expect(await setting(spark, "threads")).toBe(2n);
  });

  it("spark.sql.session.timeZone applies to the engine at once", async () => {
    const spark = await SparkSession.builder()
      .master("local[1]")
      .config("spark.sql.session.timeZone", "UTC")
      .getOrCreate();
    await spark.conf.set("spark.sql.session.timeZone", "America/New_York");
    expect(await setting(spark, "TimeZone")).toBe("America/New_York");
  });

  it("the seed's createSparkSession takes an app name and configs", async () => {
    const spark = await createSparkSession("DataIngestionPipeline", {
      "spark.master": "local[1]",
      "spark.custom.flag": true,
    });
    expect(spark.conf.get("spark.app.name")).toBe("DataIngestionPipeline");
    expect(spark.conf.get("spark.custom.flag")).toBe("true");
    expect(spark.conf.getAll()["spark.app.name"]).toBe("DataIngestionPipeline");
  });

  it("redacts secrets whenever configuration is printed", async () => {
    const spark = await SparkSession.builder()
      .master("local[1]")
      .config("spark.hadoop.fs.s3a.secret.key", "s3cr3t-value")
      .config("spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE")
      .config("spark.my.password", "hunter2")
      .getOrCreate();
    const printed = [
      spark.conf.describe().join("\n"),
      inspect(spark.conf),
      String(spark.conf),
      JSON.stringify(spark.conf),
      inspect(spark),
    ].join("\n");
    for (const secret of ["s3cr3t-value", "AKIAEXAMPLE", "hunter2"])
      expect(printed).not.toContain(secret);
    expect(printed).toContain("*********(redacted)");
    expect(spark.conf.get("spark.my.password")).toBe("hunter2");
  });

  it("getOrCreate returns the running session and applies new settings to it", async () => {
    const a = await SparkSession.builder().master("local[1]").getOrCreate();
    const b = await SparkSession.builder().config("spark.extra", "1").getOrCreate();
    expect(b).toBe(a);
    expect(a.conf.get("spark.extra")).toBe("1");
  });

  it("a stopped session says so", async () => {
    const spark = await SparkSession.builder().master("local[1]").getOrCreate();
    await spark.stop();
    expect(() => spark.range(1)).toThrow(/has been stopped/);
  });

  it("bad masters and sizes are configuration errors naming the key", async () => {
    await expect(SparkSession.builder().master("local[x]").getOrCreate()).rejects.toBeInstanceOf(
      ConfigError,
    );
    await expect(
      SparkSession.builder().master("local[1]").config("spark.driver.memory", "lots").getOrCreate(),
    ).rejects.toThrow(/spark.driver.memory/);
    await expect(SparkSession.builder().master("yarn").getOrCreate()).rejects.toBeInstanceOf(
      UnsupportedOperationError,
    );
  });
});
