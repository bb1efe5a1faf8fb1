/**
 * All functions the DuckDB engine knows, by Spark name (case-insensitive, as Spark's
 * function registry). The families together must cover the catalog: a catalog name that is
 * neither implemented nor declared unsupported fails to compile here.
 */
import { AnalysisError, closestMatch, UnsupportedOperationError } from "../../../errors.js";
import type { SparkFunctionName } from "../../../plan/functions/index.js";
import { aggregateFunctions } from "./aggregates.js";
import { castFunctions } from "./casts.js";
import { collectionFunctions } from "./collections.js";
import { conditionalFunctions } from "./conditionals.js";
import { datetimeFunctions } from "./datetime.js";
import { hashingFunctions } from "./hashing.js";
import { intervalFunctions } from "./intervals.js";
import { mathFunctions } from "./math.js";
import { miscFunctions } from "./misc.js";
import { operatorFunctions } from "./operators.js";
import { stringFunctions } from "./strings.js";
import { stringLookupFunctions } from "./strings-lookup.js";
import type { FunctionDef } from "./types.js";
import { type UnsupportedFunction, unsupportedFunctions } from "./unsupported.js";
import { windowFunctions } from "./window.js";

const implemented = {
  ...operatorFunctions,
  ...aggregateFunctions,
  ...windowFunctions,
  ...stringFunctions,
  ...stringLookupFunctions,
  ...mathFunctions,
  ...conditionalFunctions,
  ...datetimeFunctions,
  ...intervalFunctions,
  ...hashingFunctions,
  ...collectionFunctions,
  ...miscFunctions,
  ...castFunctions,
  // Column.substr builds Spark's `substr`, the same function as `substring`.
  substr: stringFunctions.substring,
};

// A name both implemented and declared unsupported is a stale entry: remove it from
// unsupported.ts (this line then compiles again).
const staleUnsupported: Record<
  Extract<keyof typeof unsupportedFunctions, keyof typeof implemented>,
  never
> = {};
void staleUnsupported;

const duckdbFunctions = {
  ...unsupportedFunctions,
  ...implemented,
} satisfies Record<SparkFunctionName, FunctionDef | UnsupportedFunction>;

const table = new Map<string, FunctionDef | UnsupportedFunction>(
  Object.entries(duckdbFunctions).map(([name, def]) => [name.toLowerCase(), def]),
);

function isUnsupported(def: FunctionDef | UnsupportedFunction): def is UnsupportedFunction {
  return "because" in def;
}

/**
 * The definition of a Spark function; an UnsupportedOperationError saying why for one the
 * engine declares unsupported; an AnalysisError naming the closest one for an unknown name.
 */
export function lookupFunction(name: string): FunctionDef {
  const def = table.get(name.toLowerCase());
  if (def !== undefined && !isUnsupported(def)) return def;
  if (def !== undefined) {
    throw new UnsupportedOperationError(
      "duckdb",
      `function:${name}`,
      `${name}() is not supported on the DuckDB engine: ${def.because}.`,
      def.hint === undefined ? {} : { hint: def.hint },
    );
  }
  const suggestion = closestMatch(name, functionNames());
  throw new AnalysisError(
    "UNRESOLVED_ROUTINE",
    `Cannot resolve function \`${name}\` on the DuckDB engine.`,
    {
      hint:
        suggestion === undefined
          ? "See docs/functions.md for the function list."
          : `Did you mean \`${suggestion}\`?`,
      context: { function: name },
    },
  );
}

/** Whether the engine runs a function (for capability checks): false for unsupported ones. */
export function hasFunction(name: string): boolean {
  const def = table.get(name.toLowerCase());
  return def !== undefined && !isUnsupported(def);
}

/** Every function name the engine runs, sorted. */
export function functionNames(): string[] {
  return [...table.entries()]
    .filter(([, def]) => !isUnsupported(def))
    .map(([name]) => name)
    .sort();
}

/** Every function name the engine declares unsupported, sorted. */
export function unsupportedFunctionNames(): string[] {
  return Object.keys(unsupportedFunctions).sort();
}
