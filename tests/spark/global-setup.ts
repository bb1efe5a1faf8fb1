/**
 * Vitest global setup for tests against a real Spark Connect server: starts (or finds) one
 * server for the whole run and hands its connection string to the tests as
 * `inject("sparkConnectUrl")`. Wire it as the `globalSetup` of a project that includes
 * only tests/spark/ (vitest runs a project's global setup only when that project has
 * tests to run, so unit-test runs never start Spark).
 */
import type { TestProject } from "vitest/node";
import { startTestServer } from "./server.js";

declare module "vitest" {
  export interface ProvidedContext {
    sparkConnectUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestServer();
  if (server.started) console.log(`Spark Connect server started in ${server.startMs} ms`);
  project.provide("sparkConnectUrl", server.url);
  return () => server.stop();
}
