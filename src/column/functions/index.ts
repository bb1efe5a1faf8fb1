/**
 * Spark's `functions`, with Spark's names: `import { functions as F } from "tributary-etl"`.
 * Each function only builds an expression node; engines give it meaning.
 */
export * from "./aggregates.js";
export * from "./collections.js";
export * from "./conditionals.js";
export * from "./core.js";
export * from "./datetime.js";
export * from "./hashing.js";
export * from "./math.js";
export * from "./misc.js";
export * from "./strings.js";
export * from "./window.js";
