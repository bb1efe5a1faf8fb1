/** Installs Debian's graphite-carbon, python3-whisper and prometheus-pushgateway when missing (needs root). */
import { runSetupScript } from "../helpers/setup-script.js";

export default function setup(): void {
  runSetupScript("scripts/monitoring/setup.sh");
}
