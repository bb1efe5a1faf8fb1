/**
 * Runs only the tests against a real Spark Connect server, with the server started once:
 * `npx vitest run -c tests/spark/vitest.config.ts`. The same settings belong in the root
 * vitest.config.ts as a `spark` project (see global-setup.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/spark/**/*.test.ts"],
    globalSetup: ["tests/spark/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
