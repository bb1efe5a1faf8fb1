/**
 * Vitest global setup for tests/storage: installs moto and DuckDB's httpfs extension
 * (scripts/storage/setup.sh), starts `moto_server` on a free loopback port, hands its URL to
 * the tests as `inject("s3Endpoint")` (and the extension directory as
 * `inject("duckdbExtensionDir")`) and stops the server after the run.
 */
import type { TestProject } from "vitest/node";
import { startMoto, storageHome } from "../helpers/moto.js";
import { runSetupScript } from "../helpers/setup-script.js";

declare module "vitest" {
  export interface ProvidedContext {
    s3Endpoint: string;
    /** The DuckDB extension directory setup.sh filled with httpfs. */
    duckdbExtensionDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  runSetupScript("scripts/storage/setup.sh");
  const moto = await startMoto();
  project.provide("s3Endpoint", moto.url);
  project.provide("duckdbExtensionDir", `${storageHome}/duckdb-extensions`);
  return moto.stop;
}
