/**
 * Writes tests/parity/cases/csv.json: CSV read cases (file texts crossed with option sets)
 * and write/round-trip cases. Expected results are never written here: the oracle (Spark)
 * computes them. Run: `npx tsx tests/parity/gen/csv.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

type Options = Readonly<Record<string, string>>;

interface ReadCase {
  readonly id: string;
  readonly files: Readonly<Record<string, string>>;
  readonly format: "csv";
  readonly options: Options;
  readonly schema?: string;
}

interface RoundTripCase {
  readonly id: string;
  readonly roundtrip: {
    readonly format: "csv";
    readonly options: Options;
    readonly data: string;
    readonly readOptions: Options;
  };
}

/** File texts that stress one tokenizer feature each. */
const TEXTS: Readonly<Record<string, string>> = {
  basic: "a,b,c\n1,x,2.5\n2,y,3.5\n",
  noFinalNewline: "a,b\n1,x\n2,y",
  blankBeforeHeader: "\n\na,b\n1,2\n3,4\n",
  blankBetween: "a,b\n1,2\n\n3,4\n\n\n5,6\n",
  blankCrlf: "\r\n\r\na,b\r\n1,2\r\n\r\n3,4\r\n",
  wsOnlyLines: "a,b\n1,2\n   \n3,4\n\t\n",
  wsBeforeHeader: "  \na,b\n1,2\n",
  rfcQuoteHeader: 'a,"we""ird"\n1,2\n3,4\n',
  rfcQuoteData: 'a,b\n1,"x""y"\n2,z\n',
  rfcQuoteOnly: 'a,b\n1,""""\n2,z\n',
  unescapedQuotes: 'a,b\n1,a"b\n2,cc"c\n',
  sparkUnescaped: '"a"b,ccc,ddd\nab,cc"c,ddd"\n',
  quoteAfterClose: 'a,b\n1,"x"y\n2,z\n',
  unbalancedQuote: 'a,b\n1,"abc\n2,def\n',
  unbalancedLast: 'a,b\n1,x\n2,"abc\n',
  backslashEscape: 'a,b\n1,"x\\"y"\n2,z\n',
  backslashOutside: "a,b\n1,x\\y\n2,z\\\n",
  quotedDelimiter: 'a,b,c\n1,"x,y",z\n2,"",w\n',
  quotedEmpty: 'a,b\n1,""\n2,\n3,"-"\n',
  crlf: "a,b\r\n1,2\r\n3,4\r\n",
  crOnly: "a,b\r1,2\r3,4\r",
  bom: "\uFEFFa,b\n1,2\n",
  bomCrlf: "\uFEFFid,name\r\n1,x\r\n2,y\r\n",
  comments: "#head\na,b\n1,2\n#mid\n3,4\n",
  commentNotFirst: "a,b\n1,#2\n3,4\n",
  multilineQuoted: 'a,b\n1,"x\ny"\n2,z\n',
  multilineCrlf: 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n',
  tooFew: "a,b,c\n1,2,3\n4,5\n6,7,8\n",
  tooMany: "a,b\n1,2\n3,4,5\n6,7\n",
  badInt: "a,b\n1,2\nx,3\n4,5\n",
  blankBeforeBad: "a,b\n1,2\n\nx,3\n4,5\n",
  orderMixed: "a,b\n1,2\n2,x\n3,4\n4\n5,6\n6,7,8\n7,8\n",
  specialDoubles: "a,b,c,d,e\nNaN,INF,Infinity,-Inf,1.5\n1.0,-Infinity,+Infinity,NaN,2\n",
  nanOnly: "a\nNaN\n1.5\n",
  infOnly: "a\nInf\n-Inf\n",
  trimmedDate: "a,b\n 2024-01-02 ,1\n2024-01-03, 2\n",
  dates: "d,t\n2024-01-02,2024-01-02 10:00:00\n2024-02-03,2024-02-03T11:30:00\n",
  mixedDateTs: "x\n2024-01-02\n2024-01-02 10:00:00\n",
  booleans: "a,b\ntrue,TRUE\nfalse,False\n,true\n",
  longs: "a,b\n1,3000000000\n2,9223372036854775807\n",
  decimals: "a\n12345678901234567890\n1\n",
  bigDecimal: "a\n1234567890123456789012345678901234567890\n",
  mixedNumStr: "a,b\n1,x\n2.5,y\nz,3\n",
  nullValueDash: 'a,b\n1,-\n-,""\n"-",x\n',
  emptyStrings: 'a,b\n1,\n2,""\n,3\n',
  leadingTrailingWs: "a,b\n  x  , 1 \n y,2\n",
  quotedWs: 'a,b\n"  x  ", 1 \n',
  semicolon: "a;b\n1;x,y\n2;z\n",
  tab: "a\tb\n1\tx y\n2\tz\n",
  multiCharSep: "a||b\n1||x\n2||y\n",
  singleQuote: "a,b\n1,'x,y'\n2,'it''s'\n",
  dupHeader: "a,A,b,a\n1,2,3,4\n",
  emptyHeaderName: "a,,c\n1,2,3\n",
  headerOnly: "a,b\n",
  emptyFile: "",
  onlyBlank: "\n\n",
  trailingSep: "a,b,\n1,2,\n3,4,\n",
  oneColumn: "a\n1\n\n2\n",
  oneColumnEmpty: 'a\n1\n""\n2\n',
  unicode: "name,city\nJosé,Zürich\n李,北京\n",
};

/** Option sets applied to every text. */
const OPTION_SETS: Readonly<Record<string, Options>> = {
  header: { header: "true" },
  infer: { header: "true", inferSchema: "true" },
  noHeader: { header: "false" },
  ml: { header: "true", inferSchema: "true", multiLine: "true" },
};

/** Extra cases: one text with options chosen for it. */
const EXTRA: readonly (readonly [string, string, Options, string?])[] = [
  [
    "wsOnlyLines",
    "trimBoth",
    { header: "true", ignoreLeadingWhiteSpace: "true", ignoreTrailingWhiteSpace: "true" },
  ],
  ["wsOnlyLines", "trimLeading", { header: "true", ignoreLeadingWhiteSpace: "true" }],
  [
    "wsBeforeHeader",
    "trimBoth",
    { header: "true", ignoreLeadingWhiteSpace: "true", ignoreTrailingWhiteSpace: "true" },
  ],
  [
    "leadingTrailingWs",
    "trimBoth",
    { header: "true", ignoreLeadingWhiteSpace: "true", ignoreTrailingWhiteSpace: "true" },
  ],
  [
    "leadingTrailingWs",
    "trimInfer",
    {
      header: "true",
      inferSchema: "true",
      ignoreLeadingWhiteSpace: "true",
      ignoreTrailingWhiteSpace: "true",
    },
  ],
  [
    "quotedWs",
    "trimBoth",
    { header: "true", ignoreLeadingWhiteSpace: "true", ignoreTrailingWhiteSpace: "true" },
  ],
  ["trimmedDate", "schema", { header: "true" }, "a DATE, b INT"],
  ["rfcQuoteHeader", "failfast", { header: "true", mode: "FAILFAST" }],
  ["rfcQuoteData", "escapeQuote", { header: "true", escape: '"' }],
  ["rfcQuoteHeader", "escapeQuote", { header: "true", escape: '"' }],
  ["backslashEscape", "escapeQuote", { header: "true", escape: '"' }],
  ["unescapedQuotes", "failfastStrings", { header: "true", mode: "FAILFAST" }],
  ["singleQuote", "quoteSingle", { header: "true", quote: "'" }],
  ["singleQuote", "quoteSingleEscape", { header: "true", quote: "'", escape: "'" }],
  ["quotedDelimiter", "quoteOff", { header: "true", quote: "" }],
  ["semicolon", "sep", { header: "true", sep: ";" }],
  ["tab", "sepTab", { header: "true", sep: "\\t" }],
  ["multiCharSep", "sepMulti", { header: "true", sep: "||" }],
  ["comments", "comment", { header: "true", comment: "#" }],
  ["comments", "commentInfer", { header: "true", inferSchema: "true", comment: "#" }],
  ["commentNotFirst", "comment", { header: "true", comment: "#" }],
  ["multilineQuoted", "multiLine", { header: "true", multiLine: "true" }],
  ["multilineCrlf", "multiLine", { header: "true", multiLine: "true" }],
  ["crOnly", "lineSepCr", { header: "true", lineSep: "\r" }],
  ["crlf", "lineSepCrlf", { header: "true", lineSep: "\r\n" }],
  ["basic", "latin1", { header: "true", encoding: "ISO-8859-1" }],
  ["unicode", "latin1", { header: "true", encoding: "ISO-8859-1" }],
  ["basic", "sampling", { header: "true", inferSchema: "true", samplingRatio: "1.0" }],
  ["nullValueDash", "nullDash", { header: "true", nullValue: "-" }],
  ["nullValueDash", "nullDashInfer", { header: "true", inferSchema: "true", nullValue: "-" }],
  ["quotedEmpty", "nullDash", { header: "true", nullValue: "-" }],
  ["emptyStrings", "emptyValue", { header: "true", emptyValue: "E" }],
  ["emptyStrings", "nullValueX", { header: "true", nullValue: "x" }],
  [
    "specialDoubles",
    "schema",
    { header: "true" },
    "a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e DOUBLE",
  ],
  ["specialDoubles", "nanValue", { header: "true", inferSchema: "true", nanValue: "NaN" }],
  ["dates", "dateFormat", { header: "true", inferSchema: "true", dateFormat: "yyyy-MM-dd" }],
  ["dates", "noPreferDate", { header: "true", inferSchema: "true", preferDate: "false" }],
  ["dupHeader", "caseSensitiveOff", { header: "true", inferSchema: "true" }],
  ["headerOnly", "schema", { header: "true" }, "a INT, b STRING"],
  ["emptyFile", "schema", { header: "true" }, "a INT, b STRING"],
  ["trailingSep", "infer2", { header: "false", inferSchema: "true" }],
  ["comments", "commentMl", { header: "true", comment: "#", multiLine: "true" }],
  ["wsOnlyLines", "trimMl", { header: "true", multiLine: "true", ignoreLeadingWhiteSpace: "true" }],
  ["dates", "sampling", { header: "true", inferSchema: "true", samplingRatio: "0.99" }],
  ["crOnly", "lineSepCrMl", { header: "true", lineSep: "\r", multiLine: "true" }],
  ["semicolon", "sepMl", { header: "true", sep: ";", multiLine: "true" }],
  ["quotedWs", "trimLeadingOnly", { header: "true", ignoreLeadingWhiteSpace: "true" }],
  ["quotedWs", "trimTrailingOnly", { header: "true", ignoreTrailingWhiteSpace: "true" }],
  ["singleQuote", "quoteSingleMl", { header: "true", quote: "'", multiLine: "true" }],
];

const MODES = ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"] as const;

/** Malformed inputs also read with multiLine (records there are not lines). */
const MALFORMED_ML = [
  "tooFew",
  "tooMany",
  "badInt",
  "blankBeforeBad",
  "multilineQuoted",
  "unbalancedQuote",
];

/** Malformed inputs read in every mode, with and without the corrupt-record column. */
const MALFORMED: readonly (readonly [string, string])[] = [
  ["tooFew", "a INT, b INT, c INT"],
  ["tooMany", "a INT, b INT"],
  ["badInt", "a INT, b INT"],
  ["blankBeforeBad", "a INT, b INT"],
  ["orderMixed", "a INT, b INT"],
  ["unescapedQuotes", "a INT, b STRING"],
  ["unbalancedQuote", "a INT, b STRING"],
  ["dates", "d DATE, t TIMESTAMP"],
  ["mixedNumStr", "a DOUBLE, b STRING"],
];

const UNESCAPED = [
  "STOP_AT_DELIMITER",
  "STOP_AT_CLOSING_QUOTE",
  "BACK_TO_DELIMITER",
  "SKIP_VALUE",
  "RAISE_ERROR",
] as const;

const QUOTE_TEXTS = [
  "unescapedQuotes",
  "sparkUnescaped",
  "quoteAfterClose",
  "unbalancedLast",
  "rfcQuoteData",
] as const;

function readCase(text: string, name: string, options: Options, schema?: string): ReadCase {
  const content = TEXTS[text];
  if (content === undefined) throw new Error(`unknown text ${text}`);
  return {
    id: `csv.read.${text}.${name}`,
    files: { "data.csv": content },
    format: "csv",
    options,
    ...(schema === undefined ? {} : { schema }),
  };
}

function readCases(): ReadCase[] {
  const out: ReadCase[] = [];
  for (const text of Object.keys(TEXTS))
    for (const [name, options] of Object.entries(OPTION_SETS)) {
      // An empty input has no schema to infer: Spark's answer is an empty frame or an error.
      out.push(readCase(text, name, options));
    }
  for (const [text, name, options, schema] of EXTRA)
    out.push(readCase(text, name, options, schema));
  for (const [text, schema] of MALFORMED)
    for (const mode of MODES) {
      out.push(readCase(text, mode.toLowerCase(), { header: "true", mode }, schema));
      if (mode !== "FAILFAST")
        out.push(
          readCase(
            text,
            `${mode.toLowerCase()}Corrupt`,
            { header: "true", mode, columnNameOfCorruptRecord: "_bad" },
            `${schema}, _bad STRING`,
          ),
        );
    }
  for (const text of MALFORMED_ML)
    for (const mode of ["PERMISSIVE", "DROPMALFORMED"] as const)
      out.push(
        readCase(
          text,
          `${mode.toLowerCase()}CorruptMl`,
          { header: "true", mode, multiLine: "true", columnNameOfCorruptRecord: "_bad" },
          text === "multilineQuoted" || text === "unbalancedQuote"
            ? "a INT, b STRING, _bad STRING"
            : text === "tooFew"
              ? "a INT, b INT, c INT, _bad STRING"
              : "a INT, b INT, _bad STRING",
        ),
      );
  for (const text of QUOTE_TEXTS)
    for (const handling of UNESCAPED)
      out.push(
        readCase(text, `unescaped_${handling}`, {
          header: "false",
          unescapedQuoteHandling: handling,
        }),
      );
  // Several files: order and per-file headers.
  out.push({
    id: "csv.read.twoFiles.blankHeaders",
    files: { "part-0.csv": "\na,b\n1,2\n", "part-1.csv": "a,b\n3,4\n\n5,6\n" },
    format: "csv",
    options: { header: "true", inferSchema: "true" },
  });
  return out;
}

/** Datasets for the round trips (tests/parity/data/csv-*.json). */
const DATASETS: Readonly<Record<string, { schema: string; rows: unknown[][] }>> = {
  "csv-quotes": {
    schema: "id INT, s STRING",
    rows: [
      [1, 'say "hi"'],
      [2, "back\\slash"],
      [3, 'both \\" mixed'],
      [4, "a,b"],
      [5, ""],
      [6, null],
      [7, "line\nbreak"],
      [8, "  padded  "],
      [9, '"'],
      [10, "\\"],
    ],
  },
  "csv-types": {
    schema: "i INT, l BIGINT, d DOUBLE, b BOOLEAN, dt DATE, s STRING",
    rows: [
      [1, 10, 1.5, true, { $date: "2024-01-02" }, "x"],
      [null, null, null, null, null, null],
      [
        -1,
        { $long: "-9223372036854775808" },
        { $double: "NaN" },
        false,
        { $date: "0001-01-01" },
        "",
      ],
      [2, 3, { $double: "Infinity" }, true, { $date: "2024-12-31" }, "-"],
    ],
  },
};

const ROUND_TRIP_OPTIONS: Readonly<Record<string, readonly [Options, Options]>> = {
  defaults: [{}, {}],
  header: [{ header: "true" }, { header: "true" }],
  quoteAll: [{ quoteAll: "true" }, {}],
  noEscapeQuotes: [{ escapeQuotes: "false" }, {}],
  escapeQuote: [{ escape: '"' }, { escape: '"' }],
  nullValue: [{ nullValue: "NULL" }, { nullValue: "NULL" }],
  emptyValue: [{ emptyValue: "EMPTY" }, {}],
  sepPipe: [{ sep: "|" }, { sep: "|" }],
  quoteSingle: [{ quote: "'" }, { quote: "'" }],
  charToEscape: [{ charToEscapeQuoteEscaping: "\\" }, {}],
  ignoreWsFalse: [{ ignoreLeadingWhiteSpace: "false", ignoreTrailingWhiteSpace: "false" }, {}],
  multiLine: [{}, { multiLine: "true" }],
};

function roundTripCases(): RoundTripCase[] {
  const out: RoundTripCase[] = [];
  for (const data of Object.keys(DATASETS))
    for (const [name, [options, readOptions]] of Object.entries(ROUND_TRIP_OPTIONS))
      out.push({
        id: `csv.roundtrip.${data}.${name}`,
        roundtrip: { format: "csv", options, data, readOptions },
      });
  return out;
}

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const cases = [...readCases(), ...roundTripCases()];
const ids = new Set(cases.map((c) => c.id));
if (ids.size !== cases.length) throw new Error("duplicate case ids");
mkdirSync(resolve(root, "cases"), { recursive: true });
mkdirSync(resolve(root, "data"), { recursive: true });
writeFileSync(resolve(root, "cases/csv.json"), `${JSON.stringify(cases, null, 2)}\n`);
for (const [name, dataset] of Object.entries(DATASETS))
  writeFileSync(resolve(root, `data/${name}.json`), `${JSON.stringify(dataset, null, 2)}\n`);
console.log(`${cases.length} cases`);
