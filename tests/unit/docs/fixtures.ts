/**
 * The small world documentation blocks run in: the files and tables they name (raw CSV
 * drops, `data/raw`, `lake/orders`) and the tables behind the prelude's sample DataFrames.
 * Built once, copied into each block's fresh folder.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../../src/index.js";

const FLIGHTS_SCHEMA = "id INT, date DATE, origin STRING, delay INT, event_time TIMESTAMP";

function flights(): Record<string, unknown>[] {
  const now = new Date();
  return [
    { id: 1, date: "2024-05-01", origin: "SFO", delay: 5, event_time: now },
    { id: 2, date: "2024-05-01", origin: "LAX", delay: null, event_time: now },
    { id: 3, date: "2024-05-02", origin: "SFO", delay: 12, event_time: now },
    { id: 4, date: "2024-05-02", origin: "JFK", delay: -3, event_time: now },
  ];
}

function orders(): Record<string, unknown>[] {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  return [
    {
      order_id: 1n,
      amount: 10.5,
      status: "paid",
      currency: "EUR",
      ordered_at: at(90),
      shipped_at: at(30),
    },
    {
      order_id: 2n,
      amount: 99,
      status: "shipped",
      currency: "USD",
      ordered_at: at(60),
      shipped_at: at(10),
    },
    {
      order_id: 3n,
      amount: 42,
      status: "refunded",
      currency: "GBP",
      ordered_at: at(20),
      shipped_at: at(5),
    },
  ];
}

const ORDERS_SCHEMA =
  "order_id BIGINT, amount DOUBLE, status STRING, currency STRING, ordered_at TIMESTAMP, shipped_at TIMESTAMP";

/** Builds the template folder; returns its path. */
export async function buildFixtures(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "trib-docs-fixtures-"));
  for (const sub of ["raw", "data/raw", "config"]) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(
    join(dir, "raw", "flights-2024-05.csv"),
    "departure,origin,delay\n2024-05-01 08:00:00,SFO,5\n2024-05-01 09:30:00,LAX,\n2024-05-02 07:15:00,JFK,12\n",
  );
  writeFileSync(
    join(dir, "data", "raw", "flights.csv"),
    "date,origin,delay\n2024-05-01,SFO,5\n2024-05-02,JFK,12\n",
  );
  // The example pipeline's raw drops (examples/flights/prepare.ts), two months of them.
  for (const [month, rows] of [
    ["2024-05", "2024-05-01 08:00:00,SFO,LAX,337,5\n2024-05-01 09:30:00,SFO,JFK,2586,\n"],
    ["2024-06", "2024-06-02 07:15:00,JFK,SFO,2586,75\n2024-06-02 10:00:00,SFO,LAX,337,-3\n"],
  ] as const) {
    mkdirSync(join(dir, "drops", `month=${month}`), { recursive: true });
    writeFileSync(
      join(dir, "drops", `month=${month}`, "part-00000.csv"),
      `scheduled_departure,origin,destination,distance,delay\n${rows}`,
    );
  }
  writeFileSync(
    join(dir, "data", "orders.csv"),
    "order_id,amount,status\n1,10.5,paid\n2,99,shipped\n",
  );
  writeFileSync(
    join(dir, "config", "orders-volume.json"),
    JSON.stringify({
      name: "orders-volume",
      expectations: [{ type: "expect_table_row_count_to_be_between", kwargs: { min_value: 1 } }],
    }),
  );
  const spark = await SparkSession.builder().master("local[1]").create();
  try {
    const write = (rows: Record<string, unknown>[], schema: string, path: string) =>
      spark.createDataFrame(rows, schema).write.format("delta").save(join(dir, path));
    await write(flights(), FLIGHTS_SCHEMA, "fixtures/flights");
    await write(orders(), ORDERS_SCHEMA, "fixtures/orders");
    await write(orders(), ORDERS_SCHEMA, "lake/orders");
  } finally {
    await spark.stop();
  }
  return dir;
}

/** Copies the template into a block's folder. */
export function copyFixtures(template: string, cwd: string): void {
  cpSync(template, cwd, { recursive: true });
}
