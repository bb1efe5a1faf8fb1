/**
 * Column mapping (PROTOCOL.md, "Column Mapping"): with `delta.columnMapping.mode` = `name` or
 * `id`, every field of the schema (nested ones too) carries a stable id
 * (`delta.columnMapping.id`) and a physical name (`delta.columnMapping.physicalName`). Data
 * files, partition values and statistics use the physical names, so a column can be renamed
 * or dropped by changing the schema alone. In `id` mode, readers may match Parquet columns by
 * field id; delta-spark writes the physical names in both modes, which is what we read by.
 */
import { DeltaError } from "../../errors.js";
import {
  ArrayType,
  type DataType,
  MapType,
  StructField,
  StructType,
} from "../../types/data-types.js";

export type ColumnMappingMode = "none" | "name" | "id";

export const MODE_KEY = "delta.columnMapping.mode";
export const MAX_ID_KEY = "delta.columnMapping.maxColumnId";
export const ID_KEY = "delta.columnMapping.id";
export const PHYSICAL_NAME_KEY = "delta.columnMapping.physicalName";

/** The table's mapping mode, from its configuration. */
export function columnMappingMode(
  configuration: Readonly<Record<string, string>>,
): ColumnMappingMode {
  const value = (configuration[MODE_KEY] ?? "none").toLowerCase();
  if (value === "none" || value === "name" || value === "id") return value;
  throw new DeltaError(
    "DELTA_INVALID_TABLE_PROPERTY",
    `Unknown ${MODE_KEY} '${configuration[MODE_KEY]}': expected none, name or id.`,
    { hint: `Set ${MODE_KEY} to 'name' (what delta-spark recommends) or 'id'.` },
  );
}

/** The name a field has in data files, partition values and statistics. */
export function physicalName(field: StructField, mode: ColumnMappingMode): string {
  if (mode === "none") return field.name;
  const name = field.metadata[PHYSICAL_NAME_KEY];
  if (typeof name !== "string" || name === "")
    throw new DeltaError(
      "DELTA_INVALID_TABLE_PROPERTY",
      `Column '${field.name}' has no ${PHYSICAL_NAME_KEY} although the table's column mapping mode is '${mode}'.`,
      { hint: "The table's schema is damaged; restore it to an earlier version." },
    );
  return name;
}

function mapType(type: DataType, rename: (f: StructField) => StructField): DataType {
  if (type instanceof StructType) return new StructType(type.fields.map(rename));
  if (type instanceof ArrayType)
    return new ArrayType(mapType(type.elementType, rename), type.containsNull);
  if (type instanceof MapType)
    return new MapType(
      mapType(type.keyType, rename),
      mapType(type.valueType, rename),
      type.valueContainsNull,
    );
  return type;
}

/**
 * The schema as data files store it: every field (nested too) under its physical name. With
 * mode `none`, the schema itself.
 */
export function physicalSchema(schema: StructType, mode: ColumnMappingMode): StructType {
  if (mode === "none") return schema;
  const rename = (f: StructField): StructField =>
    new StructField(physicalName(f, mode), mapType(f.dataType, rename), f.nullable, f.metadata);
  return new StructType(schema.fields.map(rename));
}

/** The largest column id in a schema (0 when none has one). */
export function maxColumnId(schema: StructType): number {
  let max = 0;
  const visit = (type: DataType): void => {
    if (type instanceof StructType)
      for (const f of type.fields) {
        const id = f.metadata[ID_KEY];
        if (typeof id === "number" && id > max) max = id;
        visit(f.dataType);
      }
    else if (type instanceof ArrayType) visit(type.elementType);
    else if (type instanceof MapType) {
      visit(type.keyType);
      visit(type.valueType);
    }
  };
  visit(schema);
  return max;
}

/**
 * Gives every field that has none an id above `maxId` and a physical name `col-<uuid>`, as
 * delta-spark does when mapping is enabled or a column is added; returns the new schema and
 * the new largest id (for `delta.columnMapping.maxColumnId`).
 */
export function assignColumnMapping(
  schema: StructType,
  maxId: number,
  uuid: () => string = () => crypto.randomUUID(),
): { schema: StructType; maxColumnId: number } {
  let next = Math.max(maxId, maxColumnId(schema));
  const assign = (f: StructField): StructField => {
    const metadata = { ...f.metadata };
    if (typeof metadata[ID_KEY] !== "number") {
      next += 1;
      metadata[ID_KEY] = next;
    }
    if (typeof metadata[PHYSICAL_NAME_KEY] !== "string")
      metadata[PHYSICAL_NAME_KEY] = `col-${uuid()}`;
    return new StructField(f.name, mapType(f.dataType, assign), f.nullable, metadata);
  };
  const mapped = new StructType(schema.fields.map(assign));
  return { schema: mapped, maxColumnId: next };
}

/** The schema without column-mapping metadata (what a user sees in `df.schema`). */
export function withoutMappingMetadata(schema: StructType): StructType {
  const strip = (f: StructField): StructField => {
    const { [ID_KEY]: _id, [PHYSICAL_NAME_KEY]: _name, ...rest } = f.metadata;
    return new StructField(f.name, mapType(f.dataType, strip), f.nullable, rest);
  };
  return new StructType(schema.fields.map(strip));
}

/**
 * How data files of a table are laid out under column mapping: the logical schema (with the
 * mapping metadata) beside the physical one; undefined when the table maps no columns.
 */
export function columnMappingLayout(
  schema: StructType,
  configuration: Readonly<Record<string, string>>,
): { readonly logical: StructType; readonly physical: StructType } | undefined {
  const mode = columnMappingMode(configuration);
  if (mode === "none") return undefined;
  return { logical: schema, physical: physicalSchema(schema, mode) };
}

/** The `columnMapping` member of a data-file write's options (none when the table maps no columns). */
export function mappingOption(
  schema: StructType,
  configuration: Readonly<Record<string, string>>,
): { columnMapping?: { readonly logical: StructType; readonly physical: StructType } } {
  const layout = columnMappingLayout(schema, configuration);
  return layout === undefined ? {} : { columnMapping: layout };
}

function reuseMapping(field: StructField, previous: StructField | undefined): StructField {
  const prior = previous?.metadata;
  const metadata =
    prior !== undefined &&
    typeof prior[ID_KEY] === "number" &&
    typeof prior[PHYSICAL_NAME_KEY] === "string" &&
    field.metadata[ID_KEY] === undefined
      ? {
          ...field.metadata,
          [ID_KEY]: prior[ID_KEY],
          [PHYSICAL_NAME_KEY]: prior[PHYSICAL_NAME_KEY],
        }
      : field.metadata;
  const type = field.dataType;
  const before = previous?.dataType;
  const nested =
    type instanceof StructType && before instanceof StructType
      ? new StructType(
          type.fields.map((f) =>
            reuseMapping(
              f,
              before.fields.find((b) => b.name.toLowerCase() === f.name.toLowerCase()),
            ),
          ),
        )
      : type;
  return new StructField(field.name, nested, field.nullable, metadata);
}

/**
 * The schema a write commits under the table's column mapping: fields that have no id and
 * physical name get new ones (above `delta.columnMapping.maxColumnId`), fields of `previous`
 * (the table's schema before, when replacing it) keep theirs; the configuration carries
 * the new largest id. Without column mapping, both unchanged.
 */
export function withColumnMapping(
  schema: StructType,
  configuration: Readonly<Record<string, string>>,
  previous: StructType | undefined,
): { schema: StructType; configuration: Readonly<Record<string, string>> } {
  if (columnMappingMode(configuration) === "none") return { schema, configuration };
  const base =
    previous === undefined
      ? withoutMappingMetadata(schema)
      : new StructType(
          schema.fields.map((f) =>
            reuseMapping(
              f,
              previous.fields.find((p) => p.name.toLowerCase() === f.name.toLowerCase()),
            ),
          ),
        );
  const known = Number(configuration[MAX_ID_KEY] ?? "0");
  const assigned = assignColumnMapping(base, Number.isFinite(known) ? known : 0);
  const max = String(assigned.maxColumnId);
  if (configuration[MAX_ID_KEY] === max) return { schema: assigned.schema, configuration };
  return { schema: assigned.schema, configuration: { ...configuration, [MAX_ID_KEY]: max } };
}

/**
 * The schema of an existing table on which `name` mode is being turned on: every field keeps
 * its name as its physical name (the data files already use it) and gets an id, as
 * delta-spark does.
 */
export function enableColumnMapping(schema: StructType): {
  schema: StructType;
  maxColumnId: number;
} {
  const keep = (f: StructField): StructField =>
    new StructField(f.name, mapType(f.dataType, keep), f.nullable, {
      ...f.metadata,
      [PHYSICAL_NAME_KEY]: f.name,
    });
  return assignColumnMapping(new StructType(schema.fields.map(keep)), 0);
}

/** The keys of `add.partitionValues` for the table's partition columns (physical names under mapping). */
export function partitionValueKeys(
  schema: StructType,
  partitionColumns: readonly string[],
  configuration: Readonly<Record<string, string>>,
): string[] {
  const mode = columnMappingMode(configuration);
  return partitionColumns.map((p) => {
    const field = schema.field(p);
    return field === undefined ? p : physicalName(field, mode);
  });
}
