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
import { NaReplaceNode } from "../plan/relation/na-replace.js";
import type { PlanToFrame } from "./grouped-data.js";

export type FillValue = number | bigint | string | boolean;

/** A value `replace` matches or writes: a number, a string or a boolean. */
export type ReplaceValue = number | string | boolean;

function kindOf(v: ReplaceValue): string {
  return typeof v === "boolean" ? "boolean" : typeof v === "string" ? "string" : "number";
}

/** The old -> new pairs of `replace`'s argument forms, checked as PySpark checks them. */
function replacementPairs(
  toReplace:
    | ReplaceValue
    | readonly ReplaceValue[]
    | ReadonlyMap<ReplaceValue, ReplaceValue | null>
    | Readonly<Record<string, ReplaceValue | null>>,
  value: ReplaceValue | null | readonly (ReplaceValue | null)[] | undefined,
): [ReplaceValue, ReplaceValue | null][] {
  let pairs: [ReplaceValue, ReplaceValue | null][];
  const isDict =
    toReplace instanceof Map || (typeof toReplace === "object" && !Array.isArray(toReplace));
  if (!isDict && value === undefined) {
    throw new IllegalArgumentError(
      "[ARGUMENT_REQUIRED] Argument `value` is required when argument `to_replace` is not a dictionary.",
    );
  }
  if (toReplace instanceof Map) pairs = [...toReplace.entries()];
  else if (Array.isArray(toReplace)) {
    const olds = toReplace as readonly ReplaceValue[];
    if (Array.isArray(value)) {
      if (value.length !== olds.length) {
        throw new IllegalArgumentError(
          `[LENGTH_SHOULD_BE_THE_SAME] to_replace and value should be of the same length, got ${olds.length} and ${value.length}.`,
        );
      }
      pairs = olds.map((o, i) => [o, (value as readonly (ReplaceValue | null)[])[i] ?? null]);
    } else pairs = olds.map((o) => [o, (value ?? null) as ReplaceValue | null]);
  } else if (typeof toReplace === "object") {
    pairs = Object.entries(toReplace as Readonly<Record<string, ReplaceValue | null>>);
  } else {
    pairs = [
      [toReplace, Array.isArray(value) ? (value[0] ?? null) : (value as ReplaceValue | null)],
    ];
  }
  const kinds = new Set(pairs.map(([o]) => kindOf(o)));
  const targets = new Set(pairs.flatMap(([, n]) => (n === null ? [] : [kindOf(n)])));
  if (
    kinds.size > 1 ||
    targets.size > 1 ||
    (targets.size === 1 && [...targets][0] !== [...kinds][0])
  ) {
    throw new IllegalArgumentError(
      "[MIXED_TYPE_REPLACEMENT] Mixed type replacements are not supported.",
      { hint: "Replace numbers, strings and booleans in separate calls." },
    );
  }
  return pairs;
}

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
   * Replaces values: `replace("a", "A")`, `replace([1, 2], [10, 20], ["x"])`, a
   * `{ old: new }` object for strings, or a Map for any values (a null new value writes null).
   * Only columns of the old values' kind change (numbers in numeric columns, compared as
   * doubles), and the new values are cast to each column's type, as Spark.
   */
  replace(
    toReplace:
      | ReplaceValue
      | readonly ReplaceValue[]
      | ReadonlyMap<ReplaceValue, ReplaceValue | null>
      | Readonly<Record<string, ReplaceValue | null>>,
    value?: ReplaceValue | null | readonly (ReplaceValue | null)[],
    subset?: string | readonly string[],
  ): DF {
    const pairs = replacementPairs(toReplace, value);
    const columns = typeof subset === "string" ? [subset] : subset;
    return this.toFrame(
      NaReplaceNode.create(
        this.input,
        columns,
        pairs.map(([o, n]) => [LiteralNode.create(o), LiteralNode.create(n)] as const),
      ),
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
