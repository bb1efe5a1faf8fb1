/**
 * Vitest global setup for tests against a real Spark Connect server: starts (or finds) one
 * server for the whole run and hands its connection string to the tests as
 * `inject("sparkConnectUrl")`, with a moto S3 server as `inject("s3Endpoint")`. Wire it as
 * the `globalSetup` of a project that includes only tests/spark/ (vitest runs a project's
 * global setup only when that project has tests to run, so unit-test runs never start Spark).
 */
import type { TestProject } from "vitest/node";
import { motoSettings, startMoto } from "../helpers/moto.js";
import { startTestServer } from "./server.js";

declare module "vitest" {
  export interface ProvidedContext {
    sparkConnectUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // moto first: a server this run starts gets its endpoint and keys (as spark-defaults.conf
  // would give them); a reused server learns them from each test's session (see s3.test.ts).
  const moto = await startMoto();
  try {
    const server = await startTestServer(motoSettings(moto.url));
    if (server.started) console.log(`Spark Connect server started in ${server.startMs} ms`);
    project.provide("sparkConnectUrl", server.url);
    project.provide("s3Endpoint", moto.url);
    return async () => {
      await server.stop();
      await moto.stop();
    };
  } catch (e) {
    await moto.stop();
    throw e;
  }
}
