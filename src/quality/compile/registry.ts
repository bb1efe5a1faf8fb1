/**
 * Every expectation type's compiler, in one table typed over the closed list of types: a
 * new type in `kwargs.ts` does not compile until it has a compiler here.
 */
import type { ExpectationConfig, ExpectationConfigOf, ExpectationType } from "../kwargs.js";
import { aggregateCompilers } from "./aggregates.js";
import { columnPairCompilers } from "./column-pair.js";
import { columnValueCompilers } from "./column-values.js";
import { freshnessCompilers } from "./freshness.js";
import type { CompileContext, Compiled, Compiler } from "./plan.js";
import { schemaCompilers } from "./schema-checks.js";
import { uniquenessCompilers } from "./uniqueness.js";

const COMPILERS: { readonly [T in ExpectationType]: Compiler<T> } = {
  ...schemaCompilers,
  ...aggregateCompilers,
  ...columnValueCompilers,
  ...uniquenessCompilers,
  ...columnPairCompilers,
  ...freshnessCompilers,
};

/**
 * Compiles one expectation against the DataFrame's schema; throws when it cannot be
 * computed on this data (unknown column, wrong type), which the validator reports in that
 * expectation's `exception_info`.
 *
 * @example
 * ```ts
 * const compiled = compileExpectation(suite.expectations[0], ctx);
 * ```
 */
export function compileExpectation(config: ExpectationConfig, ctx: CompileContext): Compiled {
  return compileOf(config, ctx);
}

/** TypeScript correlates `type` and `kwargs` through the mapped table (no cast needed). */
function compileOf<T extends ExpectationType>(
  config: ExpectationConfigOf<T>,
  ctx: CompileContext,
): Compiled {
  const compile: Compiler<T> = COMPILERS[config.type];
  return compile(config.kwargs, ctx);
}
