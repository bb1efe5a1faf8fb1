import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locateMetricsProperties } from "../../../src/monitoring/sinks/locate.js";

/** Spark's MetricsConfig: spark.metrics.conf, else metrics.properties on the classpath (its conf dir). */
describe("locateMetricsProperties", () => {
  const root = mkdtempSync(join(tmpdir(), "trib-metrics-conf-"));
  const confDir = join(root, "conf-dir");
  const home = join(root, "spark-home");
  mkdirSync(confDir);
  mkdirSync(join(home, "conf"), { recursive: true });
  writeFileSync(join(home, "conf", "metrics.properties"), "");

  it("takes spark.metrics.conf first, whatever the environment", () => {
    expect(locateMetricsProperties("/etc/m.properties", { SPARK_CONF_DIR: confDir })).toBe(
      "/etc/m.properties",
    );
  });

  it("else $SPARK_CONF_DIR/metrics.properties, only when present; SPARK_HOME/conf only without SPARK_CONF_DIR", () => {
    expect(locateMetricsProperties(undefined, { SPARK_CONF_DIR: confDir, SPARK_HOME: home })).toBe(
      undefined,
    );
    writeFileSync(join(confDir, "metrics.properties"), "");
    expect(locateMetricsProperties(undefined, { SPARK_CONF_DIR: confDir, SPARK_HOME: home })).toBe(
      join(confDir, "metrics.properties"),
    );
    expect(locateMetricsProperties(undefined, { SPARK_HOME: home })).toBe(
      join(home, "conf", "metrics.properties"),
    );
    expect(locateMetricsProperties(undefined, {})).toBe(undefined);
  });
});
