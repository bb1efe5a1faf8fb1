/** The CLI from source, for tests that need it as a separate process: `tsx tests/helpers/cli-main.ts <args>`. */
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
