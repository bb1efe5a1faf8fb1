// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are log4j ${...} references, not templates.
import { describe, expect, it } from "vitest";
import { parseLoggingProperties } from "../../../src/logging/index.js";
import { configError, fixture } from "./helpers.js";

const parse = (text: string) =>
  parseLoggingProperties(text, {
    source: "conf/log4j2.properties",
    env: { LOG_DIR: "/data/logs" },
  });

const SPARK_TEMPLATE = fixture("spark-log4j2.properties");

describe("log4j2 properties", () => {
  it("reads Spark's template", () => {
    const config = parse(SPARK_TEMPLATE);
    expect(config.dialect).toBe("log4j2");
    expect(config.root).toMatchObject({
      level: "INFO",
      appenderRefs: [{ name: "console" }],
      additive: true,
    });
    expect(config.appenders).toEqual([
      expect.objectContaining({
        name: "console",
        target: { kind: "console", stream: "stderr" },
        layout: expect.objectContaining({
          pattern: "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex",
          longNames: true,
        }),
        filters: [
          expect.objectContaining({
            kind: "regex",
            regex: ".*Thrift error occurred during processing of message.*",
            onMatch: "DENY",
            onMismatch: "NEUTRAL",
          }),
        ],
      }),
    ]);
    expect(config.loggers.map((l) => [l.name, l.level])).toEqual([
      ["org.apache.spark.repl.Main", "WARN"],
      ["org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver", "WARN"],
      ["org.sparkproject.jetty", "WARN"],
      ["org.sparkproject.jetty.util.component.AbstractLifeCycle", "ERROR"],
      ["org.apache.parquet", "ERROR"],
      ["parquet", "ERROR"],
      ["org.apache.hadoop.hive.metastore.RetryingHMSHandler", "FATAL"],
      ["org.apache.hadoop.hive.ql.exec.FunctionRegistry", "ERROR"],
    ]);
  });

  it("reads the 2.17.2 shorthand, additivity, per-reference levels and the ERROR default", () => {
    const config = parse(`rootLogger = WARN, out
appender.out.type = Console
appender.f.type = File
appender.f.name = audit
appender.f.fileName = \${env:LOG_DIR}/audit.log
appender.f.append = false
logger.audit = INFO, audit
logger.audit.name = com.acme.audit
logger.audit.additivity = false
logger.db.name = com.acme.db
logger.db.appenderRef.a.ref = audit
logger.db.appenderRef.a.level = error
`);
    expect(config.root).toMatchObject({ level: "WARN", appenderRefs: [{ name: "out" }] });
    expect(config.appenders[0]).toMatchObject({
      name: "out",
      target: { kind: "console", stream: "stdout" },
      layout: { pattern: "%m%n" },
    });
    expect(config.appenders[1]).toMatchObject({
      name: "audit",
      target: { kind: "file", path: "/data/logs/audit.log", append: false },
    });
    expect(config.loggers).toEqual([
      expect.objectContaining({
        name: "com.acme.audit",
        level: "INFO",
        additive: false,
        appenderRefs: [expect.objectContaining({ name: "audit" })],
      }),
      expect.objectContaining({
        name: "com.acme.db",
        level: undefined,
        appenderRefs: [expect.objectContaining({ name: "audit", level: "ERROR" })],
      }),
    ]);
    expect(parse("appender.x.type = Null").root.level).toBe("ERROR");
  });

  it("reads RollingFile with size policy, strategy and a compressed pattern", () => {
    const config = parse(`rootLogger.level = info
rootLogger.appenderRef.r.ref = rolling
property.dir = logs
appender.rolling.type = RollingFile
appender.rolling.name = rolling
appender.rolling.fileName = \${dir}/app.log
appender.rolling.filePattern = \${dir}/app-%i.log.gz
appender.rolling.layout.type = JsonTemplateLayout
appender.rolling.layout.eventTemplateUri = classpath:EcsLayout.json
appender.rolling.policies.type = Policies
appender.rolling.policies.size.type = SizeBasedTriggeringPolicy
appender.rolling.policies.size.size = 100 KB
appender.rolling.strategy.type = DefaultRolloverStrategy
appender.rolling.strategy.max = 4
appender.rolling.filter.threshold.type = ThresholdFilter
appender.rolling.filter.threshold.level = warn
`);
    expect(config.appenders[0]).toMatchObject({
      layout: { kind: "json" },
      target: {
        kind: "file",
        path: "logs/app.log",
        rolling: {
          maxBytes: 102400,
          maxBackups: 4,
          filePattern: "logs/app-%i.log.gz",
          fileIndex: "max",
        },
      },
      filters: [{ kind: "threshold", level: "WARN", onMatch: "NEUTRAL", onMismatch: "DENY" }],
    });
  });

  it("resolves ${sys:...}, defaults, $${...} and leaves unknown references as written", () => {
    const config = parseLoggingProperties(
      `appender.f.type = File
appender.f.fileName = \${sys:spark.log.dir}/\${env:MISSING:-fallback}/\${nope}/$\${literal}.log`,
      { source: "log4j2.properties", variables: { "spark.log.dir": "/spark" }, env: {} },
    );
    expect(config.appenders[0]?.target).toMatchObject({
      path: "/spark/fallback/${nope}/${literal}.log",
    });
  });

  it("reads tributary.log.format and tributary.log.timeZone", () => {
    const config = parse(
      `${SPARK_TEMPLATE}\ntributary.log.format = JSON\ntributary.log.timeZone = UTC\n`,
    );
    expect(config).toMatchObject({ format: "json", timeZone: "UTC" });
  });

  it("guesses the dialect from the file name, else from the keys", () => {
    const text = "rootLogger.level = warn";
    expect(parseLoggingProperties(text, { source: "x/log4j2.properties" }).dialect).toBe("log4j2");
    expect(parseLoggingProperties("log4j.rootLogger=WARN").dialect).toBe("log4j1");
    expect(parseLoggingProperties(text).dialect).toBe("log4j2");
    expect(
      parseLoggingProperties(text, { source: "log4j.properties", syntax: "log4j2" }).root.level,
    ).toBe("WARN");
  });
});

describe("log4j2 errors name the file, line and key", () => {
  it("for an unknown appender type", () => {
    const error = configError(() =>
      parse("rootLogger.level = info\nappender.k.type = Kafka\nappender.k.name = k"),
    );
    expect(error.code).toBe("LOG_UNKNOWN_APPENDER");
    expect(error.message).toBe(
      'conf/log4j2.properties:2: appender.k.type: unknown appender type "Kafka".',
    );
    expect(error.hint).toContain("Console, File");
  });

  it.each([
    [
      "rootLogger.appenderRef.a.ref = nope\nappender.c.type = Console",
      "LOG_UNDEFINED_APPENDER",
      1,
      "rootLogger.appenderRef.a.ref",
    ],
    ["rootLogger.level = noisy", "LOG_INVALID_LEVEL", 1, "rootLogger.level"],
    ["logger.x.level = warn", "LOG_MISSING_VALUE", 1, "logger.x"],
    ["appender.c.name = c\nappender.c.target = SYSTEM_ERR", "LOG_MISSING_VALUE", 1, "appender.c"],
    [
      "appender.c.type = Console\nappender.c.target = STDERR",
      "LOG_INVALID_VALUE",
      2,
      "appender.c.target",
    ],
    ["appender.f.type = File", "LOG_MISSING_VALUE", 1, "appender.f.type"],
    [
      "appender.c.type = Console\nappender.c.layout.type = HtmlLayout",
      "LOG_UNKNOWN_LAYOUT",
      2,
      "appender.c.layout.type",
    ],
    [
      "appender.c.type = Console\nappender.c.layout.type = PatternLayout\nappender.c.layout.pattern = %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} - %msg%n %qq",
      "LOG_INVALID_PATTERN",
      3,
      "appender.c.layout.pattern",
    ],
    [
      "appender.c.type = Console\nappender.c.filter.m.type = MarkerFilter",
      "LOG_UNKNOWN_FILTER",
      2,
      "appender.c.filter.m.type",
    ],
    [
      "appender.c.type = Console\nappender.c.filter.r.type = RegexFilter\nappender.c.filter.r.regex = (unclosed",
      "LOG_INVALID_VALUE",
      3,
      "appender.c.filter.r.regex",
    ],
    [
      "appender.c.type = Console\nappender.c.filter.r.type = RegexFilter\nappender.c.filter.r.regex = x\nappender.c.filter.r.onMatch = maybe",
      "LOG_INVALID_VALUE",
      4,
      "appender.c.filter.r.onMatch",
    ],
    [
      "appender.r.type = RollingFile\nappender.r.fileName = a.log\nappender.r.filePattern = a-%d{yyyy-MM-dd}.log\nappender.r.policies.type = Policies\nappender.r.policies.time.type = TimeBasedTriggeringPolicy",
      "LOG_UNSUPPORTED",
      5,
      "appender.r.policies.time.type",
    ],
    [
      "appender.r.type = RollingFile\nappender.r.fileName = a.log",
      "LOG_MISSING_VALUE",
      1,
      "appender.r.type",
    ],
    [
      "appender.r.type = RollingFile\nappender.r.fileName = a.log\nappender.r.filePattern = a-%i.zip",
      "LOG_UNSUPPORTED",
      3,
      "appender.r.filePattern",
    ],
    [
      "appender.c.type = Console\nappender.c.widget.type = Widget",
      "LOG_UNKNOWN_COMPONENT",
      2,
      "appender.c.widget.type",
    ],
    [
      "logger.x.name = a\nlogger.x.filter.t.type = ThresholdFilter",
      "LOG_UNSUPPORTED",
      2,
      "logger.x.filter",
    ],
    ["tributary.log.format = xml", "LOG_INVALID_VALUE", 1, "tributary.log.format"],
    ["tributary.log.timeZone = Mars/Olympus", "LOG_INVALID_TIME_ZONE", 1, "tributary.log.timeZone"],
  ])("%j -> %s", (text, code, line, key) => {
    const error = configError(() => parse(text));
    expect(error.code).toBe(code);
    expect(error.context).toMatchObject({ file: "conf/log4j2.properties", line, key });
    expect(error.message.startsWith(`conf/log4j2.properties:${line}: ${key}: `)).toBe(true);
    expect(error.hint).toBeTruthy();
  });
});
