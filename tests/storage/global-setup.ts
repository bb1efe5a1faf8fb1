/**
 * Vitest global setup for tests/storage: starts moto's S3 server on a free loopback port
 * (installing it first when missing, see tests/helpers/moto.ts), hands its URL to the tests
 * as `inject("s3Endpoint")` and stops it after the run.
 */
import type { TestProject } from "vitest/node";
import { startMoto } from "../helpers/moto.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMoto();
  project.provide("s3Endpoint", moto.url);
  return () => moto.stop();
}
