/** The tables a pipeline keeps beside its sink's table: `_runs`, `_quality_metrics`, `<table>_quarantine`. */
import { basename, dirname, join } from "node:path";
import type { PipelineDefinition } from "./definition.js";

/** `name` in the sink table's parent folder; undefined for a custom (function) sink. */
export function besideSink(
  def: PipelineDefinition,
  name: string | ((table: string) => string),
): string | undefined {
  if (typeof def.sink === "function") return undefined;
  const table = def.sink.path.replace(/\/+$/, "");
  return join(dirname(table), typeof name === "string" ? name : name(basename(table)));
}
