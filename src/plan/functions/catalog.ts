/**
 * The engine-neutral function catalog: every Spark function tributary knows, by Spark's
 * name, with its kind, arity and result type. Engines key their tables by
 * `SparkFunctionName` (`satisfies Record<SparkFunctionName, ...>`), so a function added
 * here fails to compile until each engine implements it or says why it cannot.
 */
import { aggregatesSpecs } from "./aggregates.js";
import { castsSpecs } from "./casts.js";
import { collectionsSpecs } from "./collections.js";
import { conditionalsSpecs } from "./conditionals.js";
import { datetimeSpecs } from "./datetime.js";
import { hashingSpecs } from "./hashing.js";
import { mathSpecs } from "./math.js";
import { miscSpecs } from "./misc.js";
import { operatorsSpecs } from "./operators.js";
import type { FunctionSpec } from "./spec.js";
import { stringsSpecs } from "./strings.js";
import { windowSpecs } from "./window.js";

export const functionCatalog = {
  ...operatorsSpecs,
  ...aggregatesSpecs,
  ...windowSpecs,
  ...stringsSpecs,
  ...mathSpecs,
  ...conditionalsSpecs,
  ...datetimeSpecs,
  ...hashingSpecs,
  ...collectionsSpecs,
  ...miscSpecs,
  ...castsSpecs,
} satisfies Record<string, FunctionSpec>;

/** A function name the catalog knows, spelled as Spark's registry (and tributary's plan) spell it. */
export type SparkFunctionName = keyof typeof functionCatalog;

const byLowerName = new Map<string, SparkFunctionName>(
  (Object.keys(functionCatalog) as SparkFunctionName[]).map((n) => [n.toLowerCase(), n]),
);

/** The catalog name for `name`, compared case-insensitively as Spark's registry does. */
export function catalogName(name: string): SparkFunctionName | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** The catalog entry for `name` (any case), or undefined when the catalog does not know it. */
export function functionSpec(name: string): FunctionSpec | undefined {
  const known = catalogName(name);
  return known === undefined ? undefined : functionCatalog[known];
}

/** Every catalog name, sorted. */
export function catalogNames(): SparkFunctionName[] {
  return (Object.keys(functionCatalog) as SparkFunctionName[]).sort();
}

/** "2", "1 to 3", "at least 1": the arity as an error message states it. */
export function arityText(spec: Pick<FunctionSpec, "minArgs" | "maxArgs">): string {
  if (spec.maxArgs === spec.minArgs) return `${spec.minArgs}`;
  if (spec.maxArgs === Number.POSITIVE_INFINITY) return `at least ${spec.minArgs}`;
  return `${spec.minArgs} to ${spec.maxArgs}`;
}
