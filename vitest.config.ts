import { defineConfig } from "vitest/config";

/**
 * `npm test` runs every project. The `spark` project starts a local Spark Connect server
 * (with Delta) once in its global setup and stops it after; the other projects never start
 * a JVM except through the Delta interop peers they call, and the `parity` project, whose
 * global setup runs the PySpark oracle once (cached in .tributary/parity/).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/proto/**"],
      reporter: ["text-summary", "html"],
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/reliability/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "interop",
          include: ["tests/interop/**/*.test.ts"],
          // The S3 server of tests/storage too: the peers read and write tables on S3.
          globalSetup: ["tests/interop/global-setup.ts", "tests/storage/global-setup.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/browser/global-setup.ts"],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "package",
          include: ["tests/package/**/*.test.ts"],
          testTimeout: 900_000,
        },
      },
      {
        extends: true,
        test: {
          name: "monitoring",
          include: ["tests/monitoring/**/*.test.ts"],
          globalSetup: ["tests/monitoring/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "storage",
          include: ["tests/storage/**/*.test.ts"],
          globalSetup: ["tests/storage/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "parity",
          include: ["tests/parity/**/*.test.ts"],
          globalSetup: ["tests/parity/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: "spark",
          include: ["tests/spark/**/*.test.ts", "tests/conformance/**/*.test.ts"],
          globalSetup: ["tests/spark/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
