/**
 * The bearer token a Spark Connect server we start demands. Spark Connect has no
 * authentication of its own beyond a pre-shared token (`spark.connect.authenticate.token`,
 * or `SPARK_CONNECT_AUTHENTICATE_TOKEN`), and it listens on every interface: so a server we
 * deploy always has one unless the user explicitly asks for an open server (`--insecure`).
 * A generated token is kept, mode 600, in the state folder so the next start reuses it.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ErrorCode } from "../../errors.js";
import { registerSecret } from "../../logging/redactor.js";

/** The environment variable Spark's Connect server reads its token from. */
export const TOKEN_ENV = "SPARK_CONNECT_AUTHENTICATE_TOKEN";

/** The token in force, and where it came from. */
export type ServerToken =
  | { readonly kind: "given"; readonly token: string }
  | {
      readonly kind: "generated";
      readonly token: string;
      readonly file: string;
      readonly fresh: boolean;
    }
  | { readonly kind: "none" };

/** Options of {@link serverToken}. */
export interface ServerTokenOptions {
  /** The environment: a non-empty `SPARK_CONNECT_AUTHENTICATE_TOKEN` is used as is. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a generated token is kept (`connect-token` in it). */
  readonly stateDir: string;
  /** Start without a token: anyone who reaches the port may run code on the cluster. */
  readonly insecure: boolean;
}

/**
 * The token a new server should demand: the user's, else the stored one, else a new one.
 *
 * @example
 * ```ts
 * const t = await serverToken({ env: process.env, stateDir: ".tributary/spark", insecure: false });
 * if (t.kind !== "none") childEnv.SPARK_CONNECT_AUTHENTICATE_TOKEN = t.token;
 * ```
 */
export async function serverToken(options: ServerTokenOptions): Promise<ServerToken> {
  if (options.insecure) return { kind: "none" };
  const given = options.env[TOKEN_ENV];
  if (given !== undefined && given !== "") {
    registerSecret(given);
    return { kind: "given", token: given };
  }
  const file = join(options.stateDir, "connect-token");
  const stored = await readStored(file);
  if (stored !== undefined) {
    registerSecret(stored);
    return { kind: "generated", token: stored, file, fresh: false };
  }
  const token = randomBytes(32).toString("base64url");
  registerSecret(token);
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  await writeFile(file, token, { mode: 0o600 });
  // The mode given to writeFile is filtered by the umask; make it exactly owner-only.
  await chmod(file, 0o600);
  return { kind: "generated", token, file, fresh: true };
}

async function readStored(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    return text === "" ? undefined : text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === ErrorCode.ENOENT) return undefined;
    throw e;
  }
}
