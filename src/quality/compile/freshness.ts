/**
 * `expect_column_max_to_be_within` (ours; GE has no freshness expectation): the column's
 * latest value is at most `max_age` before now. Timestamps are instants; a timestamp_ntz
 * or a date is read as UTC wall-clock time. A column with no value fails, as GE's
 * between-checks fail on a null statistic; a latest value in the future passes.
 */
import * as F from "../../column/functions/index.js";
import { IllegalArgumentError } from "../../errors.js";
import { instantOf } from "../between.js";
import { durationMillis } from "../duration.js";
import { toJsonValue } from "../json-value.js";
import type { ExpectationKwargs } from "../kwargs.js";
import { column } from "./columns.js";
import type { Compiler } from "./plan.js";

type K = ExpectationKwargs;

const INSTANT_TYPES = new Set(["timestamp", "timestamp_ntz", "date"]);

export const freshnessCompilers = {
  expect_column_max_to_be_within: (kw: K["expect_column_max_to_be_within"], ctx) => {
    const { field, col } = column(ctx.schema, kw.column);
    if (!INSTANT_TYPES.has(field.dataType.typeName)) {
      throw new IllegalArgumentError(
        `Freshness needs a timestamp or date column; "${field.name}" is ${field.dataType.simpleString()}.`,
      );
    }
    const key = ctx.name("max");
    const maxAge = durationMillis(kw.max_age);
    return {
      readsData: true,
      derived: {},
      aggregates: { [key]: F.max(col) },
      rows: undefined,
      samplesWanted: () => 0,
      finish(m) {
        const latest = m.value(key);
        const at =
          latest instanceof Date || typeof latest === "string" ? instantOf(latest) : undefined;
        const age = at === undefined ? null : ctx.now.getTime() - at;
        const success = age !== null && age <= maxAge;
        if (ctx.format.level === "BOOLEAN_ONLY") return { success, result: {} };
        const details = {
          now: ctx.now.toISOString(),
          age_seconds: age === null ? null : age / 1000,
          max_age_seconds: maxAge / 1000,
        };
        return { success, result: { observed_value: toJsonValue(latest), details } };
      },
    };
  },
} satisfies { [T in "expect_column_max_to_be_within"]: Compiler<T> };
