/** The tables a pipeline keeps beside its sink's table: `_runs`, `_quality_metrics`, `<table>_quarantine`. */
import { joinLocation, lastSegment, parentLocation } from "../storage/location.js";
import type { PipelineDefinition } from "./definition.js";

/**
 * `name` in the sink table's parent folder (a local directory or an object-store prefix);
 * undefined for a custom (function) sink.
 */
export function besideSink(
  def: PipelineDefinition,
  name: string | ((table: string) => string),
): string | undefined {
  if (typeof def.sink === "function") return undefined;
  const table = def.sink.path.replace(/\/+$/, "");
  return joinLocation(
    parentLocation(table),
    typeof name === "string" ? name : name(lastSegment(table)),
  );
}
