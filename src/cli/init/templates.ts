/**
 * The files `tributary init` writes: a project shaped like the seed's (src/, config/ with
 * spark-defaults.conf, log4j.properties and metrics.properties, tests/, a README), whose
 * pipeline runs on the embedded engine out of the box and on Spark by changing the master.
 */

export interface ScaffoldOptions {
  /** The project (and pipeline) name. */
  readonly name: string;
  /** The npm spec of the tributary dependency (`^0.1.0`, `file:../tributary-0.1.0.tgz`). */
  readonly tributary: string;
  /** The tsx version the tests run with (the one tributary uses). */
  readonly tsx: string;
}

const packageJson = (o: ScaffoldOptions): string =>
  `${JSON.stringify(
    {
      name: o.name,
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: {
        start: "tributary run src/pipeline.ts --properties-file config/spark-defaults.conf",
        "dry-run":
          "tributary run src/pipeline.ts --properties-file config/spark-defaults.conf --dry-run",
        test: "node --import tsx --test tests/*.test.ts",
        health: "tributary health lake/orders --warn-after 2h --error-after 26h",
        history: "tributary delta history lake/orders --limit 10",
      },
      dependencies: { "tributary-etl": o.tributary },
      devDependencies: { tsx: o.tsx },
      engines: { node: ">=20.12" },
    },
    null,
    2,
  )}\n`;

const pipelineTs = (o: ScaffoldOptions): string => `/**
 * ${o.name}: raw order CSV drops -> typed, cleaned orders -> a Delta table partitioned by day.
 *
 *   npm start                                   (embedded engine, no JVM)
 *   npx tributary run src/pipeline.ts --master sc://spark-connect.internal:15002   (Spark)
 */
import { type DataFrame, definePipeline, functions as F } from "tributary-etl";

/** Typed, trimmed and de-duplicated orders with their order day. */
export function cleanOrders(df: DataFrame): DataFrame {
  return df
    .withColumn("customer", F.initcap(F.trim(F.col("customer"))))
    .withColumn("order_day", F.to_date(F.col("ordered_at")))
    .filter(F.col("amount").isNotNull().and(F.col("amount").geq(0)))
    .dropDuplicates(["order_id"]);
}

export default definePipeline({
  name: ${JSON.stringify(o.name.replace(/[^A-Za-z0-9_.-]/g, "_"))},
  source: {
    format: "csv",
    path: "data/raw",
    schema: "order_id BIGINT, customer STRING, amount DECIMAL(12,2), ordered_at TIMESTAMP",
    options: { header: true, mode: "PERMISSIVE" },
  },
  transform: (df) => cleanOrders(df),
  sink: { format: "delta", path: "lake/orders", mode: "append", partitionBy: ["order_day"] },
  schedule: "0 * * * *",
});
`;

const testTs = (): string => `import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SparkSession } from "tributary-etl";
import pipeline, { cleanOrders } from "../src/pipeline.ts";

let spark: SparkSession;
before(async () => {
  spark = await SparkSession.builder().master("local[1]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
});
after(async () => spark.stop());

test("cleanOrders trims names, drops negative amounts and duplicates, derives the day", async () => {
  const raw = spark.createDataFrame(
    [
      { order_id: 1n, customer: "  ada lovelace ", amount: "10.50", ordered_at: new Date("2024-01-01T10:00:00Z") },
      { order_id: 1n, customer: "ada lovelace", amount: "10.50", ordered_at: new Date("2024-01-01T10:00:00Z") },
      { order_id: 2n, customer: "alan", amount: "-1", ordered_at: new Date("2024-01-01T11:00:00Z") },
    ],
    "order_id BIGINT, customer STRING, amount DECIMAL(12,2), ordered_at TIMESTAMP",
  );
  const rows = await cleanOrders(raw).select("order_id", "customer", "order_day").collect();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.customer, "Ada Lovelace");
  assert.equal(rows[0]?.order_day, "2024-01-01");
});

test("the pipeline runs end to end on the sample data", async () => {
  const lake = join(mkdtempSync(join(tmpdir(), "orders-")), "orders");
  const summary = await (await import("tributary-etl")).definePipeline({ ...pipeline.definition, sink: { path: lake } }).run({ spark });
  assert.equal(summary.status, "succeeded");
  assert.equal(summary.rows.in, 4);
  assert.equal(summary.rows.out, 3);
  assert.equal(await spark.read.format("delta").load(lake).count(), 3);
});
`;

const sparkDefaults = (
  o: ScaffoldOptions,
): string => `# Spark settings, read by \`tributary run --properties-file config/spark-defaults.conf\`
# (as spark-submit reads them). \`--conf k=v\` and the code override them.
spark.app.name                     ${o.name}
spark.master                       local[*]
spark.sql.session.timeZone         UTC
spark.driver.memory                2g
spark.metrics.conf                 config/metrics.properties

# On a cluster (tributary spark submit-server --master yarn --properties-file this file):
# spark.executor.memory            4g
# spark.executor.cores             2
# spark.executor.instances         4
# spark.serializer                 org.apache.spark.serializer.KryoSerializer
`;

const LOG4J = `# Logging, as in the seed: log4j 1 syntax (log4j2.properties works too).
log4j.rootCategory=INFO, console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.target=System.err
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
`;

const METRICS = `# Metrics sinks, in Spark's metrics.properties syntax. Uncomment what you run.
#
# Graphite (plaintext over TCP; never blocks or fails the pipeline):
# *.sink.graphite.class=org.apache.spark.metrics.sink.GraphiteSink
# *.sink.graphite.host=graphite.internal
# *.sink.graphite.port=2003
# *.sink.graphite.period=10
# *.sink.graphite.unit=seconds
# *.sink.graphite.prefix=etl
#
# Prometheus pushgateway (one push at the end of each batch run):
# *.sink.pushgateway.class=tributary.PushGatewaySink
# *.sink.pushgateway.address=http://pushgateway.internal:9091
# *.sink.pushgateway.job=orders
`;

const SAMPLE = `order_id,customer,amount,ordered_at
1001, ada lovelace ,19.99,2024-01-01 09:15:00
1002,alan turing,5.00,2024-01-01 10:30:00
1003,grace hopper,not-a-number,2024-01-02 08:00:00
1004,edsger dijkstra,42.10,2024-01-02 12:45:00
`;

const readme = (o: ScaffoldOptions): string => `# ${o.name}

A [tributary](https://www.npmjs.com/package/tributary-etl) pipeline: raw order CSV drops in
\`data/raw/\` -> cleaned orders in the Delta table \`lake/orders\`, partitioned by day.

\`\`\`sh
npm install
npm test                 # unit tests of the transformations + one end-to-end run
npm start                # run the pipeline (embedded engine); prints the run summary
npm run dry-run          # plan and validate without writing
npm run health           # exit 0 healthy, 1 unhealthy (for cron and probes)
npx tributary show lake/orders --limit 10
\`\`\`

Runs are logged in the Delta table \`lake/_runs\`. Settings live in \`config/\`:
\`spark-defaults.conf\` (Spark settings), \`log4j.properties\` (logging),
\`metrics.properties\` (Graphite / Prometheus sinks).

On a Spark cluster: \`npx tributary spark submit-server --master yarn --properties-file
config/spark-defaults.conf\` on the edge node, then
\`npx tributary run src/pipeline.ts --master sc://<edge-node>:15002\`.
`;

const GITIGNORE = "node_modules/\nlake/\n";

/** Relative path -> contents. */
export function scaffoldFiles(o: ScaffoldOptions): ReadonlyMap<string, string> {
  return new Map([
    ["package.json", packageJson(o)],
    ["src/pipeline.ts", pipelineTs(o)],
    ["tests/pipeline.test.ts", testTs()],
    ["config/spark-defaults.conf", sparkDefaults(o)],
    ["config/log4j.properties", LOG4J],
    ["config/metrics.properties", METRICS],
    ["data/raw/orders-2024-01-01.csv", SAMPLE],
    ["README.md", readme(o)],
    [".gitignore", GITIGNORE],
  ]);
}
