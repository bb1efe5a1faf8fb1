/**
 * S3 credentials. Static keys from the settings are held in private fields, so printing,
 * inspecting or serialising a config never shows them. Without static keys the standard AWS
 * chain of `@aws-sdk/credential-provider-node` applies, in its order: environment
 * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), SSO, the shared files
 * `~/.aws/credentials` and `~/.aws/config` (profile from `AWS_PROFILE`), `credential_process`,
 * web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`), then the ECS container and
 * EC2 instance metadata endpoints. Whatever the chain finds is registered with the redactor.
 */
import { inspect } from "node:util";
import { REDACTION_REPLACEMENT } from "../../config/redaction.js";
import { registerSecret } from "../../logging/redactor.js";

/** What the AWS SDK signs with. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** A function the SDK calls for credentials (and again when they expire). */
export type CredentialsProvider = () => Promise<AwsCredentials>;

/** Static keys, never printed. */
export class S3Credentials {
  readonly #accessKeyId: string;
  readonly #secretAccessKey: string;
  readonly #sessionToken: string | undefined;

  constructor(accessKeyId: string, secretAccessKey: string, sessionToken?: string) {
    this.#accessKeyId = accessKeyId;
    this.#secretAccessKey = secretAccessKey;
    this.#sessionToken = sessionToken;
  }

  /** The keys, for the signer only. */
  reveal(): AwsCredentials {
    return {
      accessKeyId: this.#accessKeyId,
      secretAccessKey: this.#secretAccessKey,
      ...(this.#sessionToken === undefined ? {} : { sessionToken: this.#sessionToken }),
    };
  }

  toJSON(): Record<string, string> {
    return { accessKeyId: REDACTION_REPLACEMENT, secretAccessKey: REDACTION_REPLACEMENT };
  }

  [inspect.custom](): string {
    return `S3Credentials { ${REDACTION_REPLACEMENT} }`;
  }
}

/** The provider for a bucket: its static keys, else the AWS chain (loaded on first use). */
export function credentialsProvider(credentials: S3Credentials | undefined): CredentialsProvider {
  if (credentials !== undefined) {
    const keys = credentials.reveal();
    return async () => keys;
  }
  let chain: CredentialsProvider | undefined;
  return async () => {
    if (chain === undefined) {
      const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
      chain = defaultProvider();
    }
    const found = await chain();
    registerSecret(found.secretAccessKey);
    if (found.sessionToken !== undefined) registerSecret(found.sessionToken);
    return found;
  };
}
