/** The engine-neutral function catalog (see catalog.ts). */
export {
  arityText,
  catalogName,
  catalogNames,
  functionCatalog,
  functionSpec,
  type SparkFunctionName,
} from "./catalog.js";
export type { FunctionKind, FunctionSpec, Reach, ReturnRule } from "./spec.js";
