/**
 * `${...}` in logging files. log4j 1 (`OptionConverter.substVars`) looks a name up in system
 * properties, then in the file itself, substitutes the result again, and prints an unknown name
 * as nothing. log4j 2 reads `${name}` from the file's `property.name` entries, `${sys:name}`
 * from system properties, `${env:NAME}` from the environment, takes `${name:-default}` when
 * the name is unknown, leaves other unknown references as written and prints `$${x}` as `${x}`.
 */

// Deep enough for any honest chain of references; a cycle stops here instead of overflowing.
const MAX_DEPTH = 16;
const REFERENCE = /\$\{([^{}]*)\}/g;

/**
 * log4j 1 substitution.
 *
 * @example
 * ```ts
 * substituteLog4j1("${spark.log.dir}/app.log", (n) => (n === "spark.log.dir" ? "/var/log" : undefined));
 * // "/var/log/app.log"
 * ```
 */
export function substituteLog4j1(
  value: string,
  lookup: (name: string) => string | undefined,
  depth = 0,
): string {
  if (depth >= MAX_DEPTH) return value;
  return value.replace(REFERENCE, (_all, name: string) => {
    const found = lookup(name);
    return found === undefined ? "" : substituteLog4j1(found, lookup, depth + 1);
  });
}

/** A log4j 2 lookup: `prefix` is `sys`, `env` or undefined for the file's own properties. */
export type Log4j2Lookup = (prefix: string | undefined, name: string) => string | undefined;

/**
 * log4j 2 substitution.
 *
 * @example
 * ```ts
 * substituteLog4j2("${env:LOG_DIR:-logs}/app.log", () => undefined); // "logs/app.log"
 * ```
 */
export function substituteLog4j2(value: string, lookup: Log4j2Lookup, depth = 0): string {
  if (depth >= MAX_DEPTH) return value;
  // The optional leading "$" catches $${...}, which stands for a literal ${...}.
  return value.replace(/\$?\$\{([^{}]*)\}/g, (all, body: string) => {
    if (all.startsWith("$$")) return all.slice(1);
    const [reference = "", fallback] = splitDefault(body);
    const colon = reference.indexOf(":");
    const prefix = colon === -1 ? undefined : reference.slice(0, colon);
    const name = colon === -1 ? reference : reference.slice(colon + 1);
    const found = lookup(prefix, name) ?? fallback;
    return found === undefined ? all : substituteLog4j2(found, lookup, depth + 1);
  });
}

function splitDefault(body: string): [string, string | undefined] {
  const at = body.indexOf(":-");
  return at === -1 ? [body, undefined] : [body.slice(0, at), body.slice(at + 2)];
}
