/**
 * Runs a repo setup script from a vitest global setup, so `npm test` on a fresh machine
 * installs what a suite needs (idempotent: a second run only checks, in well under a second).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export function runSetupScript(relative: string): void {
  const script = fileURLToPath(new URL(`../../${relative}`, import.meta.url));
  execFileSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"] });
}
