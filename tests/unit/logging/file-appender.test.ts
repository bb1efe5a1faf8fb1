import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  compilePattern,
  configureLogging,
  FileAppender,
  getLogger,
  resetLogging,
} from "../../../src/logging/index.js";
import { AT, configError, event, useTempDirs } from "./helpers.js";

afterEach(() => resetLogging());
const tempDir = useTempDirs();
const plain = compilePattern("%m%n", { eol: "\n" });
const read = (path: string) => readFileSync(path, "utf8");

describe("file appenders from configuration", () => {
  it("write the log4j 1 FileAppender's file, creating its directory", async () => {
    const dir = await tempDir();
    await configureLogging({
      text: `log4j.rootLogger=INFO, F
log4j.appender.F=org.apache.log4j.FileAppender
log4j.appender.F.File=\${log.dir}/nested/app.log
log4j.appender.F.layout=org.apache.log4j.PatternLayout
log4j.appender.F.layout.ConversionPattern=%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
`,
      file: "log4j.properties",
      variables: { "log.dir": dir },
      clock: () => AT,
      overrides: { timeZone: "UTC" },
    });
    getLogger("com.acme.DataIngestionPipeline").info("Starting");
    getLogger("com.acme.DataIngestionPipeline").debug("hidden");
    expect(read(join(dir, "nested/app.log"))).toBe(
      "24/01/31 09:05:03 INFO DataIngestionPipeline: Starting\n",
    );
  });

  it("append by default and truncate with append = false (log4j 2 File)", async () => {
    const dir = await tempDir();
    const path = join(dir, "app.log");
    writeFileSync(path, "old\n");
    const config = (append: boolean) => `rootLogger.level = info
rootLogger.appenderRef.f.ref = f
appender.f.type = File
appender.f.fileName = ${path}
appender.f.append = ${append}
appender.f.layout.type = PatternLayout
appender.f.layout.pattern = %m%n`;
    await configureLogging({ text: config(true), file: "log4j2.properties" });
    getLogger("a").info("new");
    expect(read(path)).toBe("old\nnew\n");
    await configureLogging({ text: config(false), file: "log4j2.properties" });
    getLogger("a").info("fresh");
    expect(read(path)).toBe("fresh\n");
  });

  it("roll as log4j 1's RollingFileAppender: file.1 is the newest backup", async () => {
    const dir = await tempDir();
    const path = join(dir, "app.log");
    await configureLogging({
      text: `log4j.rootLogger=INFO, R
log4j.appender.R=org.apache.log4j.RollingFileAppender
log4j.appender.R.File=${path}
log4j.appender.R.MaxFileSize=10
log4j.appender.R.MaxBackupIndex=2
log4j.appender.R.layout=org.apache.log4j.PatternLayout
log4j.appender.R.layout.ConversionPattern=%m%n`,
      file: "log4j.properties",
    });
    for (const m of ["first-line", "second-line", "third-line", "fourth-line", "tail"])
      getLogger("r").info(m);
    expect(read(path)).toBe("tail\n");
    expect(read(`${path}.1`)).toBe("fourth-line\n");
    expect(read(`${path}.2`)).toBe("third-line\n");
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  it("roll as log4j 2's RollingFile: the highest index is the newest, .gz is compressed", async () => {
    const dir = await tempDir();
    await configureLogging({
      text: `rootLogger.level = info
rootLogger.appenderRef.r.ref = r
appender.r.type = RollingFile
appender.r.name = r
appender.r.fileName = ${dir}/app.log
appender.r.filePattern = ${dir}/app-%i.log.gz
appender.r.layout.type = PatternLayout
appender.r.layout.pattern = %m%n
appender.r.policies.type = Policies
appender.r.policies.size.type = SizeBasedTriggeringPolicy
appender.r.policies.size.size = 4
appender.r.strategy.type = DefaultRolloverStrategy
appender.r.strategy.max = 2`,
      file: "log4j2.properties",
    });
    for (const m of ["one", "two", "three", "four"]) getLogger("r").info(m);
    const gz = (i: number) =>
      gunzipSync(readFileSync(join(dir, `app-${i}.log.gz`))).toString("utf8");
    expect(gz(1)).toBe("three\n");
    expect(gz(2)).toBe("four\n");
    expect(read(join(dir, "app.log"))).toBe("");
  });
});

describe("FileAppender", () => {
  it("names dated backups from %d{...}, and truncates with MaxBackupIndex 0", async () => {
    const dir = await tempDir();
    const path = join(dir, "a.log");
    const rolling = {
      maxBytes: 3,
      maxBackups: 1,
      filePattern: `${dir}/a-%d{yyyyMMdd}-%i.log`,
      fileIndex: "min" as const,
    };
    const appender = new FileAppender({ path, layout: plain, rolling, clock: () => AT });
    appender.append(event({ message: "abc" }));
    appender.close();
    expect(read(join(dir, "a-20240131-1.log"))).toBe("abc\n");

    const truncating = new FileAppender({
      path,
      layout: plain,
      rolling: { ...rolling, maxBackups: 0 },
    });
    truncating.append(event({ message: "xyz" }));
    truncating.append(event({ message: "k" }));
    truncating.close();
    expect(read(path)).toBe("k\n");
  });

  it("reports a file it cannot open as a ConfigError naming the path", async () => {
    const dir = await tempDir();
    const blocker = join(dir, "not-a-dir");
    writeFileSync(blocker, "");
    const error = configError(() => new FileAppender({ path: join(blocker, "app.log") }));
    expect(error.code).toBe("LOG_FILE_UNWRITABLE");
    expect(error.context).toMatchObject({ file: join(blocker, "app.log") });
  });
});
