/**
 * Spark's `functions`, with Spark's names: `import { functions as F } from "tributary"`.
 * Each function only builds an expression node; engines give it meaning.
 */
export * from "./aggregates.js";
export * from "./core.js";
export * from "./window.js";
