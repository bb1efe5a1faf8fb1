/** Option values as Spark takes them: everything becomes a string (`true` -> "true"). */
export type OptionValue = string | number | boolean | bigint;

export function optionString(value: OptionValue): string {
  return typeof value === "string" ? value : String(value);
}
