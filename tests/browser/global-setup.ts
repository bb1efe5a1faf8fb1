/** Installs Debian's chromium when missing (needs root), for the report's browser test. */
import { runSetupScript } from "../helpers/setup-script.js";

export default function setup(): void {
  runSetupScript("scripts/browser/setup.sh");
}
