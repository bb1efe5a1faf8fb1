/**
 * tributary: Spark-style data-ingestion pipelines for TypeScript.
 *
 * @example
 * ```ts
 * import { SparkSession, functions as F } from "tributary-etl";
 * const spark = await SparkSession.builder().appName("ingest").getOrCreate();
 * const df = spark.read.option("header", true).option("inferSchema", true).csv("raw/*.csv");
 * await df.groupBy("origin").agg(F.avg("delay").alias("avg_delay")).show();
 * ```
 */
export { Column, type ColumnOrName, type ColumnOrValue } from "./column/column.js";
export * as functions from "./column/functions/index.js";
export { Window, WindowSpec } from "./column/window.js";
export { DataFrame } from "./dataframe/dataframe.js";
export { GroupedData } from "./dataframe/grouped-data.js";
export { DataFrameNaFunctions } from "./dataframe/na-functions.js";
export { DataFrameReader } from "./dataframe/reader.js";
export { DataFrameStatFunctions } from "./dataframe/stat-functions.js";
export { StorageLevel } from "./dataframe/storage-level.js";
export { DataFrameWriter } from "./dataframe/writer.js";
export {
  type Assignments,
  type ColumnOptions,
  type ConditionLike,
  type DeleteMetrics,
  DeltaMergeBuilder,
  DeltaOptimizeBuilder,
  DeltaTable,
  DeltaTableBuilder,
  type FileSizeStats,
  type HistoryEntry,
  type MergeInsertOptions,
  type MergeMetrics,
  type MergeUpdateOptions,
  type OptimizeMetrics,
  type RestoreMetrics,
  type TableDetail,
  type UpdateMetrics,
  type UpdateOptions,
  type VacuumResult,
} from "./delta/index.js";
export type {
  ColumnStats,
  ReadMetrics,
  RejectedRecord,
  Row,
  SaveMode,
  WriteResult,
  WrittenFile,
} from "./engine/engine.js";
export {
  AnalysisError,
  ConfigError,
  DeltaError,
  EngineError,
  ErrorCode,
  IllegalArgumentError,
  InputError,
  TributaryError,
  UnsupportedOperationError,
} from "./errors.js";
// Logging: log4j.properties / log4j2.properties, log4j's pattern layout, JSON lines, redaction.
export {
  type Appender,
  type ConfigureLoggingOptions,
  ConsoleAppender,
  clearSecrets,
  compilePattern,
  configureLogging,
  DEFAULT_LOGGING_CONFIG,
  describeError,
  detectSyntax,
  type ErrorInfo,
  FileAppender,
  getLogger,
  jsonLayout,
  type Layout,
  LEVEL_NAMES,
  type LevelName,
  LogContext,
  type LogEvent,
  type Logger,
  type LoggingConfig,
  type LoggingOverrides,
  type LogMessage,
  levelEnables,
  loadLoggingConfig,
  MemoryAppender,
  NullAppender,
  type PatternLayoutOptions,
  parseLoggingProperties,
  redactSecrets,
  registerSecret,
  registerSecretsFrom,
  resetLogging,
  SEED_PATTERN,
  type TextSink,
  toLevel,
} from "./logging/index.js";
export { checkDataFreshness, type FreshnessResult } from "./monitoring/health/freshness.js";
// Health checks: freshness (right in every time zone) and Delta table health.
export { HealthCheck, recordHealth } from "./monitoring/health/health-check.js";
export {
  checkTableHealth,
  type HealthCheckItem,
  type TableHealth,
  type TableHealthOptions,
} from "./monitoring/health/table-health.js";
export type { DurationLike, HealthStatus, Thresholds } from "./monitoring/health/thresholds.js";
export { Counter } from "./monitoring/metrics/counter.js";
export { Gauge } from "./monitoring/metrics/gauge.js";
export { PipelineMetrics } from "./monitoring/metrics/pipeline-metrics.js";
// Monitoring: metrics registry and sinks (metrics.properties: Graphite, Prometheus, pushgateway, console).
export { MetricRegistry, type MetricRegistryOptions } from "./monitoring/metrics/registry.js";
export type {
  Labels,
  MetricSample,
  MetricsSnapshot,
  TimerStats,
} from "./monitoring/metrics/snapshot.js";
export { Timer, type TimerContext } from "./monitoring/metrics/timer.js";
export { ConsoleSink, type ConsoleSinkOptions } from "./monitoring/sinks/console-sink.js";
export { GraphiteSink, type GraphiteSinkOptions } from "./monitoring/sinks/graphite-sink.js";
export { parseMetricsProperties, type SinkConfig } from "./monitoring/sinks/metrics-properties.js";
export {
  PrometheusEndpoint,
  type PrometheusEndpointOptions,
} from "./monitoring/sinks/prometheus-endpoint.js";
export { prometheusText } from "./monitoring/sinks/prometheus-format.js";
export {
  PushGatewaySink,
  type PushGatewaySinkOptions,
} from "./monitoring/sinks/pushgateway-sink.js";
export type { MetricsSink, WarnFn } from "./monitoring/sinks/sink.js";
export {
  type MetricsConfigSource,
  type MetricsSinksHandle,
  type StartMetricsSinksOptions,
  startMetricsSinks,
} from "./monitoring/sinks/start.js";
// Pipelines.
export {
  definePipeline,
  isPipeline,
  type Pipeline,
  type PipelineContext,
  type PipelineDefinition,
  PipelineError,
  type PipelineSummary,
  type QualityGate,
  type QualityOutcome,
  RUNS_SCHEMA,
  type RunOptions,
  type RunStatus,
  type SinkSpec,
  type SourceSpec,
  summaryLines,
} from "./pipeline/index.js";
export {
  type AnomalyCheck,
  checkAnomalies,
  nullFractionNotIncreased,
  rowCountWithinHistory,
  withAnomalies,
} from "./quality/history/anomaly.js";
export { type MetricValue, metricsOf } from "./quality/history/metrics.js";
export { METRICS_SCHEMA, MetricsRepository } from "./quality/history/repository.js";
// Data quality: Great Expectations' expectations on any engine, gates, quarantine, reports.
export {
  type Bound,
  type Duration,
  ERRORS_COLUMN,
  EXPECTATION_TYPES,
  type ExceptionInfo,
  type ExpectationConfig,
  type ExpectationConfigOf,
  type ExpectationKwargs,
  type ExpectationResultBody,
  ExpectationSuite,
  type ExpectationType,
  type ExpectationValidationResult,
  type JsonValue,
  loadSuite,
  type Meta,
  QualityError,
  type ResultFormatInput,
  type ResultFormatLevel,
  readSuite,
  type SetValue,
  type SuiteValidationResult,
  splitByQuality,
  suite,
  type ValidateOptions,
  type ValidationMeta,
  type ValidationStatistics,
  type ValueCount,
  validate,
  withQualityErrors,
} from "./quality/index.js";
export {
  type FailingRowSamples,
  renderValidationReport,
  summarizeValidation,
  type ValidationReportOptions,
  type ValidationResultLike,
  type ValidationRunSummary,
  writeValidationReport,
} from "./quality/report/index.js";
export { DataReader, type ReadCsvOptions, type ReadDeltaOptions } from "./seed/data-reader.js";
export { DataWriter, type WriteDeltaOptions } from "./seed/data-writer.js";
export { Builder, createSparkSession } from "./session/builder.js";
export { Catalog, type Table } from "./session/catalog.js";
export { RuntimeConfig } from "./session/runtime-config.js";
export { SparkSession, type SqlDialect, type SqlOptions } from "./session/session.js";
export { SqlDataFrame } from "./session/sql-result.js";
// Storage: the interface every byte goes through (plug in your own store), chosen by scheme.
export { storageFor } from "./storage/choose.js";
export { StorageError, type StorageOperation } from "./storage/errors.js";
export { LocalStorage } from "./storage/local.js";
export {
  type RetryPolicy,
  resolveS3Config,
  type S3Config,
  type S3Settings,
} from "./storage/s3/config.js";
export { S3Storage } from "./storage/s3/s3-storage.js";
export {
  type ByteRange,
  compareLocations,
  type ListOptions,
  type PutIfAbsentResult,
  type Storage,
  type StorageData,
  type StorageEntry,
} from "./storage/storage.js";
export {
  DataStreamReader,
  DataStreamWriter,
  type ForeachBatchFunction,
  type SourceProgress,
  type StreamBacklog,
  StreamingError,
  StreamingQuery,
  StreamingQueryException,
  type StreamingQueryListener,
  StreamingQueryManager,
  type StreamingQueryProgress,
  type StreamingQueryStatus,
  streamBacklog,
  type Trigger,
} from "./streaming/index.js";
export {
  ArrayType,
  AtomicType,
  BinaryType,
  BooleanType,
  ByteType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
} from "./types/data-types.js";
export { parseDataType, parseDDLSchema, toDDL } from "./types/ddl.js";
export { Decimal } from "./types/decimal.js";
export { schemaFromJSON } from "./types/schema-json.js";
export { Timestamp } from "./types/timestamp.js";
export { treeString } from "./types/tree-string.js";
