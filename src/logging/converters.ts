/**
 * The conversion table of the pattern layout: one entry per converter name (log4j 1's letters
 * and log4j 2's long names), each a factory that reads its `{options}` once and returns a
 * function from event to text. Location converters (`%C %F %L %M %l`) print `?`, as log4j
 * does when caller data is unavailable: JavaScript has no cheap caller lookup.
 */
import { threadId } from "node:worker_threads";
import { type ConfigLocation, loggingConfigError } from "./config-error.js";
import {
  compileDateFormat,
  DEFAULT_DATE_PATTERN,
  type Dialect,
  namedDatePattern,
} from "./date-format.js";
import type { LogEvent } from "./event.js";
import { abbreviator } from "./logger-name.js";
import { throwableConverter } from "./throwable.js";
import { resolveTimeZone, type TimeZone } from "./time-zone.js";

/** What every converter may depend on. */
export interface ConverterContext {
  readonly dialect: Dialect;
  readonly zone: TimeZone;
  /** `%r` counts milliseconds from here. */
  readonly startTime: number;
  readonly eol: string;
  readonly where: ConfigLocation | undefined;
}

/** Renders one converter; `soFar` is the line up to here (`%ex` looks at its last character). */
export type Convert = (event: LogEvent, soFar: string) => string;

type Factory = (options: readonly string[], ctx: ConverterContext) => Convert;

function dateConverter(options: readonly string[], ctx: ConverterContext): Convert {
  const [format, zoneId] = options;
  const zone = zoneId === undefined ? ctx.zone : resolveTimeZone(zoneId, ctx.where);
  const named = format === undefined || format.trim() === "" ? DEFAULT_DATE_PATTERN : format;
  if (named.toUpperCase() === "UNIX") return (e) => String(Math.floor(e.timestamp / 1000));
  if (named.toUpperCase() === "UNIX_MILLIS") return (e) => String(e.timestamp);
  const render = compileDateFormat(namedDatePattern(named, ctx.dialect), zone, ctx.where);
  return (e) => render(e.timestamp);
}

function levelConverter(options: readonly string[], ctx: ConverterContext): Convert {
  const labels = new Map<string, string>();
  let length = Number.POSITIVE_INFINITY;
  let lowerCase = false;
  for (const option of (options[0] ?? "").split(",").filter((o) => o.trim() !== "")) {
    const [key = "", value = ""] = option.split("=").map((s) => s.trim());
    if (key === "length") length = Number(value);
    else if (key === "lowerCase") lowerCase = value.toLowerCase() === "true";
    else if (/^[A-Z]+$/.test(key)) labels.set(key, value);
    else {
      throw loggingConfigError(
        "LOG_INVALID_PATTERN",
        ctx.where,
        `unknown %level option "${option.trim()}"`,
        "Use length=N, lowerCase=true or LEVEL=label options, e.g. %level{WARN=W, lowerCase=true}.",
      );
    }
  }
  return (e) => {
    const label = labels.get(e.level) ?? e.level.slice(0, length);
    return lowerCase ? label.toLowerCase() : label;
  };
}

function mdcConverter(options: readonly string[], ctx: ConverterContext): Convert {
  const keys = (options[0] ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  if (keys.length === 1) return (e) => e.mdc.get(keys[0] ?? "") ?? "";
  const pick = (e: LogEvent): [string, string][] =>
    keys.length === 0
      ? [...e.mdc]
      : keys.flatMap((k) => (e.mdc.has(k) ? [[k, e.mdc.get(k) ?? ""]] : []));
  // log4j 1 prints the whole map as {{k,v}{k2,v2}}, log4j 2 as {k=v, k2=v2}.
  if (ctx.dialect === "log4j1")
    return (e) =>
      `{${pick(e)
        .map(([k, v]) => `{${k},${v}}`)
        .join("")}}`;
  return (e) =>
    `{${pick(e)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")}}`;
}

const unknownLocation: Factory = () => () => "?";

function sequence(): Convert {
  let next = 1;
  return () => String(next++);
}

const FACTORIES: Readonly<Record<string, Factory>> = {
  c: (o, ctx) => {
    const shorten = abbreviator(o[0], ctx.dialect, ctx.where);
    return (e) => shorten(e.logger);
  },
  d: dateConverter,
  p: levelConverter,
  m: () => (e) => e.message,
  n: (_o, ctx) => () => ctx.eol,
  t: () => (e) => e.thread,
  T: () => () => String(threadId),
  r: (_o, ctx) => (e) => String(Math.max(0, Math.floor(e.timestamp - ctx.startTime))),
  // log4j 1 prints the NDC stack joined by spaces, log4j 2 as a list ("[]" when empty).
  x: (_o, ctx) =>
    ctx.dialect === "log4j1" ? (e) => e.ndc.join(" ") : (e) => `[${e.ndc.join(", ")}]`,
  X: mdcConverter,
  ex: (o, ctx) => throwableConverter(o, ctx.dialect, ctx.eol, ctx.where),
  C: unknownLocation,
  F: unknownLocation,
  L: unknownLocation,
  M: unknownLocation,
  l: unknownLocation,
  pid: () => () => String(process.pid),
  sn: sequence,
};

const ALIASES: Readonly<Record<string, string>> = {
  logger: "c",
  date: "d",
  level: "p",
  msg: "m",
  message: "m",
  thread: "t",
  tn: "t",
  threadName: "t",
  tid: "T",
  threadId: "T",
  relative: "r",
  NDC: "x",
  mdc: "X",
  MDC: "X",
  throwable: "ex",
  exception: "ex",
  xEx: "ex",
  xThrowable: "ex",
  xException: "ex",
  rEx: "ex",
  rThrowable: "ex",
  rException: "ex",
  class: "C",
  file: "F",
  line: "L",
  method: "M",
  location: "l",
  processId: "pid",
  sequenceNumber: "sn",
};

/** Every converter name the layout understands. */
export const CONVERTER_NAMES: readonly string[] = [
  ...Object.keys(FACTORIES),
  ...Object.keys(ALIASES),
];

/** Names whose converter prints the attached error (so the layout does not append it again). */
export function printsThrowable(name: string): boolean {
  return name === "ex" || (Object.hasOwn(ALIASES, name) && ALIASES[name] === "ex");
}

/**
 * Builds the converter `name` (a name from {@link CONVERTER_NAMES}).
 *
 * @example
 * ```ts
 * const level = createConverter("p", [], ctx);
 * level(event, ""); // "INFO"
 * ```
 */
export function createConverter(
  name: string,
  options: readonly string[],
  ctx: ConverterContext,
): Convert {
  const key = Object.hasOwn(ALIASES, name) ? (ALIASES[name] ?? name) : name;
  const factory = Object.hasOwn(FACTORIES, key) ? FACTORIES[key] : undefined;
  if (factory === undefined) {
    throw loggingConfigError(
      "LOG_INVALID_PATTERN",
      ctx.where,
      `unknown conversion "%${name}"`,
      `Use one of: ${CONVERTER_NAMES.map((n) => `%${n}`).join(", ")}.`,
    );
  }
  return factory(options, ctx);
}
