// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are log4j ${...} references, not templates.
import { describe, expect, it } from "vitest";
import { parseLoggingProperties } from "../../../src/logging/index.js";
import { configError, fixture } from "./helpers.js";

const parse = (text: string) => parseLoggingProperties(text, { source: "config/log4j.properties" });

const SEED = fixture("seed-log4j.properties");
const SPARK_32 = fixture("spark-log4j.properties");

describe("log4j 1 properties", () => {
  it("reads the seed's file", () => {
    const config = parse(SEED);
    expect(config.dialect).toBe("log4j1");
    expect(config.root).toMatchObject({ level: "INFO", appenderRefs: [{ name: "console" }] });
    expect(config.appenders).toEqual([
      expect.objectContaining({
        name: "console",
        target: { kind: "console", stream: "stderr" },
        layout: expect.objectContaining({
          kind: "pattern",
          pattern: "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n",
          longNames: false,
        }),
        filters: [],
      }),
    ]);
  });

  it("reads Spark's template: per-logger levels and the Thrift filter", () => {
    const config = parse(SPARK_32);
    const levels = Object.fromEntries(config.loggers.map((l) => [l.name, l.level]));
    expect(levels).toEqual({
      "org.apache.spark.repl.Main": "WARN",
      "org.sparkproject.jetty": "WARN",
      "org.sparkproject.jetty.util.component.AbstractLifeCycle": "ERROR",
      "org.apache.spark.repl.SparkIMain$exprTyper": "INFO",
      "org.apache.parquet": "ERROR",
      parquet: "ERROR",
      "org.apache.hadoop.hive.metastore.RetryingHMSHandler": "FATAL",
      "org.apache.hadoop.hive.ql.exec.FunctionRegistry": "ERROR",
    });
    expect(config.appenders[0]?.filters).toEqual([
      expect.objectContaining({
        kind: "stringMatch",
        text: "Thrift error occurred during processing of message",
        acceptOnMatch: false,
      }),
    ]);
  });

  it("prefers log4j.rootLogger over log4j.rootCategory and defaults the root to DEBUG", () => {
    expect(parse("log4j.rootCategory=INFO\nlog4j.rootLogger=WARN").root.level).toBe("WARN");
    expect(parse("log4j.logger.a=INFO").root.level).toBe("DEBUG");
    expect(
      parse("log4j.rootLogger=, A\nlog4j.appender.A=org.apache.log4j.varia.NullAppender").root,
    ).toMatchObject({
      level: "DEBUG",
      appenderRefs: [{ name: "A" }],
    });
  });

  it("reads logger appenders, INHERITED levels, log4j.category, additivity and threshold", () => {
    const config = parse(`log4j.rootLogger=INFO, console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=/tmp/app.log
log4j.logger.com.acme=DEBUG, file
log4j.logger.com.acme.quiet=inherited
log4j.category.org.legacy=error
log4j.additivity.com.acme=false
log4j.threshold=warn
`);
    expect(config.loggers).toEqual([
      expect.objectContaining({
        name: "com.acme",
        level: "DEBUG",
        appenderRefs: [expect.objectContaining({ name: "file" })],
        additive: false,
      }),
      expect.objectContaining({ name: "com.acme.quiet", level: undefined, additive: true }),
      expect.objectContaining({ name: "org.legacy", level: "ERROR" }),
    ]);
    expect(config.threshold).toBe("WARN");
    expect(config.appenders.map((a) => a.name)).toEqual(["console", "file"]);
    // ConsoleAppender's default target is System.out.
    expect(config.appenders[0]?.target).toEqual({ kind: "console", stream: "stdout" });
  });

  it("reads file and rolling appenders, thresholds and option names in either case", () => {
    const config = parse(`log4j.rootLogger=INFO, R, F
log4j.appender.R=org.apache.log4j.RollingFileAppender
log4j.appender.R.file=logs/app.log
log4j.appender.R.MaxFileSize=5MB
log4j.appender.R.maxBackupIndex=3
log4j.appender.R.Threshold=WARN
log4j.appender.R.layout=org.apache.log4j.SimpleLayout
log4j.appender.F=org.apache.log4j.FileAppender
log4j.appender.F.File=logs/all.log
log4j.appender.F.Append=false
log4j.appender.F.layout=org.apache.log4j.TTCCLayout
`);
    const [rolling, file] = config.appenders;
    expect(rolling).toMatchObject({
      threshold: "WARN",
      target: {
        kind: "file",
        path: "logs/app.log",
        append: true,
        rolling: {
          maxBytes: 5 * 1024 * 1024,
          maxBackups: 3,
          filePattern: "logs/app.log.%i",
          fileIndex: "min",
        },
      },
      layout: { kind: "pattern", pattern: "%p - %m%n" },
    });
    expect(file).toMatchObject({
      target: { kind: "file", path: "logs/all.log", append: false },
      layout: { kind: "pattern", pattern: "%r [%t] %p %c %x - %m%n" },
    });
  });

  it("substitutes ${name} from system properties, then the file; unknown names print as nothing", () => {
    const text = `log.dir=/var/log/app
log4j.rootLogger=INFO, F
log4j.appender.F=org.apache.log4j.FileAppender
log4j.appender.F.File=\${spark.yarn.app.container.log.dir}\${log.dir}/\${nope}app.log
`;
    const config = parseLoggingProperties(text, {
      source: "log4j.properties",
      variables: { "spark.yarn.app.container.log.dir": "/yarn" },
    });
    expect(config.appenders[0]?.target).toMatchObject({ path: "/yarn/var/log/app/app.log" });
  });

  it("keeps a pattern's trailing blanks, as log4j does", () => {
    const config = parse(`log4j.rootLogger=INFO, c
log4j.appender.c=org.apache.log4j.ConsoleAppender
log4j.appender.c.layout=org.apache.log4j.EnhancedPatternLayout
log4j.appender.c.layout.ConversionPattern=%-5level %msg%n  `);
    expect(config.appenders[0]?.layout).toMatchObject({
      pattern: "%-5level %msg%n  ",
      longNames: true,
    });
  });

  it("accepts JSON layouts, LevelRange, LevelMatch and DenyAll filters", () => {
    const config = parse(`log4j.rootLogger=INFO, c
log4j.appender.c=org.apache.log4j.ConsoleAppender
log4j.appender.c.layout=net.logstash.log4j.JSONEventLayoutV1
log4j.appender.c.filter.b=org.apache.log4j.varia.LevelMatchFilter
log4j.appender.c.filter.b.LevelToMatch=ERROR
log4j.appender.c.filter.a=org.apache.log4j.varia.LevelRangeFilter
log4j.appender.c.filter.a.LevelMin=INFO
log4j.appender.c.filter.a.LevelMax=ERROR
log4j.appender.c.filter.c=org.apache.log4j.varia.DenyAllFilter
`);
    expect(config.appenders[0]?.layout).toEqual({ kind: "json" });
    expect(config.appenders[0]?.filters.map((f) => f.kind)).toEqual([
      "levelRange",
      "levelMatch",
      "denyAll",
    ]);
  });

  it("ignores appenders nobody refers to, as log4j 1 does", () => {
    expect(parse("log4j.rootLogger=INFO\nlog4j.appender.x=com.example.Unknown").appenders).toEqual(
      [],
    );
  });
});

describe("log4j 1 errors name the file, line and key", () => {
  it("for an unknown appender class", () => {
    const error = configError(() =>
      parse(`log4j.rootLogger=INFO, kafka
# the Kafka appender is not ours
log4j.appender.kafka=org.apache.kafka.log4jappender.KafkaLog4jAppender
`),
    );
    expect(error.code).toBe("LOG_UNKNOWN_APPENDER");
    expect(error.message).toBe(
      'config/log4j.properties:3: log4j.appender.kafka: unknown appender class "org.apache.kafka.log4jappender.KafkaLog4jAppender".',
    );
    expect(error.hint).toContain("org.apache.log4j.ConsoleAppender");
    expect(error.context).toEqual({
      file: "config/log4j.properties",
      line: 3,
      key: "log4j.appender.kafka",
    });
  });

  it("for a referenced appender that is not defined", () => {
    const error = configError(() => parse("\nlog4j.rootLogger=INFO, consol"));
    expect(error.code).toBe("LOG_UNDEFINED_APPENDER");
    expect(error.message).toBe(
      'config/log4j.properties:2: log4j.rootLogger: appender "consol" is referenced but not defined.',
    );
  });

  it.each([
    ["log4j.rootLogger=LOUD", "LOG_INVALID_LEVEL", 1, "log4j.rootLogger"],
    [
      "log4j.rootLogger=INFO, c\nlog4j.appender.c=org.apache.log4j.ConsoleAppender\nlog4j.appender.c.Target=System.log",
      "LOG_INVALID_VALUE",
      3,
      "log4j.appender.c.Target",
    ],
    [
      "log4j.rootLogger=INFO, f\nlog4j.appender.f=org.apache.log4j.FileAppender",
      "LOG_MISSING_VALUE",
      2,
      "log4j.appender.f",
    ],
    [
      "log4j.rootLogger=INFO, f\nlog4j.appender.f=org.apache.log4j.RollingFileAppender\nlog4j.appender.f.File=a.log\nlog4j.appender.f.MaxFileSize=big",
      "LOG_INVALID_VALUE",
      4,
      "log4j.appender.f.MaxFileSize",
    ],
    [
      "log4j.rootLogger=INFO, c\nlog4j.appender.c=org.apache.log4j.ConsoleAppender\nlog4j.appender.c.layout=org.apache.log4j.HTMLLayout",
      "LOG_UNKNOWN_LAYOUT",
      3,
      "log4j.appender.c.layout",
    ],
    [
      "log4j.rootLogger=INFO, c\nlog4j.appender.c=org.apache.log4j.ConsoleAppender\nlog4j.appender.c.layout=org.apache.log4j.PatternLayout\nlog4j.appender.c.layout.ConversionPattern=%d %Q",
      "LOG_INVALID_PATTERN",
      4,
      "log4j.appender.c.layout.ConversionPattern",
    ],
    [
      "log4j.rootLogger=INFO, c\nlog4j.appender.c=org.apache.log4j.ConsoleAppender\nlog4j.appender.c.filter.1=org.apache.log4j.varia.ExpressionFilter",
      "LOG_UNKNOWN_FILTER",
      3,
      "log4j.appender.c.filter.1",
    ],
    [
      "log4j.rootLogger=INFO, d\nlog4j.appender.d=org.apache.log4j.DailyRollingFileAppender",
      "LOG_UNKNOWN_APPENDER",
      2,
      "log4j.appender.d",
    ],
    ["log4j.additivity.a=maybe", "LOG_INVALID_VALUE", 1, "log4j.additivity.a"],
  ])("%j -> %s", (text, code, line, key) => {
    const error = configError(() => parse(text));
    expect(error.code).toBe(code);
    expect(error.context).toMatchObject({ file: "config/log4j.properties", line, key });
    expect(error.message.startsWith(`config/log4j.properties:${line}: ${key}: `)).toBe(true);
    expect(error.hint).toBeTruthy();
  });
});
