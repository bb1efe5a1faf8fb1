/** Spark's join type spellings -> the plan's join types. */
import { IllegalArgumentError } from "../errors.js";
import type { JoinType } from "../plan/relation/join.js";

const JOIN_TYPES: Readonly<Record<string, JoinType>> = {
  inner: "inner",
  cross: "cross",
  outer: "full",
  full: "full",
  fullouter: "full",
  full_outer: "full",
  left: "left",
  leftouter: "left",
  left_outer: "left",
  right: "right",
  rightouter: "right",
  right_outer: "right",
  semi: "left_semi",
  leftsemi: "left_semi",
  left_semi: "left_semi",
  anti: "left_anti",
  leftanti: "left_anti",
  left_anti: "left_anti",
};

export function parseJoinType(how: string): JoinType {
  const t = JOIN_TYPES[how.toLowerCase()];
  if (t === undefined) {
    throw new IllegalArgumentError(`Unsupported join type '${how}'.`, {
      hint: `Supported join types include: ${Object.keys(JOIN_TYPES).join(", ")}.`,
    });
  }
  return t;
}
