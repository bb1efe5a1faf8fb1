/**
 * Vitest global setup of the interop project: installs the real Delta peers (delta-rs,
 * delta-spark with its jars) when they are missing, so `npm test` on a fresh clone runs the
 * interop suite instead of skipping it. Idempotent and offline once done (< 1 s).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const script = fileURLToPath(new URL("../../scripts/interop/setup.sh", import.meta.url));
  execFileSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"] });
}
