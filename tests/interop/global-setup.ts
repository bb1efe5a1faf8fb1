/**
 * Vitest global setup of the interop project: installs the real peers when they are
 * missing (delta-rs, delta-spark with its jars; Great Expectations for the quality parity
 * tests), so `npm test` on a fresh clone runs the suite instead of failing. Idempotent and
 * offline once done.
 */
import { runSetupScript } from "../helpers/setup-script.js";

export default function setup(): void {
  runSetupScript("scripts/interop/setup.sh");
  runSetupScript("scripts/quality/setup.sh");
}
