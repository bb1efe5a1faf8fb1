/**
 * Scan planning, the kernel's side of a read: `new ScanBuilder(snapshot).withPredicate(p)
 * .build()` decides which files of the snapshot to read (partition pruning and stats
 * skipping), where they are, their partition values and deletion vectors, and how logical
 * column names map to the physical names the files use. Engines turn a `Scan` into their
 * own language; nothing here builds SQL or reads data files.
 *
 * @example
 * ```ts
 * const snapshot = await Snapshot.load(engine, "lake/flights");
 * const scan = new ScanBuilder(snapshot).withPredicate(predicate).build();
 * scan.files.map((f) => f.location); // the data files that may hold matching rows
 * ```
 */
import { IllegalArgumentError } from "../../errors.js";
import type { ExprNode } from "../../plan/node.js";
import { type DataType, type StructField, StructType } from "../../types/data-types.js";
import type { AddFile, DeletionVectorDescriptor } from "../actions/types.js";
import { loadDeletionVector } from "../deletion-vectors/descriptor.js";
import type { DeltaEngine } from "../engine.js";
import { resolveAddPath } from "../files/paths.js";
import { type FileStats, parseStats } from "../files/stats.js";
import {
  type ColumnMappingMode,
  columnMappingMode,
  physicalName,
  physicalSchema,
  withoutMappingMetadata,
} from "../schema/column-mapping.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { type SkippingContext, skipFiles } from "./skipping.js";

/** A partition column's value for one file: the protocol's text (null for null or ""). */
export interface PartitionValue {
  /** The logical column name. */
  readonly name: string;
  readonly dataType: DataType;
  readonly value: string | null;
}

/** One data file a scan reads. */
export interface ScanFile {
  /** Where the file is: `add.path` resolved against the table root. */
  readonly location: string;
  /** `add.path` as the log has it (the file's identity in the log). */
  readonly path: string;
  /** One entry per partition column, in the order of `Scan.partitionColumns`. */
  readonly partitionValues: readonly PartitionValue[];
  readonly stats: FileStats | undefined;
  readonly deletionVector: DeletionVectorDescriptor | undefined;
  /** Rows in the data file (before its deletion vector), when the stats say. */
  readonly numRecords: number | undefined;
  readonly add: AddFile;
}

/** A column of the table as the scan exposes it. */
export interface ScanColumn {
  /** The logical field (no column-mapping metadata). */
  readonly field: StructField;
  /** The name in data files, partition values and statistics. */
  readonly physicalName: string;
  /** The type with every nested field under its physical name (what the files store). */
  readonly physicalType: DataType;
  readonly isPartition: boolean;
}

/** The planned read of one snapshot. */
export interface Scan {
  readonly tableLocation: string;
  readonly version: number;
  /** The logical schema a reader returns. */
  readonly schema: StructType;
  readonly columns: readonly ScanColumn[];
  readonly columnMappingMode: ColumnMappingMode;
  /** Logical names of the partition columns, as the table's metadata lists them. */
  readonly partitionColumns: readonly string[];
  readonly files: readonly ScanFile[];
  /** Files considered (after `withFiles`), before skipping. */
  readonly filesTotal: number;
  readonly filesSkipped: number;
  /** Each file's deleted row positions (ascending), read through storage; none without a vector. */
  deletedRows(engine: DeltaEngine, file: ScanFile): Promise<readonly number[]>;
}

/** How skipping and partition lookups see a snapshot: physical names under column mapping. */
export function skippingContext(snapshot: Snapshot): SkippingContext {
  const mode = columnMappingMode(snapshot.configuration);
  return {
    schema: snapshot.schema,
    partitionColumns: snapshot.partitionColumns,
    physicalName: (f) => physicalName(f, mode),
  };
}

/**
 * The add.paths of a file restriction, checked: a list of strings (an engine-neutral plan may
 * carry it as JSON). An unknown path is not an error: the file may have been compacted away.
 */
export function parseFileList(value: unknown): readonly string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string"))
    throw new IllegalArgumentError(
      `A Delta scan's file list must be an array of add.path strings, got ${JSON.stringify(value)}.`,
    );
  return value;
}

export class ScanBuilder {
  private predicates: readonly ExprNode[] = [];
  private only: ReadonlySet<string> | undefined;

  constructor(private readonly snapshot: Snapshot) {}

  /** Skip files where no row can match (undefined: no predicate). Calls accumulate (AND). */
  withPredicate(predicate?: ExprNode): this {
    if (predicate !== undefined) this.predicates = [...this.predicates, predicate];
    return this;
  }

  /** Read only these `add.path`s (undefined: every live file). */
  withFiles(paths?: readonly string[]): this {
    this.only = paths === undefined ? undefined : new Set(parseFileList(paths));
    return this;
  }

  build(): Scan {
    const snapshot = this.snapshot;
    const mode = columnMappingMode(snapshot.configuration);
    const schema = withoutMappingMetadata(snapshot.schema);
    const physical = physicalSchema(snapshot.schema, mode);
    const partitionColumns = snapshot.partitionColumns;
    const isPartition = (name: string): boolean =>
      partitionColumns.some((p) => p.toLowerCase() === name.toLowerCase());
    const all: ScanColumn[] = schema.fields.map((field, i) => {
      const stored = physical.fields[i];
      return {
        field,
        physicalName: stored?.name ?? field.name,
        physicalType: stored?.dataType ?? field.dataType,
        isPartition: isPartition(field.name),
      };
    });
    // delta-spark keeps a `void` column (an untyped NULL written) in the schema but leaves it
    // out of what a read returns: no file holds a value for it.
    const columns = all.filter((c) => c.isPartition || c.field.dataType.typeName !== "null");
    const only = this.only;
    const considered =
      only === undefined ? snapshot.files() : snapshot.files().filter((f) => only.has(f.path));
    const kept = skipFiles(considered, this.predicates, skippingContext(snapshot));
    const partitionFields = partitionColumns
      .map((p) => all.find((c) => c.field.name.toLowerCase() === p.toLowerCase()))
      .filter((c): c is ScanColumn => c !== undefined);
    const files = kept.map((add): ScanFile => {
      const stats = parseStats(add.stats);
      return {
        location: resolveAddPath(snapshot.tablePath, add.path),
        path: add.path,
        partitionValues: partitionFields.map((c) => ({
          name: c.field.name,
          dataType: c.field.dataType,
          value: partitionText(add, c.physicalName),
        })),
        stats,
        deletionVector: add.deletionVector ?? undefined,
        numRecords: stats?.numRecords,
        add,
      };
    });
    const tableLocation = snapshot.tablePath;
    return Object.freeze({
      tableLocation,
      version: snapshot.version,
      schema: new StructType(columns.map((c) => c.field)),
      columns,
      columnMappingMode: mode,
      partitionColumns,
      files,
      filesTotal: considered.length,
      filesSkipped: considered.length - files.length,
      deletedRows: async (engine: DeltaEngine, file: ScanFile): Promise<readonly number[]> => {
        const dv = file.deletionVector;
        if (dv === undefined || dv.cardinality === 0) return [];
        return loadDeletionVector(engine.storage, tableLocation, dv);
      },
    });
  }
}

/** A partition value by physical name (writers differ in case); "" means null. */
export function partitionText(add: Pick<AddFile, "partitionValues">, key: string): string | null {
  const found = Object.keys(add.partitionValues).find((k) => k.toLowerCase() === key.toLowerCase());
  const value = found === undefined ? null : (add.partitionValues[found] ?? null);
  return value === "" ? null : value;
}
