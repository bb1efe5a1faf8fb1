#!/usr/bin/env node
// `npm create tributary-etl <dir> [init options]` is `tributary init <dir> [init options]`,
// run by the tributary-etl this initializer depends on (npm's create-* convention).
import { main } from "tributary-etl/cli";

process.exitCode = await main(["init", ...process.argv.slice(2)]);
