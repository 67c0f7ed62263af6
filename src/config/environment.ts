/**
 * Sesame's settings from environment variables, for every entry configured that way:
 * `sesame serve` and the other commands on Node, the Deno and Bun servers, Cloudflare
 * Workers and Vercel. One name per setting, one check, one message per mistake (a
 * ConfigError, code `invalid_options`), whichever entry reads it. What an entry cannot
 * offer (SMTP off Node, PostgreSQL on Deno and Bun) is refused by name; what it has no
 * use for (PORT on Workers) is not read. Checked before anything listens or opens a
 * database: a mistake is one clear line, not a stack trace or a half-started server.
 * Web APIs only: Workers run it too.
 */
import { ConfigError } from "../core/errors.js";
import { endpointProblem, sesRegionProblem } from "../mail/http/checks.js";
import { HTTP_MAILER_VARIABLES, httpProviderFromEnv, type HttpMailerEnv, type HttpProvider } from "../mail/http/from-env.js";
import type { RateLimitOptions, RateLimitRule, SesameOptions, TrustProxy } from "../options.js";
import { isLoopbackUrl } from "../net/loopback.js";
import * as check from "./values.js";
import type { WebhookOptions } from "./webhook-options.js";

export type Platform = "node" | "deno" | "bun" | "workers" | "vercel";
export type ServerPlatform = "node" | "deno" | "bun";
export type ServerlessPlatform = "workers" | "vercel";

export type MailerSetting = check.MailerValue | { type: "http"; provider: HttpProvider };

export type DatabaseSetting =
  { type: "sqlite"; path: string } | { type: "postgres"; url: string; poolSize: number; statementTimeoutMs: number; prepareStatements?: boolean };

/** What every entry reads; undefined where a setting is unset and createSesame's default applies. */
export interface EnvironmentConfig {
  platform: Platform;
  baseUrl: string;
  /** Undefined on Workers, whose database is the D1 binding. */
  database: DatabaseSetting | undefined;
  mailer: MailerSetting;
  /** Checked; required with an HTTP provider, SMTP's default otherwise. */
  mailFrom: string | undefined;
  /** Required on Workers and Vercel; on a server with a SQLite file, a key file beside it stands in (platforms/secret-file.ts). */
  secret: string | undefined;
  appName: string | undefined;
  accentColor: string | undefined;
  logoUrl: string | undefined;
  /** SESAME_STYLESHEET_URL: the app's own stylesheet. */
  stylesheetUrl: string | undefined;
  afterLoginPath: string | undefined;
  rateLimits: RateLimitOptions;
  /** SESAME_TRUST_PROXY on a server; on Workers and Vercel the header the platform itself sets. */
  trustProxy: TrustProxy;
  uniformResponses: boolean;
  /** SESAME_PAGES_URL: the app's own pages (headless). */
  pagesUrl: string | undefined;
  /** SESAME_SIGNUP: open (default), closed or invite. */
  signup: "open" | "closed" | "invite" | undefined;
  /** Wrong codes and approval numbers per address (S27); false when off. */
  guessLimit: RateLimitRule | false | undefined;
  loginNotices: boolean;
  mailRetrySeconds: number | undefined;
  mailLeaseSeconds: number | undefined;
  /** Origins allowed to call /token and /session with the cookie. */
  corsOrigins: string[] | undefined;
  accessTokens: { audience?: string; ttlSeconds?: number; profileClaims?: string[]; keyRotationDays?: number };
  /** SESAME_ALLOWED_DOMAINS: the only domains addresses may be at. */
  allowedDomains: string[] | undefined;
  /** SESAME_ADMIN_TOKEN: turns on the admin API. */
  adminToken: string | undefined;
  /** SESAME_WEBHOOK_URL (one or more, comma-separated) with SESAME_WEBHOOK_SECRET (whsec_…); SESAME_WEBHOOK_RETRY_SECONDS. */
  webhooks: WebhookOptions | undefined;
}

/** A long-running server (Node, Deno, Bun): where it listens, and a database of its own. */
export interface ServerConfig extends EnvironmentConfig {
  platform: ServerPlatform;
  port: number;
  host: string;
  database: DatabaseSetting;
  /** On SIGTERM, seconds of answering /readyz with 503 (and every request as usual) before refusing new connections. */
  drainSeconds: number;
  /** GET /metrics for a scraper with this bearer token. */
  metricsToken: string | undefined;
  /** Or /metrics on a port of its own on 127.0.0.1, without a token. */
  metricsPort: number | undefined;
  /** Spans through @opentelemetry/api, for an SDK the process registers (`node --import`). */
  openTelemetry: boolean;
  /** SESAME_BLOCK_DISPOSABLE: refuse addresses at disposable mail services (sesame/disposable). */
  blockDisposable: boolean;
}

export interface ReadOptions<P extends Platform> {
  platform: P;
  /** Told once per read, one line each (a renamed variable); console.warn by default. */
  warn?: (message: string) => void;
}

/** The variables renamed, new name → old name: the old one is still read, with a warning, until the next release. */
export const RENAMED_VARIABLES: Readonly<Record<string, string>> = { SESAME_MAIL_FROM: "MAIL_FROM" };

/** How often a server's outbox is checked when SESAME_MAIL_RETRY_SECONDS is unset (createSesame's default retry delay). */
export const DEFAULT_MAIL_RETRY_SECONDS = 5;

const NAMES: Record<Platform, string> = { node: "Node", deno: "Deno", bun: "Bun", workers: "Workers", vercel: "Vercel" };

export function readEnvironment(env: object, options: ReadOptions<ServerPlatform>): ServerConfig;
export function readEnvironment(env: object, options: ReadOptions<ServerlessPlatform>): EnvironmentConfig;
export function readEnvironment(env: object, options: ReadOptions<Platform>): EnvironmentConfig | ServerConfig;
export function readEnvironment(env: object, { platform, warn = console.warn }: ReadOptions<Platform>): EnvironmentConfig | ServerConfig {
  const vars = variables(env, warn);
  const server = platform === "node" || platform === "deno" || platform === "bun";
  const value = <T>(name: string, parse: (value: string, name: string) => T): T | undefined => {
    const found = vars(name);
    return found && parse(found.value, found.name);
  };

  const port = server ? (value("PORT", check.parsePort) ?? 8787) : 0;
  const baseUrl = value("SESAME_BASE_URL", check.parseBaseUrl) ?? (server ? `http://localhost:${port}` : missing("SESAME_BASE_URL", "is not set"));
  const secret = value("SESAME_SECRET", check.parseSecret);
  // Required here: a mail queued by one instance is retried by another (the cron), which must open it.
  if (!server && secret === undefined) missing("SESAME_SECRET", "is not set (at least 32 characters, the same on every instance)");
  const database = readDatabase(platform, vars);
  const { mailer, mailFrom } = readMailer(platform, vars);
  // A server also checks where it listens (platforms/dev-mailer.ts); a Worker has only its base URL to go by.
  if (platform === "workers" && mailer.type === "dev" && !isLoopbackUrl(baseUrl)) {
    throw new ConfigError(
      `the development mailbox shows login links to anyone who can reach it: use SESAME_MAILER=dev only with an http:// SESAME_BASE_URL on localhost, 127.0.0.1 or [::1], not ${baseUrl}`,
      { variable: "SESAME_BASE_URL" },
    );
  }
  const config: EnvironmentConfig = {
    platform,
    baseUrl,
    database,
    mailer,
    mailFrom,
    secret,
    appName: vars("SESAME_APP_NAME")?.value,
    accentColor: value("SESAME_ACCENT_COLOR", check.parseAccentColor),
    logoUrl: value("SESAME_LOGO_URL", check.parseLogoUrl),
    stylesheetUrl: value("SESAME_STYLESHEET_URL", check.parseLogoUrl),
    afterLoginPath: vars("SESAME_AFTER_LOGIN_PATH")?.value,
    rateLimits: {
      ...optional("perAddress", value("SESAME_RATE_LIMIT_ADDRESS", check.parseRules)),
      ...optional("perClient", value("SESAME_RATE_LIMIT_CLIENT", check.parseRules)),
    },
    trustProxy: platformProxy(platform) ?? value("SESAME_TRUST_PROXY", check.parseTrustProxy) ?? false,
    uniformResponses: value("SESAME_UNIFORM_RESPONSES", check.parseOnOff) ?? false,
    signup: value("SESAME_SIGNUP", check.parseSignupPolicy),
    pagesUrl: value("SESAME_PAGES_URL", check.parseBaseUrl),
    guessLimit: value("SESAME_GUESS_LIMIT", check.parseGuessLimit),
    loginNotices: value("SESAME_LOGIN_NOTICES", check.parseOnOff) ?? true,
    mailRetrySeconds: value("SESAME_MAIL_RETRY_SECONDS", (v, name) => check.parseWhole(v, name, 1, 3600)),
    mailLeaseSeconds: value("SESAME_MAIL_LEASE_SECONDS", (v, name) => check.parseWhole(v, name, 1, 3600)),
    corsOrigins: value("SESAME_CORS_ORIGINS", check.parseList),
    allowedDomains: value("SESAME_ALLOWED_DOMAINS", check.parseDomains),
    adminToken: value("SESAME_ADMIN_TOKEN", check.parseAdminToken),
    webhooks: readWebhooks(value),
    accessTokens: {
      ...optional("audience", vars("SESAME_TOKEN_AUDIENCE")?.value),
      ...optional(
        "ttlSeconds",
        value("SESAME_TOKEN_TTL_SECONDS", (v, name) => check.parseWhole(v, name, 60, 3600)),
      ),
      ...optional("profileClaims", value("SESAME_TOKEN_CLAIMS", check.parseList)),
      ...optional(
        "keyRotationDays",
        value("SESAME_KEY_ROTATION_DAYS", (v, name) => check.parseWhole(v, name, 1, 365)),
      ),
    },
  };
  if (!server) return config;
  // Loopback unless told otherwise: the development mailbox shows live login links.
  const drainSeconds = value("SESAME_DRAIN_SECONDS", (v, name) => check.parseWhole(v, name, 0, 300)) ?? 0;
  const metricsToken = value("SESAME_METRICS_TOKEN", check.parseToken);
  const metricsPort = value("SESAME_METRICS_PORT", check.parsePort);
  const openTelemetry = value("SESAME_OPENTELEMETRY", check.parseOnOff) ?? false;
  const blockDisposable = value("SESAME_BLOCK_DISPOSABLE", check.parseOnOff) ?? false;
  const host = vars("HOST")?.value ?? "127.0.0.1";
  return { ...config, platform, port, host, database: database!, drainSeconds, metricsToken, metricsPort, openTelemetry, blockDisposable };
}

/** The options for createSesame an environment sets: all but the store, the mailer and (on a server) the secret. */
export function sesameOptionsFrom(config: EnvironmentConfig) {
  return {
    baseUrl: config.baseUrl,
    appName: config.appName,
    accentColor: config.accentColor,
    logoUrl: config.logoUrl,
    stylesheetUrl: config.stylesheetUrl,
    afterLoginPath: config.afterLoginPath,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    uniformResponses: config.uniformResponses,
    ...(config.signup !== undefined && { signup: config.signup }),
    ...(config.pagesUrl !== undefined && { pagesUrl: config.pagesUrl }),
    ...(config.guessLimit !== undefined && { guessLimit: config.guessLimit }),
    loginNotices: config.loginNotices,
    mailRetrySeconds: config.mailRetrySeconds,
    mailLeaseSeconds: config.mailLeaseSeconds,
    ...(config.corsOrigins !== undefined && { corsOrigins: config.corsOrigins }),
    ...(config.allowedDomains !== undefined && { allowedDomains: config.allowedDomains }),
    ...(config.adminToken !== undefined && { adminToken: config.adminToken }),
    ...(config.webhooks !== undefined && { webhooks: config.webhooks }),
    accessTokens: config.accessTokens,
  } satisfies Partial<SesameOptions>;
}

/** Webhooks need both their endpoints and their secret; either alone is a mistake worth stopping for. */
function readWebhooks(value: <T>(name: string, parse: (value: string, name: string) => T) => T | undefined): WebhookOptions | undefined {
  const urls = value("SESAME_WEBHOOK_URL", check.parseWebhookUrls);
  const secret = value("SESAME_WEBHOOK_SECRET", check.parseWebhookSecret);
  const retrySeconds = value("SESAME_WEBHOOK_RETRY_SECONDS", (v, name) => check.parseWhole(v, name, 1, 3600));
  if (urls === undefined && secret === undefined) return undefined;
  if (urls === undefined) throw new ConfigError("SESAME_WEBHOOK_SECRET is set without SESAME_WEBHOOK_URL", { variable: "SESAME_WEBHOOK_URL" });
  if (secret === undefined) throw new ConfigError("SESAME_WEBHOOK_URL is set without SESAME_WEBHOOK_SECRET (whsec_…)", { variable: "SESAME_WEBHOOK_SECRET" });
  return { urls, secret, ...(retrySeconds !== undefined && { retrySeconds }) };
}

type Variables = (name: string) => { name: string; value: string } | undefined;

/** A variable's value and the name it was found under; an empty value counts as unset. */
function variables(env: object, warn: (message: string) => void): Variables {
  const record = env as Record<string, unknown>;
  const raw = (name: string) => {
    const value = record[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  return (name) => {
    const value = raw(name);
    const old = RENAMED_VARIABLES[name];
    const oldValue = old === undefined ? undefined : raw(old);
    if (old !== undefined && oldValue !== undefined) {
      if (value !== undefined) {
        warn(`${old} is ignored: ${name} is set (${old} is its old name; remove it)`);
      } else {
        warn(`${old} is renamed ${name}: the old name is read until the next release, so rename it`);
        return { name: old, value: oldValue };
      }
    }
    return value === undefined ? undefined : { name, value };
  };
}

function readDatabase(platform: Platform, vars: Variables): DatabaseSetting | undefined {
  if (platform === "workers") return undefined;
  const url = vars("DATABASE_URL")?.value;
  if ((platform === "deno" || platform === "bun") && url !== undefined) {
    throw new ConfigError(`on ${NAMES[platform]}, Sesame keeps its data in a SQLite file (SESAME_DB); DATABASE_URL is for sesame serve on Node`, {
      variable: "DATABASE_URL",
    });
  }
  if (url === undefined) {
    if (platform === "vercel") missing("DATABASE_URL", "is not set");
    return { type: "sqlite", path: vars("SESAME_DB")?.value ?? "./.sesame/sesame.db" };
  }
  const whole = (name: string, fallback: number, max: number) => {
    const found = vars(name);
    return found ? check.parseWhole(found.value, found.name, 1, max) : fallback;
  };
  const prepare = vars("SESAME_PG_PREPARE");
  return {
    type: "postgres",
    url: check.parseDatabaseUrl(url, "DATABASE_URL"),
    // A few connections per instance on Vercel: it runs many instances against the one database.
    poolSize: whole("SESAME_PG_POOL_SIZE", platform === "vercel" ? 5 : 10, 1000),
    statementTimeoutMs: whole("SESAME_PG_STATEMENT_TIMEOUT_MS", 5000, 3_600_000),
    // Off on Vercel: its databases are usually reached through a pooler in transaction mode.
    // Elsewhere unset: openPostgres prepares unless the URL names such a pooler.
    ...(prepare ? { prepareStatements: check.parseOnOff(prepare.value, prepare.name) } : platform === "vercel" ? { prepareStatements: false } : {}),
  };
}

/**
 * SESAME_MAILER when set (on a server); otherwise the HTTP provider whose credentials are
 * set; otherwise the development mailer on a server, and a refusal on Workers and Vercel.
 */
function readMailer(platform: Platform, vars: Variables): { mailer: MailerSetting; mailFrom: string | undefined } {
  const from = vars("SESAME_MAIL_FROM");
  const mailFrom = from && check.parseMailFrom(from.value, from.name);
  const server = platform === "node" || platform === "deno" || platform === "bun";
  // Workers read it for the development mailbox under `wrangler dev`, and nothing else.
  const named = platform === "vercel" ? undefined : vars("SESAME_MAILER");
  if (named) {
    const mailer = check.parseMailer(named.value, named.name);
    if (platform === "workers" && mailer.type !== "dev") {
      throw new ConfigError(
        `on Workers SESAME_MAILER can only be dev (the development mailbox, under wrangler dev); to send mail set ${HTTP_MAILER_VARIABLES}`,
        {
          variable: named.name,
        },
      );
    }
    if (mailer.type === "smtp" && platform !== "node") {
      throw new ConfigError(
        `SMTP is offered on Node only; on ${NAMES[platform]} set SESAME_MAILER=dev or file:PATH, or ${HTTP_MAILER_VARIABLES} with SESAME_MAIL_FROM`,
        { variable: named.name },
      );
    }
    return { mailer, mailFrom };
  }
  const env: HttpMailerEnv = {};
  for (const name of HTTP_MAILER_NAMES) env[name] = vars(name)?.value;
  const provider = httpProviderFromEnv(env);
  if (provider) {
    if (mailFrom === undefined) missing("SESAME_MAIL_FROM", "is not set");
    // Checked here as the provider's factory checks them (mail/http/checks.ts): its code loads only with the first mail.
    for (const name of PROVIDER_VARIABLES[provider.provider]) {
      const value = env[name];
      if (value !== undefined && value.trim() === "") missing(name, "is blank");
    }
    const endpoint = `${provider.provider.toUpperCase()}_ENDPOINT` as const;
    const problem = provider.endpoint === undefined ? undefined : endpointProblem(provider.endpoint);
    // Not echoed: a URL with a user and password in it is one of the mistakes.
    if (problem !== undefined) missing(endpoint, problem);
    if (provider.provider === "ses") {
      const regionProblem = sesRegionProblem(provider.region);
      if (regionProblem !== undefined) missing("SES_REGION", `${regionProblem}, got ${JSON.stringify(provider.region)}`);
    }
    return { mailer: { type: "http", provider }, mailFrom };
  }
  if (!server) throw new ConfigError(`no mail provider is configured: set ${HTTP_MAILER_VARIABLES}`);
  return { mailer: { type: "dev" }, mailFrom };
}

/** The credentials of each provider, as httpProviderFromEnv reads them. */
const PROVIDER_VARIABLES = {
  resend: ["RESEND_API_KEY"],
  postmark: ["POSTMARK_SERVER_TOKEN"],
  ses: ["SES_REGION", "SES_ACCESS_KEY_ID", "SES_SECRET_ACCESS_KEY"],
} as const satisfies Record<HttpProvider["provider"], readonly (keyof HttpMailerEnv)[]>;

const HTTP_MAILER_NAMES = [
  "RESEND_API_KEY",
  "RESEND_ENDPOINT",
  "POSTMARK_SERVER_TOKEN",
  "POSTMARK_ENDPOINT",
  "SES_REGION",
  "SES_ACCESS_KEY_ID",
  "SES_SECRET_ACCESS_KEY",
  "SES_ENDPOINT",
] as const satisfies readonly (keyof HttpMailerEnv)[];

/** On Workers and Vercel the platform's own proxy sets the client's address, replacing whatever the client sent. */
function platformProxy(platform: Platform): TrustProxy | undefined {
  if (platform === "workers") return { header: "cf-connecting-ip" };
  if (platform === "vercel") return { header: "x-real-ip" };
  return undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [key in K]?: V };
}

function missing(name: string, problem: string): never {
  throw new ConfigError(`${name} ${problem}`, { variable: name });
}
