/**
 * The CLI's configuration, read from the environment and checked before anything
 * listens: a mistake is one clear line, not a stack trace or a half-started server.
 */
import { checkLogoUrl, parseRateLimitSetting, type RateLimitOptions, type RateLimitRule, type TrustProxy } from "../options.js";
import { HEX_COLOR } from "../theme.js";
import { fromAddressProblem, parseFromAddress } from "../mail/headers.js";

export type MailerSetting = { type: "dev" } | { type: "file"; path: string } | { type: "smtp"; url: string };

export type DatabaseSetting =
  | { type: "sqlite"; path: string }
  | { type: "postgres"; url: string; poolSize: number; statementTimeoutMs: number };

export interface CliConfig {
  port: number;
  host: string;
  baseUrl: string;
  database: DatabaseSetting;
  mailer: MailerSetting;
  mailFrom: string | undefined;
  appName: string | undefined;
  accentColor: string | undefined;
  logoUrl: string | undefined;
  afterLoginPath: string | undefined;
  rateLimits: RateLimitOptions | false;
  trustProxy: TrustProxy;
  uniformResponses: boolean;
  /** Wrong codes and approval numbers per address (S27); false when off. */
  guessLimit: RateLimitRule | false | undefined;
  loginNotices: boolean;
  /** SESAME_SECRET; when unset on SQLite, a key file beside the database is used (see cli.ts). */
  secret: string | undefined;
  mailRetrySeconds: number;
  mailLeaseSeconds: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function readCliConfig(env: Record<string, string | undefined>): CliConfig {
  const port = parsePort(env.PORT ?? "8787");
  const baseUrl = env.SESAME_BASE_URL ?? `http://localhost:${port}`;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
  } catch {
    throw new ConfigError(`SESAME_BASE_URL must be an http:// or https:// URL, got ${JSON.stringify(baseUrl)}`);
  }
  return {
    port,
    // Loopback unless told otherwise: the development mailbox shows live login links.
    host: env.HOST ?? "127.0.0.1",
    baseUrl,
    database: parseDatabase(env),
    mailer: parseMailer(env.SESAME_MAILER ?? "dev"),
    mailFrom: parseMailFrom(env.SESAME_MAIL_FROM),
    appName: env.SESAME_APP_NAME,
    accentColor: parseAccentColor(env.SESAME_ACCENT_COLOR),
    logoUrl: parseLogoUrl(env.SESAME_LOGO_URL),
    afterLoginPath: env.SESAME_AFTER_LOGIN_PATH,
    rateLimits: {
      ...(env.SESAME_RATE_LIMIT_ADDRESS !== undefined && { perAddress: parseRules(env.SESAME_RATE_LIMIT_ADDRESS, "SESAME_RATE_LIMIT_ADDRESS") }),
      ...(env.SESAME_RATE_LIMIT_CLIENT !== undefined && { perClient: parseRules(env.SESAME_RATE_LIMIT_CLIENT, "SESAME_RATE_LIMIT_CLIENT") }),
    },
    trustProxy: parseTrustProxy(env.SESAME_TRUST_PROXY ?? "off"),
    uniformResponses: parseBoolean(env.SESAME_UNIFORM_RESPONSES ?? "off", "SESAME_UNIFORM_RESPONSES"),
    guessLimit: parseGuessLimit(env.SESAME_GUESS_LIMIT),
    loginNotices: parseBoolean(env.SESAME_LOGIN_NOTICES ?? "on", "SESAME_LOGIN_NOTICES"),
    secret: parseSecret(env.SESAME_SECRET),
    mailRetrySeconds: parseWhole(env.SESAME_MAIL_RETRY_SECONDS ?? "5", "SESAME_MAIL_RETRY_SECONDS", 1, 3600),
    mailLeaseSeconds: parseWhole(env.SESAME_MAIL_LEASE_SECONDS ?? "60", "SESAME_MAIL_LEASE_SECONDS", 1, 3600),
  };
}

/** One mailbox (S29): a second address or a line break would add recipients or headers to every mail. */
function parseMailFrom(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  const check = parseFromAddress(value);
  if (!check.ok) throw new ConfigError(`${fromAddressProblem("SESAME_MAIL_FROM", check.problem)}, got ${JSON.stringify(value)}`);
  return check.from.text;
}

/** A hex colour only: it is written into the stylesheet. */
function parseAccentColor(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!HEX_COLOR.test(value)) throw new ConfigError(`SESAME_ACCENT_COLOR must be a hex colour like #0f766e, got ${JSON.stringify(value)}`);
  return value;
}

function parseLogoUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (checkLogoUrl(value) === null) throw new ConfigError(`SESAME_LOGO_URL must be an https:// URL or a path on this site starting with /, got ${JSON.stringify(value)}`);
  return value;
}

function parseSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  // Never echo it: the message names only what is wrong.
  if (value.length < 32) throw new ConfigError(`SESAME_SECRET must be at least 32 characters (it has ${value.length}); e.g. \`openssl rand -base64 32\``);
  return value;
}

/** `1/60,5/3600`: at most 1 per 60 seconds and 5 per 3600 seconds; `off` for none. */
function parseRules(value: string, name: string): RateLimitRule[] {
  const rules = parseRateLimitSetting(value);
  if (!rules) throw new ConfigError(`${name} must be like 1/60,5/3600 (count/seconds, comma-separated) or off, got ${JSON.stringify(value)}`);
  return rules;
}

/** `10/3600` (at most 10 wrong guesses per address an hour) or `off`; unset for the default. */
function parseGuessLimit(value: string | undefined): RateLimitRule | false | undefined {
  if (value === undefined || value === "") return undefined;
  const rules = parseRateLimitSetting(value);
  if (rules?.length === 0) return false;
  const rule = rules?.length === 1 ? rules[0] : undefined;
  if (!rule || rule.limit < 1 || rule.limit > 100 || rule.periodSeconds < 60 || rule.periodSeconds > 86400) {
    throw new ConfigError(`SESAME_GUESS_LIMIT must be like 10/3600 (1 to 100 wrong guesses per 60 to 86400 seconds) or off, got ${JSON.stringify(value)}`);
  }
  return rule;
}

/** `off`, `x-forwarded-for` (optionally `x-forwarded-for:2` for two proxies), `x-real-ip` or `cf-connecting-ip`. */
function parseTrustProxy(value: string): TrustProxy {
  if (value === "off") return false;
  const match = value.match(/^x-forwarded-for(?::(\d+))?$/);
  if (match) return { header: "x-forwarded-for", hops: Number(match[1] ?? 1) };
  if (value === "x-real-ip" || value === "cf-connecting-ip") return { header: value };
  throw new ConfigError(`SESAME_TRUST_PROXY must be off, x-forwarded-for[:HOPS], x-real-ip or cf-connecting-ip, got ${JSON.stringify(value)}`);
}

function parseBoolean(value: string, name: string): boolean {
  if (value === "on" || value === "true" || value === "1") return true;
  if (value === "off" || value === "false" || value === "0") return false;
  throw new ConfigError(`${name} must be on or off, got ${JSON.stringify(value)}`);
}

/** DATABASE_URL=postgres://… selects PostgreSQL; otherwise the SQLite file SESAME_DB. */
function parseDatabase(env: Record<string, string | undefined>): DatabaseSetting {
  const url = env.DATABASE_URL;
  if (url === undefined || url === "") return { type: "sqlite", path: env.SESAME_DB ?? "./.sesame/sesame.db" };
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://");
  return {
    type: "postgres",
    url,
    poolSize: parseWhole(env.SESAME_PG_POOL_SIZE ?? "10", "SESAME_PG_POOL_SIZE", 1, 1000),
    statementTimeoutMs: parseWhole(env.SESAME_PG_STATEMENT_TIMEOUT_MS ?? "5000", "SESAME_PG_STATEMENT_TIMEOUT_MS", 1, 3_600_000),
  };
}

function parseWhole(value: string, name: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a number from 0 to 65535, got ${JSON.stringify(value)}`);
  return port;
}

export function parseMailer(value: string): MailerSetting {
  if (value === "dev") return { type: "dev" };
  if (value.startsWith("file:")) {
    const path = value.slice("file:".length);
    if (!path) throw new ConfigError("SESAME_MAILER=file:PATH needs a path");
    return { type: "file", path };
  }
  if (/^smtps?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      if (!url.hostname) throw new Error();
    } catch {
      throw new ConfigError("SESAME_MAILER is not a valid smtp:// or smtps:// URL");
    }
    return { type: "smtp", url: value };
  }
  throw new ConfigError(`SESAME_MAILER must be dev, file:PATH, smtp://… or smtps://…, got ${JSON.stringify(value.replace(/\/\/[^@/]*@/, "//…@"))}`);
}
