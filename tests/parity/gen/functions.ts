/**
 * Generates tests/parity/cases/functions.json: the core, math, conditional, hashing and misc
 * functions of docs/functions.md, each over every column of the edge dataset it takes.
 * Run `npx tsx tests/parity/gen/functions.ts` after editing; commit the JSON with it.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface Case {
  id: string;
  data: string;
  select: string[];
  orderBy?: string[];
  ulps?: number;
}

/** The edge dataset's columns, each with a literal of its own type. */
const COLUMNS: Readonly<Record<string, string>> = {
  s: "'z'",
  i: "0",
  l: "0L",
  d: "0D",
  f: "CAST(0 AS FLOAT)",
  dec: "0BD",
  b: "false",
  dt: "DATE'2000-01-01'",
  ts: "TIMESTAMP'2000-01-01 00:00:00'",
  bin: "X'00'",
  arr: "array(0)",
};
const NUMERIC = ["i", "l", "d", "f", "dec", "s"];
const INTEGRAL = ["i", "l"];
const ALL = Object.keys(COLUMNS);

const cases: Case[] = [];
function add(id: string, select: string[], extra: Partial<Case> = {}): void {
  cases.push({ id, data: "edge", select, ...extra });
}
function perColumn(
  family: string,
  name: string,
  cols: readonly string[],
  exprs: (c: string) => string[],
  extra: Partial<Case> = {},
): void {
  for (const c of cols) add(`${family}.${name}.${c}`, exprs(c), extra);
}

// ------------------------------------------------------------------ core
perColumn("core", "col", ALL, (c) => [c, `\`${c}\``]);
perColumn("core", "isnull", ALL, (c) => [`isnull(${c})`, `isnotnull(${c})`, `${c} IS NULL`]);
perColumn("core", "coalesce", ALL, (c) => [
  `coalesce(${c}, ${COLUMNS[c]})`,
  `coalesce(NULL, ${c})`,
]);
perColumn("core", "when", ALL, (c) => [
  `CASE WHEN ${c} IS NULL THEN 'null' WHEN isnotnull(${c}) THEN 'value' END`,
  `CASE WHEN ${c} IS NOT NULL THEN ${c} ELSE ${COLUMNS[c]} END`,
]);
perColumn("core", "isnan", ["d", "f", "i", "dec", "s"], (c) => [`isnan(${c})`]);
add("core.not", ["NOT b", "!b", "not(b)", "NOT (i > 0)"]);
add("core.lit", [
  "1",
  "2147483648",
  "9223372036854775807L",
  "1.5D",
  "1.5",
  "1e10",
  "'text'",
  "NULL",
  "true",
  "X'0AFF'",
  "DATE'2024-02-29'",
  "TIMESTAMP'2024-02-29 12:34:56.123456'",
  "array(1, NULL)",
  "map('a', 1)",
  "named_struct('x', 1, 'y', 'z')",
  "CAST(NULL AS INT)",
]);
add("core.expr", ["i + 1", "l * 2", "s || '!'", "d / 2", "i % 3", "-i", "+d"]);
for (const [order, name] of [
  ["ASC", "asc"],
  ["DESC", "desc"],
  ["ASC NULLS LAST", "asc_nulls_last"],
  ["DESC NULLS FIRST", "desc_nulls_first"],
] as const) {
  for (const c of ["s", "i", "l", "d", "dec", "dt", "ts", "bin"])
    add(`core.${name}.${c}`, [c], { orderBy: [`${c} ${order}`, "__i"] });
}

// ------------------------------------------------------------------ math
const TRANSCENDENTAL = [
  "sqrt",
  "cbrt",
  "exp",
  "expm1",
  "ln",
  "log10",
  "log2",
  "log1p",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "degrees",
  "radians",
];
for (const fn of TRANSCENDENTAL)
  perColumn("math", fn, NUMERIC, (c) => [`${fn}(${c})`], { ulps: 1 });
for (const fn of ["abs", "floor", "ceil", "signum", "sign", "negative", "positive"])
  perColumn("math", fn, NUMERIC, (c) => [`${fn}(${c})`]);
perColumn("math", "round", NUMERIC, (c) => [`round(${c})`, `round(${c}, 2)`, `round(${c}, -1)`]);
perColumn("math", "bround", NUMERIC, (c) => [
  `bround(${c})`,
  `bround(${c}, 2)`,
  `bround(${c}, -1)`,
]);
perColumn("math", "pow", NUMERIC, (c) => [`pow(${c}, 2)`, `power(2, ${c})`, `pow(${c}, 0.5)`], {
  ulps: 1,
});
perColumn("math", "log", NUMERIC, (c) => [`log(${c})`, `log(2, ${c})`, `log(${c}, 8)`], {
  ulps: 1,
});
perColumn("math", "pmod", NUMERIC, (c) => [`pmod(${c}, 3)`, `pmod(${c}, -3)`, `pmod(7, ${c})`]);
perColumn("math", "greatest", NUMERIC, (c) => [`greatest(${c}, 0)`, `least(${c}, 0)`]);
perColumn("math", "greatest_all", ["dt", "ts", "b", "bin"], (c) => [
  `greatest(${c}, ${COLUMNS[c]})`,
  `least(${c}, ${COLUMNS[c]})`,
]);
perColumn("math", "atan2", NUMERIC, (c) => [`atan2(${c}, 1)`, `atan2(1, ${c})`], { ulps: 1 });
perColumn("math", "hypot", NUMERIC, (c) => [`hypot(${c}, 3)`], { ulps: 1 });
perColumn("math", "factorial", ["i", "l", "s"], (c) => [`factorial(${c})`]);
perColumn("math", "shift", INTEGRAL, (c) => [
  `shiftleft(${c}, 1)`,
  `shiftright(${c}, 1)`,
  `shiftleft(${c}, 33)`,
]);
// bitwise_not is the DataFrame API's name for SQL's `~`.
perColumn("math", "bitwise_not", INTEGRAL, (c) => [`~${c}`]);
perColumn("math", "hex", ["i", "l", "s", "bin"], (c) => [`hex(${c})`]);
perColumn("math", "unhex", ["s"], (c) => [`unhex(${c})`, `unhex(hex(${c}))`]);
perColumn("math", "bin", ["i", "l"], (c) => [`bin(${c})`]);
add("math.constants", ["e()", "pi()"]);
add("math.rand", ["rand() >= 0 AND rand() < 1", "randn() IS NOT NULL"]);
add("math.rand_seeded", ["rand(42)", "randn(42)"]);

// ------------------------------------------------------------------ conditionals
perColumn("cond", "nullif", ALL, (c) => [`nullif(${c}, ${COLUMNS[c]})`, `nullif(${c}, ${c})`]);
perColumn("cond", "nvl", ALL, (c) => [`nvl(${c}, ${COLUMNS[c]})`, `ifnull(${c}, ${COLUMNS[c]})`]);
perColumn("cond", "nvl2", ALL, (c) => [`nvl2(${c}, 'set', 'unset')`]);
perColumn("cond", "nanvl", ["d", "f"], (c) => [`nanvl(${c}, 0D)`, `nanvl(${c}, NULL)`]);
perColumn("cond", "if", ALL, (c) => [`if(${c} IS NULL, ${COLUMNS[c]}, ${c})`]);
perColumn("cond", "case_simple", ["i", "s", "b"], (c) => [
  `CASE ${c} WHEN ${COLUMNS[c]} THEN 'zero' ELSE 'other' END`,
]);

// ------------------------------------------------------------------ hashing
for (const c of ["s", "bin"]) {
  add(`hash.md5.${c}`, [`md5(${c})`]);
  add(`hash.sha1.${c}`, [`sha1(${c})`, `sha(${c})`]);
  add(
    `hash.sha2.${c}`,
    [224, 256, 384, 512, 0].map((n) => `sha2(${c}, ${n})`),
  );
  add(`hash.crc32.${c}`, [`crc32(${c})`]);
}
// Hashes of every column's text: also checks CAST(x AS STRING) of every type against Spark.
for (const fn of ["md5", "sha1", "crc32", "sha2"]) {
  const args = fn === "sha2" ? ", 256" : "";
  perColumn("hash", `${fn}_text`, ALL, (c) => [`${fn}(CAST(${c} AS STRING)${args})`]);
}
perColumn("hash", "hash", ALL, (c) => [`hash(${c})`, `hash(${c}, 1)`]);
perColumn("hash", "xxhash64", ALL, (c) => [`xxhash64(${c})`]);

// ------------------------------------------------------------------ misc (nondeterministic: checked by property)
add("misc.monotonically_increasing_id", ["monotonically_increasing_id() >= 0"]);
add("misc.uuid", ["length(uuid())", "uuid() = uuid()"]);
add("misc.spark_partition_id", ["spark_partition_id() >= 0"]);

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, "..", "cases", "functions.json"), `${JSON.stringify(cases, null, 1)}\n`);
console.log(`wrote ${cases.length} cases`);
