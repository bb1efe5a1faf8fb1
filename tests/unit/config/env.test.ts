import { describe, expect, it } from "vitest";
import { ENV_CONFIG_VARIABLES, envToConfig, envValue } from "../../../src/config/index.js";

describe("envToConfig", () => {
  it("maps SPARK_REMOTE, SPARK_MASTER / MASTER and SPARK_APP_NAME", () => {
    const config = envToConfig({
      SPARK_REMOTE: "sc://h:15002",
      MASTER: "local[2]",
      SPARK_APP_NAME: "ingest",
      SPARK_HOME: "/opt/spark",
    });
    expect(Object.fromEntries(config)).toEqual({
      "spark.remote": { value: "sc://h:15002", variable: "SPARK_REMOTE" },
      "spark.master": { value: "local[2]", variable: "MASTER" },
      "spark.app.name": { value: "ingest", variable: "SPARK_APP_NAME" },
    });
  });

  it("prefers SPARK_MASTER to MASTER", () => {
    const config = envToConfig({ MASTER: "local[2]", SPARK_MASTER: "local[4]" });
    expect(config.get("spark.master")).toEqual({ value: "local[4]", variable: "SPARK_MASTER" });
  });

  it("treats empty variables as unset", () => {
    expect(envToConfig({ SPARK_MASTER: "", MASTER: "yarn" }).get("spark.master")?.value).toBe(
      "yarn",
    );
    expect(envToConfig({ SPARK_REMOTE: "" }).size).toBe(0);
  });

  it("maps nothing else", () => {
    expect(new Set(ENV_CONFIG_VARIABLES.map(([v]) => v))).toEqual(
      new Set(["SPARK_REMOTE", "SPARK_MASTER", "MASTER", "SPARK_APP_NAME"]),
    );
    expect(envToConfig({ SPARK_CONF_spark_x: "1", TRIBUTARY_CONF: "a=b" }).size).toBe(0);
  });
});

describe("envValue", () => {
  it("reads own keys only", () => {
    expect(envValue({ A: "1" }, "A")).toBe("1");
    expect(envValue({}, "constructor")).toBeUndefined();
    expect(envValue({}, "toString")).toBeUndefined();
  });
});
