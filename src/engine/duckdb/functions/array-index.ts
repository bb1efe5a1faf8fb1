/**
 * Spark's array indexing: `element_at(a, i)` is 1-based and counts from the end for a
 * negative `i`; `a[i]` is 0-based. Out of bounds gives null, or in ANSI mode Spark's
 * INVALID_ARRAY_INDEX(_IN_ELEMENT_AT); index 0 of element_at always fails.
 */
import { raiseSql, text } from "../runtime-errors.js";

const outOfBounds = (index: string, array: string): readonly string[] => [
  text("The index "),
  `CAST(${index} AS VARCHAR)`,
  text(" is out of bounds. The array has "),
  `CAST(len(${array}) AS VARCHAR)`,
  text(" elements."),
];

/** `element_at(array, index)`; `ansi` false for try_element_at and non-ANSI mode. */
export function elementAtSql(array: string, index: string, ansi: boolean): string {
  const position = `CASE WHEN ${index} = 0 THEN ${raiseSql("INVALID_INDEX_OF_ZERO", text("The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1)."))} ELSE ${index} END`;
  const value = `list_extract(${array}, ${position})`;
  if (!ansi) return value;
  return `CASE WHEN abs(${index}) > len(${array}) THEN ${raiseSql("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", ...outOfBounds(index, array))} ELSE ${value} END`;
}

/** `array[index]`, 0-based. */
export function arrayItemSql(array: string, index: string, ansi: boolean): string {
  const value = `list_extract(${array}, ${index} + 1)`;
  if (!ansi) return `CASE WHEN ${index} >= 0 THEN ${value} END`;
  return `CASE WHEN ${index} < 0 OR ${index} >= len(${array}) THEN ${raiseSql("INVALID_ARRAY_INDEX", ...outOfBounds(index, array))} ELSE ${value} END`;
}
