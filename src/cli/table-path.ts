/** A Delta table argument: a directory; a file there is named as such (not a scandir error). */
import { existsSync, statSync } from "node:fs";
import { schemeOf } from "../storage/location.js";
import { CliError } from "./cli-error.js";

/** Local paths only: an object-store table is checked by reading its log. */
export function checkTablePath(path: string): void {
  if (schemeOf(path) !== undefined) return;
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new CliError("CLI_PATH_NOT_A_DIRECTORY", `${path} is a file, not a Delta table.`, {
      hint: "A Delta table is a directory with a _delta_log folder; `tributary show` reads files.",
      context: { path },
    });
}
