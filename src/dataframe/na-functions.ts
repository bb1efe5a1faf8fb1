/**
 * `df.na`: `fill` and `drop` with Spark's rules.
 *
 * @example
 * ```ts
 * df.na.fill(0);                         // every numeric column
 * df.na.fill({ city: "unknown", delay: 0 });
 * df.na.drop("any", undefined, ["delay"]);
 * ```
 */
import { IllegalArgumentError } from "../errors.js";
import { LiteralNode } from "../plan/expression/literal.js";
import type { RelationNode } from "../plan/node.js";
import { NaDropNode } from "../plan/relation/na-drop.js";
import { NaFillNode } from "../plan/relation/na-fill.js";
import type { PlanToFrame } from "./grouped-data.js";

export type FillValue = number | bigint | string | boolean;

function checkValue(v: unknown): FillValue {
  if (
    typeof v === "number" ||
    typeof v === "bigint" ||
    typeof v === "string" ||
    typeof v === "boolean"
  )
    return v;
  throw new IllegalArgumentError(
    `na.fill values must be numbers, strings or booleans, got ${typeof v}.`,
  );
}

export class DataFrameNaFunctions<DF> {
  constructor(
    private readonly input: RelationNode,
    private readonly toFrame: PlanToFrame<DF>,
  ) {}

  /** Replaces nulls: one value for matching-type columns (optionally a subset), or a column -> value map. */
  fill(value: FillValue | Readonly<Record<string, FillValue>>, subset?: readonly string[]): DF {
    if (typeof value === "object") {
      const entries = Object.entries(value);
      return this.toFrame(
        NaFillNode.create(
          this.input,
          entries.map(([k]) => k),
          entries.map(([, v]) => LiteralNode.create(checkValue(v))),
        ),
      );
    }
    return this.toFrame(
      NaFillNode.create(this.input, subset, [LiteralNode.create(checkValue(value))]),
    );
  }

  /**
   * Drops rows with nulls (or NaN): `how="any"` drops a row with any, `"all"` only a row of
   * nothing but nulls; `thresh` keeps rows with at least that many non-null values.
   */
  drop(how: "any" | "all" = "any", thresh?: number, subset?: readonly string[]): DF {
    if (how !== "any" && how !== "all")
      throw new IllegalArgumentError(`how must be 'any' or 'all', got '${String(how)}'.`);
    const min = thresh ?? (how === "all" ? 1 : undefined);
    return this.toFrame(NaDropNode.create(this.input, subset, min));
  }
}
