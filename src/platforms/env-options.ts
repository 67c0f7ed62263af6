/**
 * Sesame's options from the variables a serverless platform hands over (Cloudflare
 * bindings, Vercel's environment), read as every entry reads them
 * (src/config/environment.ts): everything but the store, which each platform opens its
 * own way. Web APIs only.
 */
import { ConfigError, SesameError } from "../core/errors.js";
import { readEnvironment, sesameOptionsFrom, type EnvironmentConfig, type ServerlessPlatform } from "../config/environment.js";
import type { Mailer } from "../core/ports.js";
import { DevMailbox } from "../mail/dev.js";
import { createHttpMailer, type HttpMailerEnv } from "../mail/http/from-env.js";

/** The variables Workers and Vercel read (besides a platform's own: D1's `DB`, Vercel's `DATABASE_URL`). */
export interface SesameEnv extends HttpMailerEnv {
  SESAME_BASE_URL?: string | undefined;
  /** Seals queued mail; every instance must have the same one (a Worker secret, a Vercel variable). */
  SESAME_SECRET?: string | undefined;
  /** The From of every mail: one mailbox, `Example <no-reply@example.com>`. */
  SESAME_MAIL_FROM?: string | undefined;
  /** @deprecated The old name of SESAME_MAIL_FROM: still read, with a warning, until the next release. */
  MAIL_FROM?: string | undefined;
  SESAME_APP_NAME?: string | undefined;
  SESAME_ACCENT_COLOR?: string | undefined;
  SESAME_LOGO_URL?: string | undefined;
  SESAME_AFTER_LOGIN_PATH?: string | undefined;
  SESAME_UNIFORM_RESPONSES?: string | undefined;
  /** Wrong codes and approval numbers per address, `10/3600` or `off` (S27). */
  SESAME_GUESS_LIMIT?: string | undefined;
  /** Mail a notice after a login by code or approval: `on` (the default) or `off`. */
  SESAME_LOGIN_NOTICES?: string | undefined;
  SESAME_RATE_LIMIT_ADDRESS?: string | undefined;
  SESAME_RATE_LIMIT_CLIENT?: string | undefined;
  /** Seconds before a failed mail's first retry (then doubling); a cron trigger or `sesame deliver` runs it. */
  SESAME_MAIL_RETRY_SECONDS?: string | undefined;
  SESAME_MAIL_LEASE_SECONDS?: string | undefined;
  /** `dev` on Workers, under `wrangler dev` with a loopback base URL only: the development mailbox at /_dev/mail. */
  SESAME_MAILER?: string | undefined;
}

/** The options and (on Vercel) the database a serverless entry starts with; throws a ConfigError for a setting to fix. */
export function startFromEnv(env: SesameEnv, platform: ServerlessPlatform) {
  const config = readEnvironment(env, { platform, warn: logWarning });
  return { options: { ...sesameOptionsFrom(config), secret: config.secret, ...mailerOptions(config) }, database: config.database };
}

/** An HTTP provider; or, under `wrangler dev` on a loopback base URL (the reader checks), the development mailbox. */
function mailerOptions(config: EnvironmentConfig): { mailer: Mailer; devMailbox?: DevMailbox } {
  if (config.mailer.type === "dev") {
    const devMailbox = new DevMailbox();
    return { mailer: devMailbox, devMailbox };
  }
  // The reader refuses Workers and Vercel without an HTTP provider and its From address.
  if (config.mailer.type !== "http" || config.mailFrom === undefined) throw new ConfigError("no mail provider is configured");
  return { mailer: createHttpMailer(config.mailer.provider, config.mailFrom) };
}

/** The options a serverless platform's variables set (Workers unless told otherwise). */
export function optionsFromEnv(env: SesameEnv, platform: ServerlessPlatform = "workers") {
  return startFromEnv(env, platform).options;
}

/** The answer when the options cannot be read or the store cannot be opened: never a bare 500. */
export function notStarted(error: unknown): Response {
  const message = error instanceof SesameError && error.code === "invalid_options" ? `Sesame is not configured: ${error.message}` : "Sesame could not start.";
  console.error(JSON.stringify({ level: "error", event: "start_failed", message: (error as Error).message }));
  return new Response(message, { status: 503, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" } });
}

/** A warning while reading the variables (a renamed one), as one JSON line in the platform's log. */
function logWarning(message: string): void {
  console.warn(JSON.stringify({ level: "warn", event: "config_warning", message }));
}
