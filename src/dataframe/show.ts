/**
 * Spark's `show()` table format, cell for cell: `NULL` for nulls, `[a, b]` arrays,
 * `{k -> v}` maps, `{a, b}` structs, doubles with a decimal point, timestamps in the session
 * time zone; with truncation on, cells longer than 20 characters end in `...` and are
 * right-aligned, as Spark prints them.
 */
import type { DataType, StructType } from "../types/data-types.js";
import { Decimal } from "../types/decimal.js";

/** `yyyy-MM-dd HH:mm:ss[.SSS]` of an instant in a time zone. */
export function formatTimestamp(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? "00";
  const ms = d.getUTCMilliseconds();
  const frac = ms === 0 ? "" : `.${String(ms).padStart(3, "0").replace(/0+$/, "")}`;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}${frac}`;
}

function formatDouble(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-3)) {
    const [m = "0", e = "0"] = n.toExponential().split("e");
    return `${m.includes(".") ? m : `${m}.0`}E${Number(e)}`;
  }
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/** One value as Spark's show prints it. */
export function formatCell(value: unknown, type: DataType | undefined, timeZone: string): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" && (type?.typeName === "double" || type?.typeName === "float"))
    return formatDouble(value);
  if (value instanceof Date) {
    return type?.typeName === "timestamp_ntz"
      ? formatTimestamp(value, "UTC")
      : formatTimestamp(value, timeZone);
  }
  if (value instanceof Decimal) return value.toString();
  if (value instanceof Uint8Array)
    return `[${[...value].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ")}]`;
  if (Array.isArray(value)) {
    const el = type?.typeName === "array" ? type.elementType : undefined;
    return `[${value.map((v) => formatCell(v, el, timeZone)).join(", ")}]`;
  }
  if (value instanceof Map) {
    const [k, v] =
      type?.typeName === "map" ? [type.keyType, type.valueType] : [undefined, undefined];
    return `{${[...value.entries()].map(([a, b]) => `${formatCell(a, k, timeZone)} -> ${formatCell(b, v, timeZone)}`).join(", ")}}`;
  }
  if (typeof value === "object") {
    const fields = type?.typeName === "struct" ? type.fields : undefined;
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([name, v], i) => formatCell(v, fields?.[i]?.dataType ?? fields?.find((f) => f.name === name)?.dataType, timeZone)).join(", ")}}`;
  }
  return String(value);
}

export interface ShowOptions {
  readonly numRows: number;
  /** true = 20 characters; a number = that many; false/0 = no truncation. */
  readonly truncate: boolean | number;
  readonly vertical: boolean;
  readonly timeZone: string;
}

function truncateCell(cell: string, width: number): string {
  if (width <= 0 || cell.length <= width) return cell;
  return width < 4 ? cell.slice(0, width) : `${cell.slice(0, width - 3)}...`;
}

/** The text Spark's `df.show(n, truncate, vertical)` prints, for `rows` fetched with one extra row. */
export function showString(
  schema: StructType,
  rows: readonly Record<string, unknown>[],
  o: ShowOptions,
): string {
  const width = o.truncate === true ? 20 : o.truncate === false ? 0 : o.truncate;
  const shown = rows.slice(0, o.numRows);
  const names = schema.fields.map((f) => f.name);
  // Columns sharing a name are told apart by position (src/engine/rows.ts).
  const byPosition = new Set(names).size !== names.length;
  const cells = shown.map((r) =>
    schema.fields.map((f, i) =>
      truncateCell(formatCell(byPosition ? r[i] : r[f.name], f.dataType, o.timeZone), width),
    ),
  );
  const more = rows.length > o.numRows;
  const footer = more ? `only showing top ${o.numRows} row${o.numRows === 1 ? "" : "s"}\n` : "";
  if (o.vertical) {
    const nameWidth = Math.max(0, ...names.map((n) => n.length));
    const valueWidth = Math.max(0, ...cells.flat().map((c) => c.length));
    if (cells.length === 0) return `(0 rows)\n${footer}`;
    const lines = cells.flatMap((row, i) => {
      const head = `-RECORD ${i}`;
      const dashLen = nameWidth + valueWidth + 5;
      return [
        `${head}${"-".repeat(Math.max(0, dashLen - head.length))}`,
        ...row.map((c, j) => ` ${(names[j] ?? "").padEnd(nameWidth)} | ${c.padEnd(valueWidth)} `),
      ];
    });
    return `${lines.join("\n")}\n${footer}`;
  }
  const widths = names.map((n, j) =>
    Math.max(3, n.length, ...cells.map((r) => (r[j] ?? "").length)),
  );
  const sep = `+${widths.map((w) => "-".repeat(w)).join("+")}+`;
  const align = (text: string, w: number): string =>
    width > 0 ? text.padStart(w) : text.padEnd(w);
  const line = (row: readonly string[]): string =>
    `|${row.map((c, j) => align(c, widths[j] ?? 0)).join("|")}|`;
  return `${[sep, line(names), sep, ...cells.map(line), sep].join("\n")}\n${footer}`;
}
