/**
 * Runs parity cases on a tributary session (either engine), the way the oracle runs them
 * on PySpark: each expression case is analysed alone (its error is its result), then the
 * analysable cases of one dataset and mode run as one query, split in halves on failure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Column, DataFrame, Row, SparkSession } from "../../../src/index.js";
import { functions as F } from "../../../src/index.js";
import type { StructType } from "../../../src/types/data-types.js";
import { Decimal } from "../../../src/types/decimal.js";
import { Timestamp } from "../../../src/types/timestamp.js";
import { encodeValue, rowValues } from "./encode.js";
import {
  type AggCase,
  type CaseRun,
  isAgg,
  isRead,
  isSelect,
  loadDataset,
  type ParityCase,
  type ReadCase,
  type RoundtripCase,
  runsOf,
  type SelectCase,
} from "./format.js";
import type { OracleResult } from "./oracle.js";

const BATCH = 200;
const GENERATOR =
  /\b(explode|explode_outer|posexplode|posexplode_outer|inline|inline_outer|stack)\s*\(/i;

/** Generators change the row count (and may name several columns): never batched or aliased. */
function named(text: string, name: string): Column {
  return GENERATOR.test(text) ? F.expr(text) : F.expr(text).alias(name);
}

/**
 * Cases with equal groups run as one query: selects without orderBy or generators, and
 * aggregates without orderBy over the same grouping. Undefined: the case runs alone.
 */
function batchGroup(c: ParityCase, ansi: boolean): string | undefined {
  if (isSelect(c) && c.orderBy === undefined && !c.select.some((e) => GENERATOR.test(e)))
    return JSON.stringify(["select", c.data, ansi, c.conf ?? {}, c.where ?? null]);
  if (isAgg(c) && c.orderBy === undefined)
    return JSON.stringify(["agg", c.data, ansi, c.conf ?? {}, c.where ?? null, c.groupBy ?? []]);
  return undefined;
}

function decodeTagged(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(decodeTagged);
  const [tag, x] = Object.entries(v)[0] ?? [];
  const text = String(x);
  switch (tag) {
    case "$double":
      return text === "-0.0" ? -0 : Number(text);
    case "$long":
      return BigInt(text);
    case "$decimal":
      return Decimal.parse(text);
    case "$date":
      return text;
    case "$ts": {
      const m = /^(.*?)(?:\.(\d{1,6}))?Z$/.exec(text);
      if (m === null) throw new Error(`bad $ts value ${text}`);
      const micros = BigInt((m[2] ?? "").padEnd(6, "0"));
      return new Timestamp(BigInt(Date.parse(`${m[1]}Z`)) * 1000n + micros);
    }
    case "$binary":
      return new Uint8Array(Buffer.from(text, "hex"));
    default:
      throw new Error(`unknown value tag ${String(tag)}`);
  }
}

function errorOf(e: unknown): OracleResult {
  const err = e as { errorClass?: string; code?: string; message?: string; name?: string };
  const cls = err.errorClass ?? err.code ?? err.name ?? "Error";
  return { error: { class: cls, message: String(err.message ?? e).split("\n")[0] ?? "" } };
}

function encodeRows(rows: readonly Row[], schema: StructType, names: readonly string[]) {
  return rows.map((r) => {
    const values = rowValues(r, names);
    return schema.fields.map((f, j) => encodeValue(values[j], f.dataType));
  });
}

function schemaPairs(schema: StructType, rename: boolean): [string, string][] {
  return schema.fields.map((f, j) => [rename ? `c${j}` : f.name, f.dataType.simpleString()]);
}

export class TributaryRunner {
  readonly results = new Map<string, OracleResult>();
  readonly #frames = new Map<string, DataFrame>();
  readonly #tmp = mkdtempSync(join(tmpdir(), "tributary-parity-"));

  constructor(private readonly spark: SparkSession) {}

  async runAll(cases: readonly ParityCase[]): Promise<Map<string, OracleResult>> {
    try {
      await this.#expressions(
        cases.filter((c): c is SelectCase | AggCase => isSelect(c) || isAgg(c)),
      );
      let n = 0;
      for (const c of cases) {
        n += 1;
        if (isRead(c)) await this.#read(c, n);
        else if ("roundtrip" in c) await this.#roundtrip(c, n);
      }
    } finally {
      rmSync(this.#tmp, { recursive: true, force: true });
    }
    return this.results;
  }

  #dataset(name: string, withIndex: boolean): DataFrame {
    const key = `${name}/${withIndex}`;
    let df = this.#frames.get(key);
    if (df === undefined) {
      const data = loadDataset(name);
      const rows = data.rows.map((r, i) => {
        const values = r.map(decodeTagged);
        return withIndex ? [...values, i] : values;
      });
      df = this.spark.createDataFrame(rows, withIndex ? `${data.schema}, __i INT` : data.schema);
      this.#frames.set(key, df);
    }
    return df;
  }

  async #withConf<T>(c: ParityCase, ansi: boolean, fn: () => Promise<T>): Promise<T> {
    await this.spark.conf.set("spark.sql.ansi.enabled", ansi);
    const conf = Object.entries(c.conf ?? {});
    const before = conf.map(([k]) => [k, this.spark.conf.get(k)] as const);
    for (const [k, v] of conf) await this.spark.conf.set(k, v);
    try {
      return await fn();
    } finally {
      for (const [k, v] of before) {
        if (v === undefined) this.spark.conf.unset(k);
        else await this.spark.conf.set(k, v);
      }
    }
  }

  #base(c: SelectCase | AggCase, withIndex: boolean): DataFrame {
    const df = this.#dataset(c.data, withIndex);
    return c.where === undefined ? df : df.filter(c.where);
  }

  #build(c: SelectCase | AggCase): DataFrame {
    if (isAgg(c)) {
      const df = this.#base(c, false);
      const aggs = c.agg.map((e, j) => F.expr(e).alias(`c${j}`));
      const keys = (c.groupBy ?? []).map((k) => F.expr(k));
      const [first, ...rest] = aggs;
      if (first === undefined) throw new Error(`case ${c.id} has no aggregates`);
      const out = keys.length > 0 ? df.groupBy(...keys).agg(...aggs) : df.agg(first, ...rest);
      return c.orderBy === undefined ? out : out.orderBy(...c.orderBy.map((o) => F.expr(o)));
    }
    let df = this.#base(c, true);
    if (c.orderBy !== undefined) df = df.orderBy(...c.orderBy.map((o) => F.expr(o)));
    return df.select(F.col("__i"), ...c.select.map((e, j) => named(e, `c${j}`)));
  }

  async #single(run: CaseRun): Promise<void> {
    const c = run.case as SelectCase | AggCase;
    try {
      const result = await this.#withConf(c, run.ansi, async () => {
        const df = this.#build(c);
        const [schema, rows] = await Promise.all([df.schema, df.collect()]);
        let encoded = encodeRows(rows, schema, schema.fieldNames());
        let pairs = schemaPairs(schema, false);
        if (isSelect(c)) {
          if (c.orderBy === undefined) encoded.sort((a, b) => Number(a[0]) - Number(b[0]));
          encoded = encoded.map((r) => r.slice(1));
          pairs = pairs.slice(1);
        }
        return { schema: pairs, rows: encoded, ordered: isSelect(c) || c.orderBy !== undefined };
      });
      this.results.set(run.key, result);
    } catch (e) {
      this.results.set(run.key, errorOf(e));
    }
  }

  async #batch(items: readonly { run: CaseRun; schema: StructType }[]): Promise<void> {
    const [only] = items;
    if (only === undefined) return;
    if (items.length === 1) return this.#single(only.run);
    const first = only.run.case as SelectCase | AggCase;
    const exprsOf = (c: ParityCase): readonly string[] =>
      isAgg(c) ? c.agg : (c as SelectCase).select;
    let rows: Row[];
    try {
      rows = await this.#withConf(first, only.run.ansi, () => {
        const cols = items.flatMap(({ run }, n) =>
          exprsOf(run.case).map((e, j) => F.expr(e).alias(`c${n}_${j}`)),
        );
        if (!isAgg(first))
          return this.#base(first, true)
            .select(F.col("__i"), ...cols)
            .collect();
        const df = this.#base(first, false);
        const keys = (first.groupBy ?? []).map((k) => F.expr(k));
        const [a, ...rest] = cols;
        if (a === undefined) throw new Error(`case ${first.id} has no aggregates`);
        return (keys.length > 0 ? df.groupBy(...keys).agg(...cols) : df.agg(a, ...rest)).collect();
      });
    } catch {
      const half = Math.floor(items.length / 2);
      await this.#batch(items.slice(0, half));
      await this.#batch(items.slice(half));
      return;
    }
    // A select batch leads with __i (dropped); an aggregate batch with its group keys (kept).
    const lead = isAgg(first) ? (first.groupBy ?? []).length : 1;
    if (!isAgg(first)) rows.sort((a, b) => Number(a.__i) - Number(b.__i));
    items.forEach(({ run, schema }, n) => {
      // The per-case schema names the case's columns; in the batch they are c<n>_<j>.
      const keys = isAgg(first) ? schema.fields.slice(0, lead) : [];
      const own = schema.fields.slice(lead);
      const names = [...keys.map((f) => f.name), ...own.map((_, j) => `c${n}_${j}`)];
      const fields = [...keys, ...own];
      this.results.set(run.key, {
        schema: fields.map((f, j) => [
          j < keys.length ? f.name : `c${j - keys.length}`,
          f.dataType.simpleString(),
        ]),
        rows: rows.map((r) => {
          const values = rowValues(r, names);
          return fields.map((f, j) => encodeValue(values[j], f.dataType));
        }),
        ordered: !isAgg(first),
      });
    });
  }

  async #expressions(cases: readonly (SelectCase | AggCase)[]): Promise<void> {
    const groups = new Map<string, { run: CaseRun; schema: StructType }[]>();
    for (const c of cases) {
      for (const run of runsOf(c)) {
        const g = batchGroup(c, run.ansi);
        if (g === undefined) {
          await this.#single(run);
          continue;
        }
        try {
          const schema = await this.#withConf(c, run.ansi, () => this.#build(c).schema);
          const list = groups.get(g) ?? [];
          list.push({ run, schema });
          groups.set(g, list);
        } catch (e) {
          this.results.set(run.key, errorOf(e));
        }
      }
    }
    for (const items of groups.values())
      for (let s = 0; s < items.length; s += BATCH) await this.#batch(items.slice(s, s + BATCH));
  }

  #writeFiles(c: ReadCase, n: number): string {
    const dir = join(this.#tmp, `read${n}`);
    for (const [name, content] of Object.entries(c.files)) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(
        p,
        typeof content === "string" ? content : Buffer.from(content.base64, "base64"),
      );
    }
    return dir;
  }

  async #collectAll(df: DataFrame, ordered: boolean): Promise<OracleResult> {
    const [schema, rows] = await Promise.all([df.schema, df.collect()]);
    return {
      schema: schemaPairs(schema, false),
      rows: encodeRows(rows, schema, schema.fieldNames()),
      ordered,
    };
  }

  async #read(c: ReadCase, n: number): Promise<void> {
    const dir = this.#writeFiles(c, n);
    for (const run of runsOf(c)) {
      try {
        const result = await this.#withConf(c, run.ansi, () => {
          let r = this.spark.read.format(c.format).options(c.options ?? {});
          if (c.schema !== undefined) r = r.schema(c.schema);
          const df = r.load(c.path === undefined ? dir : join(dir, c.path));
          return this.#collectAll(df, Object.keys(c.files).length === 1);
        });
        this.results.set(run.key, result);
      } catch (e) {
        this.results.set(run.key, errorOf(e));
      }
    }
  }

  async #roundtrip(c: RoundtripCase, n: number): Promise<void> {
    const rt = c.roundtrip;
    for (const run of runsOf(c)) {
      const out = join(this.#tmp, `rt${n}-${Number(run.ansi)}`);
      try {
        const result = await this.#withConf(c, run.ansi, async () => {
          await this.#dataset(rt.data, false)
            .write.format(rt.format)
            .mode("overwrite")
            .options(rt.options ?? {})
            .save(out);
          let r = this.spark.read.format(rt.format).options(rt.readOptions ?? {});
          if (rt.readSchema !== undefined) r = r.schema(rt.readSchema);
          return this.#collectAll(r.load(out), false);
        });
        this.results.set(run.key, result);
      } catch (e) {
        this.results.set(run.key, errorOf(e));
      }
    }
  }
}
