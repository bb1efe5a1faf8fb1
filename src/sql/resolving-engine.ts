/**
 * An engine as the DataFrame API sees it: each plan is finished by `resolveCorrelated`
 * before the engine gets it, so a correlated scalar subquery of spark.sql is decorrelated
 * against the schemas the engine reports. Plans without one pass through unchanged.
 */
import type { Engine } from "../engine/engine.js";
import type { RelationNode } from "../plan/node.js";
import { resolveCorrelated } from "./correlated.js";

const wrapped = new WeakMap<Engine, Engine>();

/** The plan with its correlated subqueries decorrelated, as `engine` can run it. */
export function resolvePlan(engine: Engine, plan: RelationNode): Promise<RelationNode> {
  return resolveCorrelated(plan, (p) => engine.planSchema?.(p) ?? engine.schema(p));
}

/** `engine` with every plan resolved first (one wrapper per engine). */
export function resolvingEngine(engine: Engine): Engine {
  const known = wrapped.get(engine);
  if (known !== undefined) return known;
  const resolve = (plan: RelationNode) => resolvePlan(engine, plan);
  const out: Engine = {
    get name() {
      return engine.name;
    },
    schema: async (plan) => engine.schema(await resolve(plan)),
    collect: async (plan, options) => engine.collect(await resolve(plan), options),
    stream: async function* (plan, options) {
      yield* engine.stream(await resolve(plan), options);
    },
    explain: async (plan, mode) => engine.explain(await resolve(plan), mode),
    write: async (plan, spec, options) => engine.write(await resolve(plan), spec, options),
    readMetrics: (node) => engine.readMetrics(node),
    supports: (operation) => engine.supports(operation),
    setConf: (key, value) => engine.setConf(key, value),
    stop: () => engine.stop(),
    ...(engine.dataPath === undefined
      ? {}
      : { dataPath: (p: string) => engine.dataPath?.(p) ?? p }),
  };
  wrapped.set(engine, out);
  return out;
}
