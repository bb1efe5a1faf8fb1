import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Appender,
  compilePattern,
  configureLogging,
  getLogger,
  LogContext,
  MemoryAppender,
  resetLogging,
} from "../../../src/logging/index.js";
import { AT, fixture, sink } from "./helpers.js";

const SPARK_TEMPLATE = fixture("spark-log4j2.properties");

afterEach(() => resetLogging());

const clock = () => AT;
const memory = (pattern = "%p %c %m%n") =>
  new MemoryAppender({ layout: compilePattern(pattern, { timeZone: "UTC", eol: "\n" }) });

/** Configures from text with console streams captured; returns what each stream received. */
async function capture(text: string, source = "log4j2.properties") {
  const stdout = sink();
  const stderr = sink();
  await configureLogging({
    text,
    file: source,
    clock,
    streams: { stdout, stderr },
    overrides: { timeZone: "UTC" },
  });
  return { stdout, stderr };
}

describe("levels", () => {
  const HIERARCHY = `rootLogger.level = info
rootLogger.appenderRef.c.ref = c
appender.c.type = Console
appender.c.layout.type = PatternLayout
appender.c.layout.pattern = %p %c %m%n
logger.spark.name = org.apache.spark
logger.spark.level = warn
logger.sql.name = org.apache.spark.sql
logger.sql.level = debug
`;

  it("inherit from the nearest configured ancestor, then the root", async () => {
    const { stdout } = await capture(HIERARCHY);
    getLogger("org.apache.spark.SparkContext").info("hidden: spark is at WARN");
    getLogger("org.apache.spark.SparkContext").warn("shown");
    getLogger("org.apache.spark.sql.execution.Planner").debug("shown: sql is at DEBUG");
    getLogger("org.apache.spark.sql.execution.Planner").trace("hidden");
    getLogger("org.apache.sparkling").debug("hidden: not a child of org.apache.spark");
    getLogger("org.apache.sparkling").info("shown: root is INFO");
    getLogger("").info("shown: the root itself");
    expect(stdout.text).toBe(
      "WARN org.apache.spark.SparkContext shown\n" +
        "DEBUG org.apache.spark.sql.execution.Planner shown: sql is at DEBUG\n" +
        "INFO org.apache.sparkling shown: root is INFO\n" +
        "INFO  shown: the root itself\n",
    );
  });

  it("answer isEnabled, and affect loggers made before configuration", async () => {
    const early = getLogger("org.apache.spark.sql.X");
    expect(early.isEnabled("DEBUG")).toBe(false);
    await capture(HIERARCHY);
    expect(early.isEnabled("DEBUG")).toBe(true);
    expect(early.isEnabled("TRACE")).toBe(false);
    expect(getLogger("org.apache.spark.X").isEnabled("INFO")).toBe(false);
  });

  it("build lazy messages only when enabled", async () => {
    await capture(HIERARCHY);
    const build = vi.fn(() => "expensive");
    getLogger("org.apache.spark.X").debug(build);
    expect(build).not.toHaveBeenCalled();
    getLogger("org.apache.spark.X").error(build);
    expect(build).toHaveBeenCalledOnce();
  });

  it("follow log4j.threshold, appender Threshold and per-reference levels", async () => {
    const { stdout, stderr } = await capture(
      `log4j.rootLogger=TRACE, out, err
log4j.threshold=DEBUG
log4j.appender.out=org.apache.log4j.ConsoleAppender
log4j.appender.out.layout=org.apache.log4j.PatternLayout
log4j.appender.out.layout.ConversionPattern=%p %m%n
log4j.appender.err=org.apache.log4j.ConsoleAppender
log4j.appender.err.target=System.err
log4j.appender.err.Threshold=ERROR
log4j.appender.err.layout=org.apache.log4j.SimpleLayout
`,
      "log4j.properties",
    );
    const log = getLogger("app");
    log.trace("below the repository threshold");
    log.debug("d");
    log.error("e");
    expect(stdout.text).toBe("DEBUG d\nERROR e\n");
    expect(stderr.text).toBe("ERROR - e\n");

    const refs = await capture(`rootLogger.level = all
rootLogger.appenderRef.a.ref = c
rootLogger.appenderRef.a.level = warn
appender.c.type = Console
appender.c.layout.type = PatternLayout
appender.c.layout.pattern = %p%n`);
    getLogger("x").info("i");
    getLogger("x").warn("w");
    expect(refs.stdout.text).toBe("WARN\n");
  });

  it("OFF silences a logger", async () => {
    const { stdout } = await capture(
      `${HIERARCHY}logger.off.name = quiet\nlogger.off.level = off\n`,
    );
    getLogger("quiet.child").fatal("never");
    expect(stdout.text).toBe("");
  });
});

describe("appenders and additivity", () => {
  it("sends events to the logger's appenders and its ancestors' unless additivity is off", async () => {
    const { stdout, stderr } = await capture(
      `log4j.rootLogger=INFO, out
log4j.appender.out=org.apache.log4j.ConsoleAppender
log4j.appender.out.layout=org.apache.log4j.PatternLayout
log4j.appender.out.layout.ConversionPattern=out %c %m%n
log4j.appender.err=org.apache.log4j.ConsoleAppender
log4j.appender.err.target=System.err
log4j.appender.err.layout=org.apache.log4j.PatternLayout
log4j.appender.err.layout.ConversionPattern=err %c %m%n
log4j.logger.audit=INFO, err
log4j.logger.private=INFO, err
log4j.additivity.private=false
`,
      "log4j.properties",
    );
    getLogger("audit.login").info("a");
    getLogger("private.key").info("b");
    getLogger("other").info("c");
    expect(stdout.text).toBe("out audit.login a\nout other c\n");
    expect(stderr.text).toBe("err audit.login a\nerr private.key b\n");
  });

  it("applies Spark's RegexFilter: the Thrift warning is dropped, the rest printed", async () => {
    const { stderr } = await capture(SPARK_TEMPLATE);
    const log = getLogger("org.apache.thrift.server.TThreadPoolServer");
    log.warn("Thrift error occurred during processing of message.");
    log.warn("Thrift server started");
    getLogger("org.apache.spark.repl.Main").info("hidden: repl is at WARN");
    expect(stderr.text).toBe("24/01/31 09:05:03 WARN TThreadPoolServer: Thrift server started\n");
  });

  it("prints an attached error with Spark's %ex", async () => {
    const { stderr } = await capture(SPARK_TEMPLATE);
    getLogger("DataIngestionPipeline").error("Write failed", new RangeError("bad partition"));
    const lines = stderr.text.split("\n");
    expect(lines[0]).toBe("24/01/31 09:05:03 ERROR DataIngestionPipeline: Write failed");
    expect(lines[1]).toBe("RangeError: bad partition");
    expect(lines[2]).toMatch(/^ {4}at /);
    expect(stderr.text.endsWith("\n")).toBe(true);
  });

  it("replaces the root's appenders with programmatic ones", async () => {
    const mem = memory();
    await configureLogging({
      text: SPARK_TEMPLATE,
      file: "log4j2.properties",
      appenders: [mem],
      clock,
    });
    getLogger("a.b").info("to memory");
    expect(mem.text()).toBe("INFO a.b to memory\n");
    expect(mem.events[0]).toMatchObject({
      timestamp: AT,
      level: "INFO",
      logger: "a.b",
      thread: "main",
      message: "to memory",
    });
  });

  it("never lets a failing appender throw, and reports it once on stderr", async () => {
    const broken: Appender = {
      name: "broken",
      append() {
        throw new Error("disk full");
      },
    };
    const mem = memory();
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await configureLogging({ appenders: [broken, mem], clock });
      expect(() => getLogger("x").info("one")).not.toThrow();
      getLogger("x").info("two");
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0]?.[0])).toBe(
        'tributary logging: appender "broken" failed: disk full\n',
      );
      expect(mem.lines).toEqual(["INFO x one\n", "INFO x two\n"]);
    } finally {
      write.mockRestore();
    }
  });
});

describe("defaults", () => {
  it("log INFO and above to stderr with the seed's pattern", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      resetLogging();
      getLogger("com.acme.DataIngestionPipeline").debug("hidden");
      getLogger("com.acme.DataIngestionPipeline").info("Starting");
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0]?.[0])).toMatch(
        /^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d INFO DataIngestionPipeline: Starting\n$/,
      );
    } finally {
      write.mockRestore();
    }
  });
});

describe("JSON lines", () => {
  it("are chosen by tributary.log.format and parse as JSON", async () => {
    const { stderr } = await capture(`${SPARK_TEMPLATE}tributary.log.format = json\n`);
    await LogContext.run({ runId: "42" }, async () => {
      await Promise.resolve();
      getLogger("com.acme.Pipeline").info('quote " and\nnewline');
      getLogger("com.acme.Pipeline").error("failed", new Error("boom"));
    });
    const lines = stderr.text.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toEqual({
      timestamp: "2024-01-31T09:05:03.007+00:00",
      level: "INFO",
      logger: "com.acme.Pipeline",
      thread: "main",
      message: 'quote " and\nnewline',
      mdc: { runId: "42" },
    });
    expect(second?.error).toMatchObject({
      name: "Error",
      message: "boom",
      stack: expect.stringMatching(/^Error: boom\n {4}at /),
    });
  });

  it("are chosen by a JsonTemplateLayout or programmatically, with the zone's offset", async () => {
    const { stdout } = await capture(`rootLogger.level = info
rootLogger.appenderRef.c.ref = c
appender.c.type = Console
appender.c.layout.type = JsonTemplateLayout
`);
    getLogger("a").info("x");
    expect(JSON.parse(stdout.text)).toMatchObject({
      timestamp: "2024-01-31T09:05:03.007+00:00",
      message: "x",
    });

    const stderr = sink();
    await configureLogging({
      overrides: { format: "json", timeZone: "Asia/Kolkata" },
      clock,
      streams: { stderr },
      cwd: "/nonexistent",
      env: {},
    });
    getLogger("a").warn("y");
    expect(JSON.parse(stderr.text)).toMatchObject({
      timestamp: "2024-01-31T14:35:03.007+05:30",
      level: "WARN",
    });
  });
});

describe("context", () => {
  it("follows async work inside LogContext.run and vanishes after it", async () => {
    const mem = memory("%X{job} %x %m%n");
    await configureLogging({ appenders: [mem], clock, env: {}, cwd: "/nonexistent" });
    const log = getLogger("ctx");
    await Promise.all(
      ["a", "b"].map((job) =>
        LogContext.run({ job }, async () => {
          LogContext.push(`ndc-${job}`);
          await new Promise((r) => setTimeout(r, job === "a" ? 5 : 0));
          log.info(job);
        }),
      ),
    );
    log.info("outside");
    LogContext.put("job", "global");
    log.info("put");
    expect(mem.lines.sort()).toEqual(
      [" [] outside\n", "a [ndc-a] a\n", "b [ndc-b] b\n", "global [] put\n"].sort(),
    );
  });
});
