/**
 * All functions the DuckDB engine knows, by Spark name (case-insensitive, as Spark's
 * function registry). Unknown names fail with the closest known name.
 */
import { AnalysisError, closestMatch } from "../../../errors.js";
import { aggregateFunctions } from "./aggregates.js";
import { castFunctions } from "./casts.js";
import { collectionFunctions } from "./collections.js";
import { conditionalFunctions } from "./conditionals.js";
import { datetimeFunctions } from "./datetime.js";
import { hashingFunctions } from "./hashing.js";
import { mathFunctions } from "./math.js";
import { miscFunctions } from "./misc.js";
import { operatorFunctions } from "./operators.js";
import { stringFunctions } from "./strings.js";
import type { FunctionDef, FunctionTable } from "./types.js";
import { windowFunctions } from "./window.js";

const families: readonly FunctionTable[] = [
  operatorFunctions,
  aggregateFunctions,
  windowFunctions,
  stringFunctions,
  mathFunctions,
  conditionalFunctions,
  datetimeFunctions,
  hashingFunctions,
  collectionFunctions,
  miscFunctions,
  castFunctions,
];

const table = new Map<string, FunctionDef>();
for (const family of families) {
  for (const [name, def] of Object.entries(family)) table.set(name.toLowerCase(), def);
}

/** The definition of a Spark function, or an AnalysisError naming the closest one. */
export function lookupFunction(name: string): FunctionDef {
  const def = table.get(name.toLowerCase());
  if (def !== undefined) return def;
  const suggestion = closestMatch(name, [...table.keys()]);
  throw new AnalysisError(
    "UNRESOLVED_ROUTINE",
    `Cannot resolve function \`${name}\` on the DuckDB engine.`,
    {
      hint:
        suggestion === undefined
          ? "See the README's function list."
          : `Did you mean \`${suggestion}\`?`,
      context: { function: name },
    },
  );
}

/** Whether the engine knows a function (for capability checks). */
export function hasFunction(name: string): boolean {
  return table.has(name.toLowerCase());
}

/** Every known function name. */
export function functionNames(): string[] {
  return [...table.keys()].sort();
}
