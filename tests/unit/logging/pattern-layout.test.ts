import { describe, expect, it } from "vitest";
import { compilePattern, SEED_PATTERN } from "../../../src/logging/index.js";
import { AT, BOOM, configError, event } from "./helpers.js";

// Expected strings marked "log4j 2.24.3" were printed by log4j-core 2.24.3's PatternLayout for the
// same event (logger com.acme.DataIngestionPipeline, INFO, "Starting", MDC {run=42, stage=load}).
const utc = (pattern: string, dialect: "log4j1" | "log4j2" = "log4j2") =>
  compilePattern(pattern, { timeZone: "UTC", eol: "\n", dialect, startTime: AT - 1234 });
const mdc = new Map([
  ["run", "42"],
  ["stage", "load"],
]);

describe("the seed pattern", () => {
  it("prints as log4j does, in both dialects", () => {
    for (const dialect of ["log4j1", "log4j2"] as const) {
      const layout = compilePattern(SEED_PATTERN, { timeZone: "UTC", eol: "\n", dialect });
      expect(layout(event({ timestamp: Date.UTC(2024, 0, 31, 9, 5, 3) }))).toBe(
        "24/01/31 09:05:03 INFO DataIngestionPipeline: Starting\n",
      );
    }
  });

  it("formats in the given zone (log4j 2.24.3, JVM zone Europe/Paris)", () => {
    const layout = compilePattern(SEED_PATTERN, { timeZone: "Europe/Paris", eol: "\n" });
    expect(layout(event())).toBe("24/01/31 10:05:03 INFO DataIngestionPipeline: Starting\n");
  });

  it("pads nothing and keeps a single-component logger whole", () => {
    const layout = utc(SEED_PATTERN);
    expect(layout(event({ level: "WARN", logger: "DataIngestionPipeline", message: "Late" }))).toBe(
      "24/01/31 09:05:03 WARN DataIngestionPipeline: Late\n",
    );
  });
});

describe("dates", () => {
  const paris = (pattern: string, dialect: "log4j1" | "log4j2" = "log4j2") =>
    compilePattern(pattern, { timeZone: "Europe/Paris", dialect })(event());

  it.each([
    ["%d", "2024-01-31 10:05:03,007"],
    ["%d{ISO8601}", "2024-01-31T10:05:03,007"],
    ["%d{ABSOLUTE}", "10:05:03,007"],
    ["%d{DATE}", "31 Jan 2024 10:05:03,007"],
    ["%d{COMPACT}", "20240131100503007"],
    ["%d{ISO8601_OFFSET_DATE_TIME_HHCMM}", "2024-01-31T10:05:03,007+01:00"],
    ["%d{HH:mm:ss}{UTC}", "09:05:03"],
    ["%d{HH:mm:ss}{GMT+2}", "11:05:03"],
    ["%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}", "2024-01-31T10:05:03.007+01:00"],
    ["%d{EEE, d MMM yyyy h:mm a}", "Wed, 31 Jan 2024 10:05 AM"],
    ["%d{D DDD E EEEE M MMM MMMM k K h S SS}", "31 031 Wed Wednesday 1 Jan January 10 10 10 7 07"],
    ["%d{yyyy-MM-dd HH:mm:ss.SSS Z X XX XXX}", "2024-01-31 10:05:03.007 +0100 +01 +0100 +01:00"],
    ["%d{'at' HH 'o''clock'}", "at 10 o'clock"],
    ["%d{UNIX}|%d{UNIX_MILLIS}", "1706691903|1706691903007"],
  ])("%s -> %s (log4j 2.24.3)", (pattern, expected) => {
    expect(paris(pattern)).toBe(expected);
  });

  it("reads ISO8601 with a space in log4j 1 (ISO8601DateFormat)", () => {
    expect(paris("%d{ISO8601}", "log4j1")).toBe("2024-01-31 10:05:03,007");
    expect(paris("%d", "log4j1")).toBe("2024-01-31 10:05:03,007");
  });

  it("prints Z for a zero offset with X, and +0000 with Z (log4j 2.24.3)", () => {
    expect(utc("%d{XXX}|%d{X}|%d{Z}")(event())).toBe("Z|Z|+0000");
  });

  it("follows daylight saving time", () => {
    const summer = event({ timestamp: Date.UTC(2024, 6, 1, 12, 0, 0) });
    expect(compilePattern("%d{HH:mm XXX}", { timeZone: "Europe/Paris" })(summer)).toBe(
      "14:00 +02:00",
    );
    expect(compilePattern("%d{HH:mm XXX}", { timeZone: "America/New_York" })(summer)).toBe(
      "08:00 -04:00",
    );
  });

  it("uses the process's zone by default", () => {
    const local = new Date(AT);
    const hh = String(local.getHours()).padStart(2, "0");
    const mm = String(local.getMinutes()).padStart(2, "0");
    expect(compilePattern("%d{HH:mm}")(event())).toBe(`${hh}:${mm}`);
  });

  it("rejects unknown letters, Y, and unknown zones", () => {
    expect(configError(() => utc("%d{yyyy-MM-dd qq}")).code).toBe("LOG_INVALID_PATTERN");
    expect(configError(() => utc("%d{YYYY}")).message).toContain("week year");
    expect(configError(() => utc("%d{HH}{Mars/Olympus}")).code).toBe("LOG_INVALID_TIME_ZONE");
  });
});

describe("converters", () => {
  it.each([
    [
      "%c|%c{1}|%c{2}|%c{-1}|%c{1.}|%logger{1}",
      "com.acme.DataIngestionPipeline|DataIngestionPipeline|acme.DataIngestionPipeline|acme.DataIngestionPipeline|c.a.DataIngestionPipeline|DataIngestionPipeline",
    ],
    ["%X{run}|%X{missing}|%X|%X{run,stage}", "42||{run=42, stage=load}|{run=42, stage=load}"],
    ["%t %%", "main %"],
    ["%level{length=1} %level{lowerCase=true} %level{WARN=W, INFO=I}", "I info I"],
    ["%msg|%message", "Starting|Starting"],
    ["%msgx", "Startingx"],
    ["%x|%NDC", "[]|[]"],
  ])("%s (log4j 2.24.3)", (pattern, expected) => {
    expect(utc(pattern)(event({ mdc }))).toBe(expected);
  });

  it.each([
    ["%c{1.1.~.~}", "o.a.~.~.Foo"],
    ["%c{.}", "....Foo"],
    ["%c{3.}", "org.apa.com.tes.Foo"],
    ["%c{0}", "Foo"],
    ["%c{9}", "org.apache.commons.test.Foo"],
    ["%c{-9}", "org.apache.commons.test.Foo"],
  ])("%s shortens org.apache.commons.test.Foo (log4j 2.24.3)", (pattern, expected) => {
    expect(utc(pattern)(event({ logger: "org.apache.commons.test.Foo" }))).toBe(expected);
  });

  it("reads log4j 1 letters one at a time and prints its MDC and NDC forms", () => {
    const layout = utc("%msg %c{0} [%X] [%x]", "log4j1");
    expect(layout(event({ mdc, ndc: ["job", "stage"] }))).toBe(
      "Startingsg com.acme.DataIngestionPipeline [{{run,42}{stage,load}}] [job stage]",
    );
    expect(layout(event())).toBe("Startingsg com.acme.DataIngestionPipeline [{}] []");
  });

  it("prints the NDC as a list in log4j 2", () => {
    expect(utc("%x")(event({ ndc: ["job", "stage"] }))).toBe("[job, stage]");
  });

  it("prints %r as milliseconds since the start time, %n as the line separator", () => {
    expect(utc("%r%n")(event())).toBe("1234\n");
    expect(compilePattern("%n", { eol: "\r\n" })(event())).toBe("\r\n");
  });

  it("prints ? for caller location, the pid, and a sequence number", () => {
    const layout = utc("%C %F %L %M %l|%pid|%sn");
    expect(layout(event())).toBe(`? ? ? ? ?|${process.pid}|1`);
    expect(layout(event())).toBe(`? ? ? ? ?|${process.pid}|2`);
  });
});

describe("format modifiers", () => {
  it.each([
    ["[%-5p] [%5p] [%.3p]", "[INFO ] [ INFO] [NFO]"],
    [
      "[%.10c] [%-40.30c] [%40c] [%.-10c]",
      "[onPipeline] [com.acme.DataIngestionPipeline          ] [          com.acme.DataIngestionPipeline] [com.acme.D]",
    ],
  ])("%s (log4j 2.24.3)", (pattern, expected) => {
    expect(utc(pattern)(event())).toBe(expected);
  });

  it("pads and truncates in log4j 1 the same way", () => {
    expect(utc("%-5p|%-20.30c|%.10c|%8p", "log4j1")(event({ level: "WARN" }))).toBe(
      "WARN |com.acme.DataIngestionPipeline|onPipeline|    WARN",
    );
  });
});

describe("errors", () => {
  const failing = event({ error: BOOM });
  const stack = "Error: boom\n    at run (app.js:3:9)\n    at main (app.js:9:1)\n";

  // log4j 2.24.3 with a RuntimeException("boom") and two frames printed, in the same shapes:
  // "%m%n%ex" -> "Starting\n<stack>\n"; "%m%ex" -> "Starting <stack>\n"; "%m" -> "Starting <stack>\n";
  // "%ex{short}" and "%ex{2}" -> the first two lines without a trailing separator.
  it.each([
    ["%m%n%ex", `Starting\n${stack}`],
    ["%m%ex", `Starting ${stack}`],
    ["%m", `Starting ${stack}`],
    ["%m%n", `Starting\n${stack}`],
    ["%m%n%ex{short}", "Starting\nError: boom\n    at run (app.js:3:9)"],
    ["%m%n%ex{2}", "Starting\nError: boom\n    at run (app.js:3:9)"],
    ["%m%n%ex{none}", "Starting\n"],
    ["%m%n%throwable", `Starting\n${stack}`],
  ])("%s with an error (log4j 2)", (pattern, expected) => {
    expect(utc(pattern)(failing)).toBe(expected);
  });

  it("prints nothing for %ex without an error", () => {
    expect(utc("%m%n%ex")(event())).toBe("Starting\n");
  });

  it("appends the stack after the layout in log4j 1, one separator per line", () => {
    expect(
      utc(
        SEED_PATTERN,
        "log4j1",
      )(event({ timestamp: Date.UTC(2024, 0, 31, 9, 5, 3), error: BOOM })),
    ).toBe(`24/01/31 09:05:03 INFO DataIngestionPipeline: Starting\n${stack}`);
    expect(utc("%m", "log4j1")(failing)).toBe(`Starting${stack}`);
  });
});

describe("bad patterns", () => {
  it("names the unknown converter and its position", () => {
    const error = configError(() =>
      compilePattern("%d %q %m", {
        where: { file: "log4j2.properties", line: 7, key: "appender.console.layout.pattern" },
      }),
    );
    expect(error.code).toBe("LOG_INVALID_PATTERN");
    expect(error.message).toBe(
      'log4j2.properties:7: appender.console.layout.pattern: invalid conversion pattern "%d %q %m": unknown conversion "%q" at position 3.',
    );
    expect(error.hint).toContain("%logger");
    expect(error.context).toMatchObject({
      file: "log4j2.properties",
      line: 7,
      key: "appender.console.layout.pattern",
    });
  });

  it.each([["%d{HH"], ["%-"], ["%.p"], ["%c{x}"], ["%ex{sometimes}"], ["%level{shout=true}"]])(
    "rejects %s",
    (pattern) => {
      expect(configError(() => utc(pattern)).code).toBe("LOG_INVALID_PATTERN");
    },
  );

  it("keeps a trailing % and %% as literal percent signs", () => {
    expect(utc("100%% %m %")(event())).toBe("100% Starting %");
  });
});
