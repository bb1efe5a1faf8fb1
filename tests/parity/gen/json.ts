/**
 * Generates tests/parity/cases/json.json: JSON read cases for the differential runner,
 * built from small tables (value kinds, conflicts between rows, parser options, modes, user
 * schemas, file layouts). Expected results are never written here: the oracle (Spark)
 * computes them. Run: `npx tsx tests/parity/gen/json.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface ReadCase {
  readonly id: string;
  readonly files: Readonly<Record<string, string>>;
  readonly format: "json";
  readonly options: Readonly<Record<string, string>>;
  readonly schema?: string;
  readonly path?: string;
}

const cases: ReadCase[] = [];
function add(
  id: string,
  text: string | Record<string, string>,
  options: Record<string, string> = {},
  schema?: string,
  path?: string,
): void {
  const files = typeof text === "string" ? { "data.json": text } : text;
  cases.push({
    id: `json.${id}`,
    files,
    format: "json",
    options,
    ...(schema === undefined ? {} : { schema }),
    ...(path === undefined ? {} : { path }),
  });
}

/** One JSON value of each kind the inference tells apart. */
const KINDS: Readonly<Record<string, string>> = {
  int: "1",
  negInt: "-42",
  long: "9223372036854775807",
  bigInt: "12345678901234567890",
  bigNeg: "-9223372036854775809",
  int39: "123456789012345678901234567890123456789",
  float: "1.5",
  floatZeros: "1.50",
  exp: "1e2",
  negZero: "-0.0",
  maxDouble: "1.7976931348623157E308",
  nan: "NaN",
  inf: "Infinity",
  negInf: "-Infinity",
  str: '"x"',
  emptyStr: '""',
  dateStr: '"2020-01-01"',
  tsStr: '"2020-01-01T10:00:00"',
  bool: "true",
  nul: "null",
  obj: '{"b":1}',
  emptyObj: "{}",
  arr: "[1,2]",
  arrMixed: '[1,"x",true]',
  emptyArr: "[]",
  arrObj: '[{"b":1},{"c":"x"}]',
  arrNull: "[null]",
  nested: '{"b":{"c":[1.5,2]}}',
};

// Each kind alone, and with every primitive option that changes its inference.
for (const [k, v] of Object.entries(KINDS)) {
  add(`kind.${k}`, `{"a":${v},"z":0}\n`);
  add(`kind.${k}.primitivesAsString`, `{"a":${v},"z":0}\n`, { primitivesAsString: "true" });
}
for (const k of ["float", "floatZeros", "bigInt", "str", "emptyStr"]) {
  add(`kind.${k}.prefersDecimal`, `{"a":${KINDS[k]},"z":0}\n`, { prefersDecimal: "true" });
}
for (const k of ["dateStr", "tsStr", "str", "emptyStr"]) {
  add(`kind.${k}.inferTimestamp`, `{"a":${KINDS[k]},"z":0}\n`, { inferTimestamp: "true" });
}
for (const k of ["nul", "emptyObj", "emptyArr", "arrNull"]) {
  add(`kind.${k}.dropFieldIfAllNull`, `{"a":${KINDS[k]},"z":0}\n`, { dropFieldIfAllNull: "true" });
}

// Two rows of different kinds: how the field's type widens.
const PAIRS: readonly (readonly [string, string])[] = [
  ["int", "float"],
  ["int", "bigInt"],
  ["bigInt", "float"],
  ["bigInt", "int39"],
  ["int", "str"],
  ["float", "str"],
  ["int", "bool"],
  ["bool", "str"],
  ["int", "nul"],
  ["int", "emptyStr"],
  ["str", "emptyStr"],
  ["int", "obj"],
  ["int", "arr"],
  ["obj", "arr"],
  ["obj", "emptyObj"],
  ["obj", "nested"],
  ["arr", "arrMixed"],
  ["arr", "emptyArr"],
  ["arr", "arrObj"],
  ["nan", "int"],
  ["dateStr", "tsStr"],
  ["exp", "floatZeros"],
];
for (const [x, y] of PAIRS) {
  add(`merge.${x}.${y}`, `{"a":${KINDS[x]}}\n{"a":${KINDS[y]}}\n`);
  add(`merge.${y}.${x}`, `{"a":${KINDS[y]}}\n{"a":${KINDS[x]}}\n`);
}
add("merge.bigInt.float.prefersDecimal", `{"a":${KINDS.bigInt}}\n{"a":1.5}\n`, {
  prefersDecimal: "true",
});
add("merge.conflict.tsStr.str.inferTimestamp", `{"a":${KINDS.tsStr}}\n{"a":"x"}\n`, {
  inferTimestamp: "true",
});
add("merge.fields.across.rows", '{"b":1}\n{"a":"x"}\n{"c":{"d":[1]}}\n');
add(
  "merge.files",
  { "a.json": '{"a":1}\n{"b":"x"}\n', "b.json": '{"a":2.5}\n' },
  {},
  undefined,
  ".",
);

// Parser options: each off (the text is malformed) and on.
const LENIENT: readonly (readonly [string, string, boolean])[] = [
  ["allowComments", '{"a":1} // c\n/* x */ {"a":2}\n', false],
  ["allowUnquotedFieldNames", "{a:1, b_c:2}\n", false],
  ["allowSingleQuotes", "{'a':'x'}\n", true],
  ["allowNumericLeadingZeros", '{"a":007}\n{"a":1}\n', false],
  ["allowNonNumericNumbers", '{"a":NaN}\n{"a":-Infinity}\n{"a":1}\n', true],
  ["allowBackslashEscapingAnyCharacter", '{"a":"\\q"}\n{"a":"ok"}\n', false],
  ["allowUnquotedControlChars", '{"a":"x\ty"}\n{"a":"ok"}\n', false],
];
for (const [option, text, byDefault] of LENIENT) {
  add(`option.${option}.default`, text);
  add(`option.${option}.${byDefault ? "false" : "true"}`, text, {
    [option]: byDefault ? "false" : "true",
  });
}

// Malformed records in every mode, inferred and with a schema.
const MALFORMED = '{"a":1}\n{"a":\n not json\n[1,2]\n"str"\n5\n{"a":"x"}\n{"a":2,}\n';
for (const mode of ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"]) {
  add(`mode.${mode}.inferred`, MALFORMED, { mode });
  add(`mode.${mode}.schema`, MALFORMED, { mode }, "a INT, _corrupt_record STRING");
}
add("mode.columnNameOfCorruptRecord", MALFORMED, { columnNameOfCorruptRecord: "bad" });
add("mode.corrupt.not.in.schema", MALFORMED, {}, "a INT");

// A user schema reading each kind of value.
const TARGETS = [
  "INT",
  "BIGINT",
  "DOUBLE",
  "DECIMAL(10,2)",
  "BOOLEAN",
  "STRING",
  "DATE",
  "TIMESTAMP",
];
const VALUES = ["1", "1.005", '"12"', "true", '""', "null", '"2020-01-02"', '"NaN"', "[1]"];
for (const t of TARGETS) {
  const text = VALUES.map((v) => `{"a":${v}}`).join("\n");
  add(
    `schema.${t.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`,
    `${text}\n`,
    {},
    `a ${t}, _corrupt_record STRING`,
  );
}
add(
  "schema.nested.struct",
  '{"s":{"a":1,"b":"x"}}\n{"s":{"a":"y"}}\n',
  {},
  "s STRUCT<a: INT>, _corrupt_record STRING",
);
add(
  "schema.array.int",
  '{"a":[1,2]}\n{"a":[1,"x"]}\n{"a":{"b":1}}\n',
  {},
  "a ARRAY<INT>, _corrupt_record STRING",
);
add(
  "schema.map",
  '{"m":{"x":1,"y":2}}\n{"m":{"x":"y"}}\n',
  {},
  "m MAP<STRING,INT>, _corrupt_record STRING",
);
add(
  "schema.string.of.subtrees",
  '{"a":{"x":1},"b":[1, 2],"c":1.50e1}\n',
  {},
  "a STRING, b STRING, c STRING",
);
add(
  "schema.timestampFormat",
  '{"t":"01/02/2020 10:00"}\n',
  { timestampFormat: "MM/dd/yyyy HH:mm" },
  "t TIMESTAMP",
);
add("schema.dateFormat", '{"d":"02.01.2020"}\n', { dateFormat: "dd.MM.yyyy" }, "d DATE");
add("schema.epoch.seconds", '{"t":1577836800}\n', {}, "t TIMESTAMP");

// Whole-file JSON.
add("multiLine.array", '[\n {"a": 1},\n {"a": 2}\n]\n', { multiLine: "true" });
add("multiLine.object", '{\n "a": {"b": 1}\n}\n', { multiLine: "true" });
add("multiLine.concatenated", '{"a":1}{"a":2}', { multiLine: "true" });
add("multiLine.lines", '{"a":1}\n{"a":2}\n{"a":3}\n', { multiLine: "true" });
add("multiLine.array.then.object", '[{"a":1},{"a":2}]{"a":3}', { multiLine: "true" });
add(
  "multiLine.invalid",
  '[{"a": 1}, {"a": ',
  { multiLine: "true" },
  "a INT, _corrupt_record STRING",
);
add(
  "multiLine.mixed.array",
  '[{"a":1}, 5, {"a":2}]',
  { multiLine: "true" },
  "a INT, _corrupt_record STRING",
);

// Layout: separators, blank lines, BOM, root arrays, keys.
add("layout.lineSep", '{"a":1}|{"a":2}|', { lineSep: "|" });
add("layout.crlf", '{"a":1}\r\n{"a":2}\r\n');
add("layout.cr", '{"a":1}\r{"a":2}\r');
add("layout.blank.lines", '\n{"a":1}\n\n  \n{"a":2}\n');
add("layout.bom", '\ufeff{"a":1}\n{"a":2}\n');
add("layout.no.final.newline", '{"a":1}\n{"a":2}');
add("layout.root.array", '[{"a":1},{"a":2}]\n{"a":3}\n');
add("layout.root.empty.array", '[]\n{"a":3}\n');
add("layout.text.after.record", '{"a":1} x\n{"a":2}{"a":3}\n');
add("layout.key.order", '{"b":1,"a":2,"_c":3}\n');
add("layout.case.duplicate.keys", '{"a":1,"A":2}\n');
add("layout.empty.key", '{"":1,"a":2}\n');
add("layout.escapes", '{"a":"\\u00e9\\n\\t\\"x","b":"\\/"}\n');
add("layout.unicode", '{"名前":"値","a":"😀"}\n');

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "cases", "json.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(cases, null, 2)}\n`);
console.log(`${cases.length} cases -> ${out}`);
