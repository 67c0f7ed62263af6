/**
 * Sesame's options from the variables a serverless platform hands over (Cloudflare
 * bindings, Vercel's environment): everything but the store, which each platform
 * opens its own way, and the proxy header, which each platform sets its own way.
 * Web APIs only.
 */
import { SesameError } from "../core/errors.js";
import type { Mailer } from "../core/ports.js";
import { HTTP_MAILER_VARIABLES, httpMailerFromEnv, type HttpMailerEnv } from "../mail/http/from-env.js";
import { parseRateLimitSetting, type SesameOptions } from "../options.js";

export interface SesameEnv extends HttpMailerEnv {
  SESAME_BASE_URL?: string | undefined;
  /** Seals queued mail; every instance must have the same one (a Worker secret, a Vercel variable). */
  SESAME_SECRET?: string | undefined;
  MAIL_FROM?: string | undefined;
  SESAME_APP_NAME?: string | undefined;
  SESAME_UNIFORM_RESPONSES?: string | undefined;
  /** Wrong codes and approval numbers per address, `10/3600` or `off` (S27). */
  SESAME_GUESS_LIMIT?: string | undefined;
  /** Mail a notice after a login by code or approval: `on` (the default) or `off`. */
  SESAME_LOGIN_NOTICES?: string | undefined;
  SESAME_RATE_LIMIT_ADDRESS?: string | undefined;
  SESAME_RATE_LIMIT_CLIENT?: string | undefined;
  /** Seconds before a failed mail's first retry (then doubling); a cron trigger or `sesame deliver` runs it. */
  SESAME_MAIL_RETRY_SECONDS?: string | undefined;
}

export function optionsFromEnv(env: SesameEnv): Pick<SesameOptions, "baseUrl" | "secret" | "mailer" | "appName" | "uniformResponses" | "guessLimit" | "loginNotices" | "rateLimits" | "mailRetrySeconds"> {
  if (!env.SESAME_BASE_URL) throw new SesameError("invalid_options", "SESAME_BASE_URL is not set");
  // Required here: a mail queued by one instance is retried by another (the cron), which must open it.
  if (!env.SESAME_SECRET) throw new SesameError("invalid_options", "SESAME_SECRET is not set (at least 32 characters, the same on every instance)");
  return {
    baseUrl: env.SESAME_BASE_URL,
    secret: env.SESAME_SECRET,
    mailer: mailerFor(env),
    appName: env.SESAME_APP_NAME,
    uniformResponses: onOrOff(env.SESAME_UNIFORM_RESPONSES, "SESAME_UNIFORM_RESPONSES"),
    loginNotices: env.SESAME_LOGIN_NOTICES === undefined || env.SESAME_LOGIN_NOTICES === "" || onOrOff(env.SESAME_LOGIN_NOTICES, "SESAME_LOGIN_NOTICES"),
    ...(env.SESAME_GUESS_LIMIT !== undefined && env.SESAME_GUESS_LIMIT !== "" && { guessLimit: guessLimit(env.SESAME_GUESS_LIMIT) }),
    ...(env.SESAME_MAIL_RETRY_SECONDS !== undefined && { mailRetrySeconds: seconds(env.SESAME_MAIL_RETRY_SECONDS, "SESAME_MAIL_RETRY_SECONDS") }),
    rateLimits: {
      ...(env.SESAME_RATE_LIMIT_ADDRESS !== undefined && { perAddress: rules(env.SESAME_RATE_LIMIT_ADDRESS, "SESAME_RATE_LIMIT_ADDRESS") }),
      ...(env.SESAME_RATE_LIMIT_CLIENT !== undefined && { perClient: rules(env.SESAME_RATE_LIMIT_CLIENT, "SESAME_RATE_LIMIT_CLIENT") }),
    },
  };
}

/** The answer when the options cannot be read or the store cannot be opened: never a bare 500. */
export function notStarted(error: unknown): Response {
  const message = error instanceof SesameError && error.code === "invalid_options" ? `Sesame is not configured: ${error.message}` : "Sesame could not start.";
  console.error(JSON.stringify({ level: "error", event: "start_failed", message: (error as Error).message }));
  return new Response(message, { status: 503, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" } });
}

function rules(value: string, name: string) {
  const parsed = parseRateLimitSetting(value);
  if (!parsed) throw new SesameError("invalid_options", `${name} must be like 1/60,5/3600 or off`);
  return parsed;
}

/** One rule (`10/3600`) or `off`; the range is checked with the other options. */
function guessLimit(value: string) {
  const parsed = parseRateLimitSetting(value);
  if (!parsed || parsed.length > 1) throw new SesameError("invalid_options", "SESAME_GUESS_LIMIT must be like 10/3600 or off");
  return parsed[0] ?? false;
}

/** As `sesame serve` reads it: a privacy setting must not be silently off because of a spelling. */
function onOrOff(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "") return false;
  if (value === "on" || value === "true" || value === "1") return true;
  if (value === "off" || value === "false" || value === "0") return false;
  throw new SesameError("invalid_options", `${name} must be on or off, got ${JSON.stringify(value)}`);
}

function seconds(value: string, name: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 3600) throw new SesameError("invalid_options", `${name} must be a whole number of seconds from 1 to 3600`);
  return parsed;
}

function mailerFor(env: SesameEnv): Mailer {
  const mailer = httpMailerFromEnv(env, env.MAIL_FROM, "MAIL_FROM");
  if (!mailer) throw new SesameError("invalid_options", `no mail provider is configured: set ${HTTP_MAILER_VARIABLES}`);
  return mailer;
}
