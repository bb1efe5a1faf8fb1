/**
 * Vitest global setup of the parity project: runs the PySpark oracle once (or finds its
 * cached answers) and hands the answer file to the tests as `inject("parityOracle")`.
 */
import type { TestProject } from "vitest/node";
import { ensureOracle } from "./lib/oracle.js";

declare module "vitest" {
  export interface ProvidedContext {
    parityOracle: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide("parityOracle", await ensureOracle());
}
