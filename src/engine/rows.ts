/**
 * Result rows as objects keyed by column name, the same on every engine.
 *
 * A result can have two columns with one name (`SELECT *` of a self-join, `SELECT 1 AS x, 2 AS
 * x`). An object keeps one value per key, so such rows follow PySpark's `Row`: the name gives
 * the first column's value (`row["x"]`, as PySpark's `row.x` / `row["x"]`), and every value is
 * also at its position (`row[0]`, `row[1]`, as PySpark's `row[1]`), as a property that is not
 * enumerable, so keys, spreading and JSON still show one entry per name. Building rows that
 * way costs more, so rows with distinct, ordinary names stay plain literals.
 *
 * @example
 * ```ts
 * const [row] = await spark.sql("SELECT 1 AS x, 2 AS x").collect();
 * row.x; // 1
 * row[1]; // 2
 * ```
 */
import type { Row } from "./engine.js";

/** Whether rows under these names can be plain object literals (see the module comment). */
export function plainRowNames(names: readonly string[]): boolean {
  return new Set(names).size === names.length && !names.includes("__proto__");
}

/** One row under names that are duplicated or not ordinary keys (`__proto__`). */
export function rowOfNames(names: readonly string[], value: (k: number) => unknown): Row {
  const row: Row = {};
  const duplicated = new Set(names).size !== names.length;
  for (let k = 0; k < names.length; k++) {
    const name = names[k] as string;
    if (Object.hasOwn(row, name)) continue;
    Object.defineProperty(row, name, {
      value: value(k),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (duplicated)
    for (let k = 0; k < names.length; k++) {
      // A column named "0" keeps its name; its position then says nothing new.
      if (Object.hasOwn(row, String(k))) continue;
      Object.defineProperty(row, String(k), {
        value: value(k),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  return row;
}
