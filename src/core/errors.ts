/**
 * Errors Sesame throws. Expected outcomes of a flow (an expired link, an unknown
 * token) are returned as values, never thrown; a SesameError means misconfiguration,
 * an unavailable dependency, or a bug. Each carries a stable `code` that callers may
 * branch on; the message is for people and may change.
 */
export type SesameErrorCode =
  | "invalid_options"
  | "store_unavailable"
  | "mailer_unavailable"
  /** The mail service refused the message for good (an SMTP 5xx, an unknown recipient): trying again cannot help. */
  | "mail_rejected"
  | "migration_failed"
  /** The key that signs access tokens cannot be opened: it was sealed under another secret. */
  | "signing_key_unavailable";

export class SesameError extends Error {
  override readonly name = "SesameError";
  constructor(
    readonly code: SesameErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A setting Sesame was started with is missing or wrong (an environment variable, or a
 * file or address it names): thrown before anything listens, with code `invalid_options`
 * and a one-line message that names the setting and never echoes a secret.
 */
export class ConfigError extends SesameError {
  /** The environment variable at fault, when there is one. */
  readonly variable: string | undefined;
  constructor(message: string, options?: { variable?: string; cause?: unknown }) {
    super("invalid_options", message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.variable = options?.variable;
  }
}

/** Thrown by stores when the database cannot be reached or written. */
export function storeUnavailable(cause: unknown): SesameError {
  return new SesameError("store_unavailable", "The database could not be reached", { cause });
}

/** Thrown by mailers when a message could not be handed to the mail service. */
export function mailerUnavailable(cause: unknown): SesameError {
  return new SesameError("mailer_unavailable", "The mail service could not accept the message", { cause });
}

/** Thrown by mailers when the mail service refuses a message permanently: it is dropped, not retried. */
export function mailRejected(cause: unknown): SesameError {
  return new SesameError("mail_rejected", "The mail service refused the message permanently", { cause });
}
