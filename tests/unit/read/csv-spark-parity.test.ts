/**
 * CSV reads that must answer what Spark 4.0.1 answers (non-ANSI, UTC). Every expected value
 * below is PySpark 4.0.1's output for the same file text and options (schema as Spark's
 * simple string; timestamps as ISO text without zone; NaN and infinities as text), produced
 * by reading with PySpark and copied unchanged. The cases also live in
 * tests/parity/cases/csv.json for the differential runner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { readNode, startEngine, tempDir } from "./helpers.js";

let engine: DuckDBEngine;
const tmp = tempDir();
beforeAll(async () => {
  engine = await startEngine("UTC");
});
afterAll(async () => {
  await engine.stop();
  tmp.cleanup();
});

interface Case {
  readonly id: string;
  readonly text: string;
  readonly options: Record<string, string>;
  readonly schema?: string;
  readonly spark: { schema: string; rows: unknown[][] };
}

/** Values as the PySpark side printed them. */
function asSpark(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return v;
  }
  if (v instanceof Date) return v.toISOString().replace(/(\.000)?Z$/, "");
  return v;
}

const CASES: readonly Case[] = [
  {
    id: "blankBeforeHeader.infer",
    text: "\n\na,b\n1,2\n3,4\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:int,b:int>",
      rows: [
        [1, 2],
        [3, 4],
      ],
    },
  },
  {
    id: "blankBetween.infer",
    text: "a,b\n1,2\n\n3,4\n\n\n5,6\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:int,b:int>",
      rows: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    },
  },
  {
    id: "blankCrlf.header",
    text: "\r\n\r\na,b\r\n1,2\r\n\r\n3,4\r\n",
    options: { header: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
    },
  },
  {
    id: "wsOnlyLines.trimBoth",
    text: "a,b\n1,2\n   \n3,4\n\t\n",
    options: { header: "true", ignoreLeadingWhiteSpace: "true", ignoreTrailingWhiteSpace: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
    },
  },
  {
    id: "wsBeforeHeader.infer",
    text: "  \na,b\n1,2\n",
    options: { header: "true", inferSchema: "true" },
    spark: { schema: "struct<a:int,b:int>", rows: [[1, 2]] },
  },
  {
    id: "wsOnlyLineMid.infer",
    text: "a,b\n1,2\n \t \n3,4\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:int,b:int>",
      rows: [
        [1, 2],
        [3, 4],
      ],
    },
  },
  {
    // A line starting with a space is not blank (the blank-line check looks past its start).
    id: "leadingSpaceValue.infer",
    text: "a,b\n 1,2\n3,4\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:double,b:int>",
      rows: [
        [1, 2],
        [3, 4],
      ],
    },
  },
  {
    id: "blankThenLeadingSpace.infer",
    text: "a,b\n1,2\n\n 3,4\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:double,b:int>",
      rows: [
        [1, 2],
        [3, 4],
      ],
    },
  },
  {
    id: "rfcQuoteHeader.failfast",
    text: 'a,"we""ird"\n1,2\n3,4\n',
    options: { header: "true", mode: "FAILFAST" },
    spark: {
      schema: 'struct<a:string,"we""ird":string>',
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
    },
  },
  {
    id: "rfcQuoteData.header",
    text: 'a,b\n1,"x""y"\n2,z\n',
    options: { header: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", '"x""y"'],
        ["2", "z"],
      ],
    },
  },
  {
    id: "rfcQuoteOnly.header",
    text: 'a,b\n1,""""\n2,z\n',
    options: { header: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", '""'],
        ["2", "z"],
      ],
    },
  },
  {
    id: "unescapedQuotes.infer",
    text: 'a,b\n1,a"b\n2,cc"c\n',
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:int,b:string>",
      rows: [
        [1, 'a"b'],
        [2, 'cc"c'],
      ],
    },
  },
  {
    id: "sparkUnescaped.noHeader",
    text: '"a"b,ccc,ddd\nab,cc"c,ddd"\n',
    options: { header: "false" },
    spark: {
      schema: "struct<_c0:string,_c1:string,_c2:string>",
      rows: [
        ['"a"b', "ccc", "ddd"],
        ["ab", 'cc"c', 'ddd"'],
      ],
    },
  },
  {
    id: "quoteAfterClose.header",
    text: 'a,b\n1,"x"y\n2,z\n',
    options: { header: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", '"x"y'],
        ["2", "z"],
      ],
    },
  },
  {
    id: "unbalancedQuote.infer",
    text: 'a,b\n1,"abc\n2,def\n',
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:int,b:string>",
      rows: [
        [1, "abc"],
        [2, "def"],
      ],
    },
  },
  {
    id: "unbalancedQuote.failfast",
    text: 'a,b\n1,"abc\n2,def\n',
    options: { header: "true", mode: "FAILFAST" },
    schema: "a INT, b STRING",
    spark: {
      schema: "struct<a:int,b:string>",
      rows: [
        [1, "abc"],
        [2, "def"],
      ],
    },
  },
  {
    id: "backslashEscape.escapeQuote",
    text: 'a,b\n1,"x\\"y"\n2,z\n',
    options: { header: "true", escape: '"' },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", '"x\\"y"'],
        ["2", "z"],
      ],
    },
  },
  {
    id: "sparkUnescaped.unescaped_STOP_AT_CLOSING_QUOTE",
    text: '"a"b,ccc,ddd\nab,cc"c,ddd"\n',
    options: { header: "false", unescapedQuoteHandling: "STOP_AT_CLOSING_QUOTE" },
    spark: { schema: "struct<_c0:string>", rows: [['a"b,ccc,ddd'], ["ab"]] },
  },
  {
    id: "sparkUnescaped.unescaped_BACK_TO_DELIMITER",
    text: '"a"b,ccc,ddd\nab,cc"c,ddd"\n',
    options: { header: "false", unescapedQuoteHandling: "BACK_TO_DELIMITER" },
    spark: { schema: "struct<_c0:string>", rows: [["ab,ccc,ddd"], ["ab"]] },
  },
  {
    id: "sparkUnescaped.unescaped_SKIP_VALUE",
    text: '"a"b,ccc,ddd\nab,cc"c,ddd"\n',
    options: { header: "false", unescapedQuoteHandling: "SKIP_VALUE" },
    spark: {
      schema: "struct<_c0:string,_c1:string,_c2:string>",
      rows: [
        [null, "ccc", "ddd"],
        ["ab", 'cc"c', 'ddd"'],
      ],
    },
  },
  {
    id: "quoteAfterClose.unescaped_BACK_TO_DELIMITER",
    text: 'a,b\n1,"x"y\n2,z\n',
    options: { header: "false", unescapedQuoteHandling: "BACK_TO_DELIMITER" },
    spark: {
      schema: "struct<_c0:string,_c1:string>",
      rows: [
        ["a", "b"],
        ["1", "xy"],
        ["2", "z"],
      ],
    },
  },
  {
    id: "blankBeforeBad.permissiveCorrupt",
    text: "a,b\n1,2\n\nx,3\n4,5\n",
    options: { header: "true", mode: "PERMISSIVE", columnNameOfCorruptRecord: "_bad" },
    schema: "a INT, b INT, _bad STRING",
    spark: {
      schema: "struct<a:int,b:int,_bad:string>",
      rows: [
        [1, 2, null],
        [null, 3, "x,3"],
        [4, 5, null],
      ],
    },
  },
  {
    id: "blankBeforeBad.dropmalformed",
    text: "a,b\n1,2\n\nx,3\n4,5\n",
    options: { header: "true", mode: "DROPMALFORMED" },
    schema: "a INT, b INT",
    spark: {
      schema: "struct<a:int,b:int>",
      rows: [
        [1, 2],
        [4, 5],
      ],
    },
  },
  {
    id: "orderMixed.permissiveCorrupt",
    text: "a,b\n1,2\n2,x\n3,4\n4\n5,6\n6,7,8\n7,8\n",
    options: { header: "true", mode: "PERMISSIVE", columnNameOfCorruptRecord: "_bad" },
    schema: "a INT, b INT, _bad STRING",
    spark: {
      schema: "struct<a:int,b:int,_bad:string>",
      rows: [
        [1, 2, null],
        [2, null, "2,x"],
        [3, 4, null],
        [4, null, "4"],
        [5, 6, null],
        [6, 7, "6,7,8"],
        [7, 8, null],
      ],
    },
  },
  {
    id: "tooMany.permissiveCorrupt",
    text: "a,b\n1,2\n3,4,5\n6,7\n",
    options: { header: "true", mode: "PERMISSIVE", columnNameOfCorruptRecord: "_bad" },
    schema: "a INT, b INT, _bad STRING",
    spark: {
      schema: "struct<a:int,b:int,_bad:string>",
      rows: [
        [1, 2, null],
        [3, 4, "3,4,5"],
        [6, 7, null],
      ],
    },
  },
  {
    id: "specialDoubles.infer",
    text: "a,b,c,d,e\nNaN,INF,Infinity,-Inf,1.5\n1.0,-Infinity,+Infinity,NaN,2\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:double,b:string,c:double,d:double,e:double>",
      rows: [
        ["NaN", "INF", "Infinity", "-Infinity", 1.5],
        [1.0, "-Infinity", "Infinity", "NaN", 2.0],
      ],
    },
  },
  {
    id: "trimmedDate.infer",
    text: "a,b\n 2024-01-02 ,1\n2024-01-03, 2\n",
    options: { header: "true", inferSchema: "true" },
    spark: {
      schema: "struct<a:timestamp,b:double>",
      rows: [
        ["2024-01-02T00:00:00", 1.0],
        ["2024-01-03T00:00:00", 2.0],
      ],
    },
  },
  {
    id: "quotedEmpty.nullDash",
    text: 'a,b\n1,""\n2,\n3,"-"\n',
    options: { header: "true", nullValue: "-" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", ""],
        ["2", null],
        ["3", null],
      ],
    },
  },
  {
    id: "nullValueDash.nullDashInfer",
    text: 'a,b\n1,-\n-,""\n"-",x\n',
    options: { header: "true", inferSchema: "true", nullValue: "-" },
    spark: {
      schema: "struct<a:int,b:string>",
      rows: [
        [1, null],
        [null, ""],
        [null, "x"],
      ],
    },
  },
  {
    id: "emptyStrings.emptyValue",
    text: 'a,b\n1,\n2,""\n,3\n',
    options: { header: "true", emptyValue: "E" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", null],
        ["2", "E"],
        [null, "3"],
      ],
    },
  },
  {
    id: "multilineQuoted.header",
    text: 'a,b\n1,"x\ny"\n2,z\n',
    options: { header: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "x"],
        ['y"', null],
        ["2", "z"],
      ],
    },
  },
  {
    id: "multilineCrlf.multiLine",
    text: 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n',
    options: { header: "true", multiLine: "true" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "x\ny"],
        ["2", "z"],
      ],
    },
  },
  {
    id: "commentNotFirst.comment",
    text: "a,b\n1,#2\n3,4\n",
    options: { header: "true", comment: "#" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "#2"],
        ["3", "4"],
      ],
    },
  },
  {
    id: "comments.commentInfer",
    text: "#head\na,b\n1,2\n#mid\n3,4\n",
    options: { header: "true", inferSchema: "true", comment: "#" },
    spark: {
      schema: "struct<a:int,b:int>",
      rows: [
        [1, 2],
        [3, 4],
      ],
    },
  },
  {
    id: "quotedWs.trimBoth",
    text: 'a,b\n"  x  ", 1 \n',
    options: { header: "true", ignoreLeadingWhiteSpace: "true", ignoreTrailingWhiteSpace: "true" },
    spark: { schema: "struct<a:string,b:string>", rows: [["  x  ", "1"]] },
  },
  {
    id: "leadingTrailingWs.trimInfer",
    text: "a,b\n  x  , 1 \n y,2\n",
    options: {
      header: "true",
      inferSchema: "true",
      ignoreLeadingWhiteSpace: "true",
      ignoreTrailingWhiteSpace: "true",
    },
    spark: {
      schema: "struct<a:string,b:int>",
      rows: [
        ["x", 1],
        ["y", 2],
      ],
    },
  },
  {
    id: "crlf.lineSepCrlf",
    text: "a,b\r\n1,2\r\n3,4\r\n",
    options: { header: "true", lineSep: "\r\n" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
    },
  },
  {
    id: "unicode.latin1",
    text: "name,city\nJosé,Zürich\n李,北京\n",
    options: { header: "true", encoding: "ISO-8859-1" },
    spark: {
      schema: "struct<name:string,city:string>",
      rows: [
        ["JosÃ©", "ZÃ¼rich"],
        ["æ", "åäº¬"],
      ],
    },
  },
  {
    id: "oneColumn.infer",
    text: "a\n1\n\n2\n",
    options: { header: "true", inferSchema: "true" },
    spark: { schema: "struct<a:int>", rows: [[1], [2]] },
  },
  {
    id: "singleQuote.quoteSingle",
    text: "a,b\n1,'x,y'\n2,'it''s'\n",
    options: { header: "true", quote: "'" },
    spark: {
      schema: "struct<a:string,b:string>",
      rows: [
        ["1", "x,y"],
        ["2", "'it''s'"],
      ],
    },
  },
  {
    id: "mixedNumStr.permissive",
    text: "a,b\n1,x\n2.5,y\nz,3\n",
    options: { header: "true", mode: "PERMISSIVE" },
    schema: "a DOUBLE, b STRING",
    spark: {
      schema: "struct<a:double,b:string>",
      rows: [
        [1.0, "x"],
        [2.5, "y"],
        [null, "3"],
      ],
    },
  },
];

describe("CSV reads answer what Spark 4.0.1 answers", () => {
  for (const c of CASES) {
    it(c.id, async () => {
      const file = tmp.file(`${c.id}.csv`, c.text);
      const node = readNode("csv", file, c.options, c.schema);
      expect((await engine.schema(node)).simpleString()).toBe(c.spark.schema);
      const rows = await engine.collect(node);
      expect(rows.map((r) => Object.values(r).map(asSpark))).toEqual(c.spark.rows);
    });
  }
});

describe("CSV encodings answer what Spark 4.0.1 answers", () => {
  const text = 'name,city\nJosé,"Zürich, CH"\n李,北京\n';
  const read = async (bytes: Buffer, options: Record<string, string>, schema?: string) => {
    const file = tmp.file(`enc-${Object.values(options).join("-")}.csv`, bytes);
    return (await engine.collect(readNode("csv", file, options, schema))).map((r) =>
      Object.values(r),
    );
  };

  it("UTF-16 with a byte-order mark, multiLine (PySpark: both rows decoded)", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(await read(bytes, { header: "true", encoding: "UTF-16", multiLine: "true" })).toEqual([
      ["José", "Zürich, CH"],
      ["李", "北京"],
    ]);
  });

  it("ISO-8859-1", async () => {
    const bytes = Buffer.from('name,city\nJosé,"Zürich, CH"\nx,y\n', "latin1");
    expect(await read(bytes, { header: "true", encoding: "ISO-8859-1" })).toEqual([
      ["José", "Zürich, CH"],
      ["x", "y"],
    ]);
  });

  it("invalid UTF-8 bytes read as U+FFFD, the record kept", async () => {
    const bytes = Buffer.from([
      ...Buffer.from("a,b\n1,ok\n2,"),
      0xff,
      0xfe,
      ...Buffer.from("\n3,fine\n"),
    ]);
    expect(await read(bytes, { header: "true" }, "a INT, b STRING")).toEqual([
      [1, "ok"],
      [2, "\uFFFD\uFFFD"],
      [3, "fine"],
    ]);
  });
});
