/**
 * CSV sources with Spark's options and meanings. The schema is the user's, or the header
 * (Spark's safe names) with every column a string, or inferred as Spark infers it. The read
 * itself is one native `read_csv` scan inside the action's statement; malformed records are
 * handled and counted as guarded.ts describes.
 */

import { OptionsReader } from "../../../config/options-reader.js";
import { InputError } from "../../../errors.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import { type DataType, StringType } from "../../../types/data-types.js";
import { NameAllocator, type OutCol } from "../compiler/scope.js";
import { corruptOnlySql } from "./corrupt-only.js";
import { blankLineDeferral, hasBlankLineAnywhere } from "./csv-check.js";
import { type CsvColumn, planColumn, readerFormats } from "./csv-columns.js";
import { readFirstRecord, safeHeader } from "./csv-header.js";
import { INFER_SAMPLE_ROWS, inferCsvTypes, sampleOffsets } from "./csv-infer.js";
import { type PreparedCsv, prepareCsv, rewriteFiles } from "./csv-normalize.js";
import { type CsvOptions, parseCsvOptions } from "./csv-options.js";
import { readCsvSql } from "./csv-sql.js";
import { type CsvPlan, CsvStrategy } from "./csv-strategy.js";
import { isUtc, readerFormat } from "./datetime-formats.js";
import { emptySource } from "./empty.js";
import { GuardedSource } from "./guarded.js";
import { malformedOptions } from "./modes.js";
import { expandLocations } from "./paths.js";
import type { ReadContext, ResolvedSource } from "./source.js";

interface Field {
  readonly name: string;
  readonly type: DataType;
  /** The corrupt-record column (not read from the file). */
  readonly corrupt: boolean;
}

/** Unique names inside `read_csv` (DuckDB compares them case-insensitively). */
function readerNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    const name = seen.has(n.toLowerCase()) ? `${n}__${i}` : n;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * A scan that reads every column as text, for inference and sampling (`firstRecordsOnly`:
 * the query reads a `LIMIT` of it).
 */
function textScan(
  source: PreparedCsv,
  names: readonly string[],
  firstRecordsOnly: boolean,
): string {
  return readCsvSql({
    files: source.files,
    dialect: source.scan.dialect,
    header: source.scan.header,
    nullValue: source.scan.nullValue,
    columns: names.map((_, i) => [`c${i}`, "VARCHAR"] as const),
    dateFormat: undefined,
    timestampFormat: undefined,
    tolerance: { kind: "lenient" },
    firstRecordsOnly,
  });
}

function checkHeader(
  first: { file: string; tokens: string[] } | undefined,
  fields: readonly Field[],
  options: CsvOptions,
): void {
  if (first === undefined || !options.header || options.enforceSchema) return;
  const expected = fields.filter((f) => !f.corrupt).map((f) => f.name);
  const actual = first.tokens;
  const same =
    expected.length === actual.length &&
    expected.every((n, i) => n.toLowerCase() === (actual[i] ?? "").toLowerCase());
  if (!same) {
    throw new InputError(
      "CSV_HEADER_SCHEMA_MISMATCH",
      `The CSV header does not conform to the schema.\n Header: ${actual.join(", ")}\n Schema: ${expected.join(", ")}`,
      {
        file: first.file,
        line: 1,
        hint: "Fix the schema, or set enforceSchema to true to ignore the header's names.",
      },
    );
  }
}

async function fieldsOf(
  node: ReadNode,
  ctx: ReadContext,
  source: PreparedCsv,
  options: CsvOptions,
  corruptName: string,
): Promise<{ fields: Field[]; offsets: Set<number> }> {
  const first = source.first;
  if (node.schema !== undefined) {
    const fields = node.schema.fields.map((f) => ({
      name: f.name,
      type: f.dataType,
      corrupt: f.name === corruptName,
    }));
    checkHeader(first, fields, options);
    const data = fields.filter((f) => !f.corrupt);
    const timestamps = data.flatMap((f, i) =>
      f.type.typeName === "timestamp" && options.timestampFormat === undefined ? [i] : [],
    );
    const offsets =
      first === undefined
        ? new Set<number>()
        : await sampleOffsets(
            ctx.db,
            textScan(
              source,
              data.map((f) => f.name),
              true,
            ),
            timestamps,
          );
    return { fields, offsets };
  }
  if (first === undefined) return { fields: [], offsets: new Set() };
  if (first.tokens.length > options.maxColumns) {
    throw new InputError(
      "TOO_MANY_COLUMNS",
      `${first.tokens.length} columns exceed maxColumns (${options.maxColumns}).`,
      { file: first.file, line: 1 },
    );
  }
  const names = safeHeader(first.tokens, options.header, options.nullValue);
  if (!options.inferSchema)
    return {
      fields: names.map((name) => ({ name, type: StringType, corrupt: false })),
      offsets: new Set(),
    };
  const sample = textScan(source, names, options.samplingRatio === undefined);
  const facts = await inferCsvTypes(ctx.db, sample, names.length, options);
  const offsets = new Set(facts.flatMap((f, i) => (f.offsets ? [i] : [])));
  return {
    fields: names.map((name, i) => ({ name, type: facts[i]?.type ?? StringType, corrupt: false })),
    offsets,
  };
}

/** Resolves `spark.read.csv(...)`. */
export async function resolveCsv(node: ReadNode, ctx: ReadContext): Promise<ResolvedSource> {
  const options = new OptionsReader(node.options);
  const csv = parseCsvOptions(options);
  const malformed = malformedOptions(options, node.schema);
  const listed = await expandLocations(
    node.paths,
    {
      recursive: options.bool("recursiveFileLookup", false),
      globFilter: options.get("pathGlobFilter"),
    },
    ctx.storage,
  );
  const files = ctx.mirror === undefined ? listed.files : await ctx.mirror.fetch(listed.files);
  const deferral = blankLineDeferral(
    csv,
    malformed.mode === "DROPMALFORMED",
    INFER_SAMPLE_ROWS,
    node.schema?.fields.filter((f) => f.name !== malformed.corruptColumn).length,
  );
  const source = prepareCsv(
    files,
    csv,
    ctx.scratchDir,
    node.planId,
    (f) => readFirstRecord(f, csv.dialect),
    false,
    deferral,
  );
  const { fields, offsets } = await fieldsOf(node, ctx, source, csv, malformed.corruptColumn);
  if (fields.length === 0 && node.schema === undefined) return emptySource();
  const data = fields.filter((f) => !f.corrupt);
  const readers = readerNames(data.map((f) => f.name));
  let k = 0;
  const columns: CsvColumn[] = fields.map((f) => {
    if (f.corrupt)
      return { name: f.name, type: f.type, kind: "corrupt", reader: "", readerType: "VARCHAR" };
    const i = k++;
    return planColumn(f.name, readers[i] ?? f.name, f.type, offsets.has(i), csv);
  });
  const allocator = new NameAllocator();
  const outNames = columns.map((c) => allocator.allocate(c.name));
  const ntz = csv.timestampNTZFormat;
  const plan: CsvPlan = {
    planId: node.planId,
    format: "csv",
    paths: node.paths,
    files: source.files,
    originals: source.originals,
    sep: csv.dialect.sep,
    encoding: csv.dialect.encoding,
    dialect: source.scan.dialect,
    header: source.scan.header,
    nullValue: source.scan.nullValue,
    columns,
    outNames,
    settings: {
      utc: isUtc(ctx.timeZone),
      timestampFormat: csv.timestampFormat,
      dateFormat: csv.dateFormat,
      wallClockFormat:
        ntz === undefined || !columns.some((c) => c.kind === "wallClockText")
          ? undefined
          : readerFormat(ntz),
      trimLeading: source.scan.trimLeading,
      trimTrailing: source.scan.trimTrailing,
    },
    formats: readerFormats(columns, csv),
    malformed,
    scratchDir: ctx.scratchDir,
  };
  const exactPlan = (): CsvPlan => {
    const exact = prepareCsv(files, csv, ctx.scratchDir, node.planId, () => undefined, true);
    return {
      ...plan,
      files: exact.files,
      dialect: exact.scan.dialect,
      header: exact.scan.header,
      nullValue: exact.scan.nullValue,
      settings: { ...plan.settings, trimLeading: false, trimTrailing: false },
    };
  };
  const rewrite = (): void => {
    rewriteFiles(files, csv, source.files);
  };
  // The deferred blank-line search (csv-check.ts), run once, after a failed scan.
  let searched = !source.blankLinesDeferred;
  const revise = (): CsvPlan | undefined => {
    if (searched) return undefined;
    searched = true;
    if (!hasBlankLineAnywhere(files, csv)) return undefined;
    const exact = exactPlan();
    return { ...exact, rewrite: () => rewriteFiles(files, csv, exact.files) };
  };
  const strategy = new CsvStrategy(
    source.normalized ? { ...plan, rewrite } : { ...plan, canonicalize: exactPlan, revise },
  );
  const view = `__tributary_read_${node.planId}`;
  await GuardedSource.install(ctx.db, view, strategy.fastSql);
  const corrupt = columns.findIndex((c) => c.kind === "corrupt");
  const sql = corruptOnlySql(
    view,
    columns.map((c) => c.name),
    malformed.corruptColumn,
    outNames[corrupt] ?? malformed.corruptColumn,
  );
  const described = await ctx.db.describe(sql);
  const out: OutCol[] = columns.map((c, i) => ({
    name: c.name,
    sqlName: outNames[i] ?? c.name,
    dataType: described[i]?.dataType ?? c.type,
    qualifiers: [],
    planIds: [node.planId],
  }));
  return new GuardedSource(strategy, ctx, view, { sql, columns: out });
}
