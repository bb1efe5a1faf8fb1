/** The Delta writer options delta-spark understands, parsed once with errors that name them. */
import { confBoolean } from "../../config/boolean.js";
import { OptionsReader } from "../../config/options-reader.js";
import { IllegalArgumentError } from "../../errors.js";

export interface DeltaWriteOptions {
  readonly mergeSchema: boolean;
  readonly overwriteSchema: boolean;
  readonly replaceWhere: string | undefined;
  readonly dynamicPartitionOverwrite: boolean;
  readonly userMetadata: string | undefined;
  readonly txnAppId: string | undefined;
  readonly txnVersion: number | undefined;
  readonly maxRecordsPerFile: number | undefined;
  readonly compression: string;
  /** The `optimizeWrite` option as given (it wins over the session and table settings). */
  readonly optimizeWrite: string | undefined;
  /** `delta.*` options: table properties when the write creates the table. */
  readonly tableProperties: Readonly<Record<string, string>>;
}

export function parseDeltaWriteOptions(
  raw: Readonly<Record<string, string>>,
  sessionConf: Readonly<Record<string, string>> = {},
): DeltaWriteOptions {
  const options = new OptionsReader(raw);
  const get = (name: string): string | undefined => options.get(name);
  const mode =
    get("partitionOverwriteMode") ??
    sessionConf["spark.sql.sources.partitionOverwriteMode"] ??
    "static";
  if (!["static", "dynamic"].includes(mode.toLowerCase())) {
    throw new IllegalArgumentError(
      `partitionOverwriteMode must be STATIC or DYNAMIC, got '${mode}'.`,
    );
  }
  const txnAppId = get("txnAppId");
  const txnVersionText = get("txnVersion");
  if ((txnAppId === undefined) !== (txnVersionText === undefined)) {
    throw new IllegalArgumentError("txnAppId and txnVersion must be set together.", {
      hint: "Set both: txnAppId names your application, txnVersion numbers the batch (increasing).",
    });
  }
  const txnVersion = txnVersionText === undefined ? undefined : Number(txnVersionText);
  if (txnVersion !== undefined && (!Number.isInteger(txnVersion) || txnVersion < 0)) {
    throw new IllegalArgumentError(
      `txnVersion must be a non-negative integer, got '${txnVersionText}'.`,
    );
  }
  const max = get("maxRecordsPerFile");
  const maxRecordsPerFile = max === undefined ? undefined : Number(max);
  if (
    maxRecordsPerFile !== undefined &&
    (!Number.isInteger(maxRecordsPerFile) || maxRecordsPerFile < 0)
  ) {
    throw new IllegalArgumentError(
      `maxRecordsPerFile must be a non-negative integer, got '${max}'.`,
    );
  }
  const tableProperties: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (k.startsWith("delta.")) tableProperties[k] = v;
  const mergeDefault = confBoolean(
    sessionConf,
    "spark.databricks.delta.schema.autoMerge.enabled",
    false,
  );
  return {
    mergeSchema: options.bool("mergeSchema", mergeDefault),
    overwriteSchema: options.bool("overwriteSchema", false),
    replaceWhere: get("replaceWhere"),
    dynamicPartitionOverwrite: mode.toLowerCase() === "dynamic",
    userMetadata:
      get("userMetadata") ?? sessionConf["spark.databricks.delta.commitInfo.userMetadata"],
    txnAppId,
    txnVersion,
    maxRecordsPerFile: maxRecordsPerFile === 0 ? undefined : maxRecordsPerFile,
    compression: (
      get("compression") ??
      sessionConf["spark.sql.parquet.compression.codec"] ??
      "snappy"
    ).toLowerCase(),
    optimizeWrite: get("optimizeWrite"),
    tableProperties,
  };
}
