/**
 * Loads a pipeline module for `tributary run`, as spark-submit runs a script from anywhere:
 * TypeScript through tsx; `import ... from "tributary-etl"` resolved to this CLI's own package
 * when the file's directory has none; a file that does not load (a syntax error, a missing
 * import) reported as an error with its location, not as a compiler's stack.
 */
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { register } from "node:module";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { TributaryError } from "../errors.js";
import { CliError } from "./cli-error.js";

/** The `type` of the package.json nearest to `file` ("commonjs" when none says "module"). */
function packageType(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const type = (JSON.parse(readFileSync(pkg, "utf8")) as { type?: unknown }).type;
      return type === "module" ? "module" : "commonjs";
    }
    if (dirname(dir) === dir) return "commonjs";
  }
}

/**
 * The file to import. A `.ts` pipeline outside an ESM package would be compiled as
 * CommonJS, where top-level `await` (what every pipeline starts with) is a syntax error:
 * such a file is imported through a sibling `.mts` copy, so relative imports still resolve.
 */
function esmEntry(file: string): { path: string; cleanup: () => void } {
  if (!/\.tsx?$/.test(file) || packageType(file) === "module")
    return { path: file, cleanup: () => {} };
  const copy = join(
    dirname(file),
    `.${basename(file).replace(/\.tsx?$/, "")}.tributary-${process.pid}.mts`,
  );
  copyFileSync(file, copy);
  return { path: copy, cleanup: () => rmSync(copy, { force: true }) };
}

/**
 * A loader hook (run on Node's loader thread, hence source text): `tributary` resolves as
 * usual, and only when that fails, to the very module this CLI runs (its `index`), so the
 * pipeline and the CLI share one copy of the library.
 */
const FALLBACK_HOOK = `
let index;
export function initialize(data) { index = data.index; }
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (specifier === "tributary-etl" && e && e.code === "ERR_MODULE_NOT_FOUND")
      return next(index, context);
    throw e;
  }
}`;

const REGISTERED = Symbol.for("tributary.cli.packageFallback");
const flags = globalThis as { [REGISTERED]?: boolean };

function registerPackageFallback(): void {
  if (flags[REGISTERED] === true) return;
  flags[REGISTERED] = true;
  register(`data:text/javascript,${encodeURIComponent(FALLBACK_HOOK)}`, {
    data: { index: new URL("../index.js", import.meta.url).href },
  });
}

/** esbuild's "Transform failed with 1 error:\n<file>:<line>:<col>: ERROR: <text>". */
function compileError(e: unknown): string | undefined {
  if (!(e instanceof Error) || !e.message.startsWith("Transform failed")) return undefined;
  const m = /:(\d+):(\d+): ERROR: (.*)$/m.exec(e.message);
  return m === null ? e.message : `line ${m[1]}, column ${m[2]}: ${m[3]}`;
}

/** Imports `file` (absolute) and returns its exports. */
export async function loadPipelineModule(
  file: string,
  shown: string,
  args: readonly string[],
): Promise<Record<string, unknown>> {
  const entry = esmEntry(file);
  // argv[1] is the module imported, so the `import.meta.url === argv[1]` idiom holds.
  process.argv = [process.argv[0] ?? "node", entry.path, ...args];
  registerPackageFallback();
  const { register: registerTsx } = await import("tsx/esm/api");
  const unregister = registerTsx();
  try {
    return (await import(pathToFileURL(entry.path).href)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TributaryError || (e instanceof Error && "hint" in e)) throw e;
    const where = (text: string) => text.replaceAll(entry.path, file);
    const syntax = compileError(e);
    if (syntax !== undefined)
      throw new CliError("CLI_PIPELINE_SYNTAX", `${shown} does not compile: ${where(syntax)}`, {
        cause: e,
        hint: "Fix the code at that line (npx tsc --noEmit shows every error).",
        context: { path: file },
      });
    const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
    const message = where(e instanceof Error ? e.message : String(e));
    if (code === "ERR_MODULE_NOT_FOUND")
      throw new CliError("CLI_PIPELINE_IMPORT", `${shown} cannot be loaded: ${message}`, {
        cause: e,
        hint: "Install the missing package (npm install <name>) or fix the import path.",
        context: { path: file },
      });
    throw new CliError("CLI_PIPELINE_FAILED", `${shown} failed while loading: ${message}`, {
      cause: e,
      hint: `The error was raised by the pipeline's own code${frameIn(e, entry.path, file)}; TRIBUTARY_DEBUG=1 prints the stack.`,
      context: { path: file },
    });
  } finally {
    entry.cleanup();
    await unregister();
  }
}

/** ` at <file>:<line>` for the pipeline file's first stack frame, if any. */
function frameIn(e: unknown, entry: string, file: string): string {
  if (!(e instanceof Error) || e.stack === undefined) return "";
  const url = pathToFileURL(entry).href;
  const line = e.stack.split("\n").find((l) => l.includes(url) || l.includes(entry));
  const at = line === undefined ? undefined : /:(\d+):(\d+)\)?$/.exec(line);
  return at === undefined || at === null ? "" : ` at ${file}:${at[1]}:${at[2]}`;
}
