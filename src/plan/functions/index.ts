/** The engine-neutral function catalog (see catalog.ts). */
export {
  arityText,
  catalogName,
  catalogNames,
  functionCatalog,
  functionSpec,
  type SparkFunctionName,
} from "./catalog.js";
export { checkArgTypes, type TypedArg } from "./check-args.js";
export {
  type ArgType,
  argTypeAt,
  type FunctionKind,
  type FunctionSpec,
  type Reach,
  type ReturnRule,
} from "./spec.js";
