/**
 * Schema changes of `ALTER TABLE` as delta-spark makes them: add fields (top-level or inside a
 * struct, `a.b`), rename and drop fields by path, change a field's comment or nullability.
 * Pure functions over StructType; names match case-insensitively, as Spark resolves them.
 * Errors use delta-spark's error classes and messages (checked with delta-spark 4.0.1).
 */

import { AnalysisError, DeltaError } from "../../errors.js";
import { StructField, StructType } from "../../types/data-types.js";
import { dataTypeToSql } from "../../types/ddl.js";
import { quoteIdentifier } from "../../types/sql-string.js";

/** A dotted column path (`s.a`); back-quoted parts may hold dots. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === "`") {
      if (quoted && path[i + 1] === "`") {
        current += "`";
        i++;
      } else quoted = !quoted;
    } else if (ch === "." && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function notFound(path: readonly string[], schema: StructType): DeltaError | AnalysisError {
  // Spark's message for a top-level column (checked with delta-spark 4.0.1).
  if (path.length === 1)
    return new AnalysisError(
      "UNRESOLVED_COLUMN",
      `A column, variable, or function parameter with name \`${path[0]}\` cannot be resolved. Did you mean one of the following? [${schema
        .fieldNames()
        .map((n) => `\`${n}\``)
        .join(", ")}].`,
      { hint: "Check the column's name (nested fields as parent.child)." },
    );
  return new DeltaError(
    "DELTA_COLUMN_NOT_FOUND",
    `Unable to find the column \`${path.join(".")}\` given [${schema.fieldNames().join(", ")}].`,
    {
      hint: "Check the column's name (nested fields as parent.child).",
      context: { column: path.join(".") },
    },
  );
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Rebuilds `schema` with `change` applied to the struct that holds the last part of `path`
 * (the table itself for a top-level path). `change` gets that struct's fields.
 */
function atParent(
  schema: StructType,
  path: readonly string[],
  change: (fields: readonly StructField[], name: string) => StructField[],
  root: StructType = schema,
): StructType {
  const [head, ...rest] = path;
  if (head === undefined) return schema;
  if (rest.length === 0) return new StructType(change(schema.fields, head));
  const i = schema.fields.findIndex((f) => same(f.name, head));
  const parent = schema.fields[i];
  if (parent === undefined || !(parent.dataType instanceof StructType)) throw notFound(path, root);
  const fields = [...schema.fields];
  fields[i] = new StructField(
    parent.name,
    atParent(parent.dataType, rest, change, root),
    parent.nullable,
    parent.metadata,
  );
  return new StructType(fields);
}

/** The field at `path`, if there is one. */
export function fieldAt(schema: StructType, path: readonly string[]): StructField | undefined {
  let current: StructType | undefined = schema;
  let field: StructField | undefined;
  for (const part of path) {
    field = current?.fields.find((f) => same(f.name, part));
    if (field === undefined) return undefined;
    current = field.dataType instanceof StructType ? field.dataType : undefined;
  }
  return field;
}

/** `ADD COLUMNS`: each new field at its path (the last part is its name); all nullable. */
export function addFields(
  schema: StructType,
  added: readonly { readonly path: readonly string[]; readonly field: StructField }[],
): StructType {
  let out = schema;
  for (const { path, field } of added) {
    out = atParent(out, path, (fields, name) => {
      const existing = fields.find((f) => same(f.name, name));
      if (existing !== undefined)
        throw new DeltaError(
          "FIELD_ALREADY_EXISTS",
          `Cannot add column, because \`${name}\` already exists in "${dataTypeToSql(new StructType(fields))}".`,
          {
            hint: "Pick another name, or rename the existing column first.",
            context: { column: path.join(".") },
          },
        );
      return [...fields, new StructField(name, field.dataType, true, field.metadata)];
    });
  }
  return out;
}

/** `RENAME COLUMN from TO to`: the field keeps its type, metadata (and physical name). */
export function renameField(schema: StructType, from: readonly string[], to: string): StructType {
  return atParent(schema, from, (fields, name) => {
    const i = fields.findIndex((f) => same(f.name, name));
    const field = fields[i];
    if (field === undefined) throw notFound(from, schema);
    if (fields.some((f, j) => j !== i && same(f.name, to)))
      throw new DeltaError(
        "FIELD_ALREADY_EXISTS",
        `Cannot rename column, because \`${to}\` already exists in "${dataTypeToSql(new StructType(fields))}".`,
        { hint: "Pick another name.", context: { column: to } },
      );
    const out = [...fields];
    out[i] = new StructField(to, field.dataType, field.nullable, field.metadata);
    return out;
  });
}

/** `DROP COLUMNS`: the fields at these paths are removed. */
export function dropFields(schema: StructType, paths: readonly (readonly string[])[]): StructType {
  let out = schema;
  for (const path of paths) {
    out = atParent(out, path, (fields, name) => {
      if (!fields.some((f) => same(f.name, name))) throw notFound(path, schema);
      return fields.filter((f) => !same(f.name, name));
    });
  }
  return out;
}

/** `ALTER COLUMN c COMMENT '...' | DROP NOT NULL`: the field with a new comment or made nullable. */
export function changeField(
  schema: StructType,
  path: readonly string[],
  change: { readonly comment?: string; readonly nullable?: true },
): StructType {
  return atParent(schema, path, (fields, name) => {
    const i = fields.findIndex((f) => same(f.name, name));
    const field = fields[i];
    if (field === undefined) throw notFound(path, schema);
    const metadata =
      change.comment === undefined
        ? field.metadata
        : { ...field.metadata, comment: change.comment };
    const out = [...fields];
    out[i] = new StructField(
      field.name,
      field.dataType,
      change.nullable ?? field.nullable,
      metadata,
    );
    return out;
  });
}

/** A column path as text `splitPath` reads back (parts with dots or back-quotes quoted). */
export function joinPath(parts: readonly string[]): string {
  return parts.map((p) => (/[.`]/.test(p) ? quoteIdentifier(p) : p)).join(".");
}
