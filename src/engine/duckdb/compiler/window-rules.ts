/**
 * Spark's analysis rules for a window expression that DuckDB would run anyway: ranking and
 * offset functions need ORDER BY and take no frame of their own choosing, a RANGE frame
 * with offsets needs exactly one ORDER BY key, a frame's lower offset may not pass its
 * upper one, and no aggregate runs DISTINCT over a window. Checked here so the DuckDB engine
 * fails where Spark fails instead of answering.
 */
import { AnalysisError } from "../../../errors.js";
import type { CallNode } from "../../../plan/expression/call.js";
import { type FrameBound, frameText, type WindowNode } from "../../../plan/expression/window.js";
import type { ExprNode } from "../../../plan/node.js";

/** Functions that are WindowFunctions in Spark: all need an ordered window. */
const ORDERED = new Set([
  "row_number",
  "rank",
  "dense_rank",
  "percent_rank",
  "cume_dist",
  "ntile",
  "lag",
  "lead",
  "nth_value",
]);

/** The frame a function runs over in Spark; specifying another fails. */
function requiredFrame(name: string): string | undefined {
  if (name === "cume_dist") return "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
  if (["row_number", "rank", "dense_rank", "percent_rank", "ntile"].includes(name))
    return "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
  return undefined;
}

const isOffset = (b: FrameBound): boolean => b.type === "offset" || b.type === "value";
const noText = (): string => "?";

/** nth_value's offset is a positive literal (ntile's bucket count DuckDB checks itself). */
function checkOffset(name: string, fn: CallNode): void {
  const offset = fn.args[1];
  if (name !== "nth_value" || offset?.kind !== "literal") return;
  const v = offset.value;
  if ((typeof v === "number" || typeof v === "bigint") && Number(v) <= 0)
    throw new AnalysisError(
      "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
      `The offset of nth_value must be between (0, 9223372036854775807] (current value = ${String(v)}).`,
    );
}

function checkFunction(name: string, node: WindowNode): void {
  if (!ORDERED.has(name)) return;
  if (node.orderBy.length === 0)
    throw new AnalysisError(
      "_LEGACY_ERROR_TEMP_1037",
      `Window function ${name}() requires window to be ordered, please add ORDER BY clause.`,
    );
  const frame = node.frame;
  if (frame === undefined) return;
  if (name === "lag" || name === "lead")
    throw new AnalysisError(
      "_LEGACY_ERROR_TEMP_1035",
      `Cannot specify window frame for ${name} function.`,
    );
  const required = requiredFrame(name);
  const given = frameText(frame, noText);
  if (required !== undefined && given !== required)
    throw new AnalysisError(
      "_LEGACY_ERROR_TEMP_1036",
      `Window frame ${given} must match the required frame ${required} of ${name}().`,
    );
}

function checkFrame(node: WindowNode): void {
  const frame = node.frame;
  if (frame === undefined) return;
  const { lower, upper } = frame;
  const text = frameText(frame, noText);
  if (frame.frameType === "range" && node.orderBy.length === 0) {
    const whole = lower.type === "unboundedPreceding" && upper.type === "unboundedFollowing";
    if (!whole)
      throw new AnalysisError(
        "DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER",
        `A range window frame (${text}) cannot be used in an unordered window specification.`,
      );
  }
  if (
    frame.frameType === "range" &&
    node.orderBy.length > 1 &&
    (isOffset(lower) || isOffset(upper))
  )
    throw new AnalysisError(
      "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER",
      `A range window frame with value boundaries (${text}) cannot be used in a window specification with multiple order by expressions.`,
    );
  if (frame.frameType === "rows" && (lower.type === "value" || upper.type === "value"))
    throw new AnalysisError(
      "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
      `A ROWS frame bound must be a whole number of rows (${text}).`,
    );
  if (lower.type === "offset" && upper.type === "offset" && lower.value > upper.value)
    throw new AnalysisError(
      "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
      `The lower bound of a window frame must be less than or equal to the upper bound (${text}).`,
    );
}

/** Fails as Spark's analyzer does on a window expression it rejects. */
export function checkWindow(node: WindowNode, fn: ExprNode): void {
  if (fn.kind === "call") {
    if (fn.distinct)
      throw new AnalysisError(
        "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED",
        `Distinct window functions are not supported: \`${fn.name}(DISTINCT ...)\` over a window.`,
        {
          hint: "Aggregate the distinct values first (e.g. size(collect_set(x)) over the window).",
        },
      );
    checkOffset(fn.name.toLowerCase(), fn);
    checkFunction(fn.name.toLowerCase(), node);
  }
  checkFrame(node);
}
