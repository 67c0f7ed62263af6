/**
 * Options for createSesame, their defaults, and the checks that turn a bad
 * configuration into one clear error at start-up rather than a surprise later.
 */
import { PURGE_AFTER, type CoreConfig, type RateLimitRule, type ResolvedSignupField } from "./core/config.js";
import { SesameError } from "./core/errors.js";
import { createRandomPool } from "./core/random.js";
import type { Clock, Logger, Mailer, MailMessage, RandomSource, Sha256, Store } from "./core/ports.js";
import { encodeBase64Url, hashToken } from "./core/token.js";
import { createMailRenderer } from "./mail/templates.js";
import { DEFAULT_ACCENT, HEX_COLOR } from "./theme.js";

export { PURGE_AFTER, type RateLimitRule, type ResolvedSignupField };

/** A field of the sign-up form, besides the e-mail address Sesame already knows. */
export interface SignupField {
  /** Form field name: lower case letters, digits and `_`. `name` is stored as the account's display name. */
  name: string;
  label: string;
  required?: boolean;
  /** Characters, after trimming. Default 100. */
  maxLength?: number;
  /** The input's `autocomplete` hint, e.g. `name` or `organization`. */
  autocomplete?: string;
}



export interface RateLimitOptions {
  /** Per canonical address, whoever asks. Default: 1 per minute and 5 per hour. `[]` turns them off. */
  perAddress?: RateLimitRule[];
  /** Per client IP address (IPv6 by /64). Default: 30 per hour. `[]` turns them off. */
  perClient?: RateLimitRule[];
}

/** Which request header carries the client's IP address, set by a proxy you run in front of Sesame. */
export type TrustProxy =
  | false
  /** `hops`: how many proxies of yours append to the header (default 1); the address that many from the right is used. */
  | { header: "x-forwarded-for"; hops?: number }
  | { header: "x-real-ip" | "cf-connecting-ip" };

export interface CaptchaOptions {
  provider: "turnstile" | "hcaptcha";
  siteKey: string;
  secret: string;
  /** The siteverify endpoint; defaults to the provider's. */
  verifyUrl?: string;
}

export interface SesameOptions {
  /** Where people reach Sesame, e.g. `https://example.com` or `https://example.com/auth`. Links in mails use it, never the Host header. */
  baseUrl: string;
  store: Store;
  mailer: Mailer;
  /** The product's name, shown in pages and mails. Default "Sesame". */
  appName?: string;
  /**
   * The accent of pages and mails (buttons, links, focus rings): a CSS hex colour such as
   * `#0f766e`. Where it would be hard to read (light on white, dark on the dark theme)
   * pages use a nudged shade of it. Default Sesame's indigo.
   */
  accentColor?: string;
  /**
   * A logo shown beside the name above every page: an `https://` URL (the
   * Content-Security-Policy then allows images from its origin) or a path on this site
   * such as `/static/logo.svg`. Default none: the name's initial.
   */
  logoUrl?: string;
  /** Where a person lands after logging in or signing up: a path on the base URL's origin. Default `/`. */
  afterLoginPath?: string;
  /** Default 600 (10 minutes). */
  loginLinkTtlSeconds?: number;
  /** Default 8 hours; at most 24 hours. */
  signupLinkTtlSeconds?: number;
  /** A session unused this long ends. Default 7 days. */
  sessionIdleTimeoutSeconds?: number;
  /** A session ends this long after login, used or not. Default 30 days. */
  sessionAbsoluteTimeoutSeconds?: number;
  /** The sign-up form. Default: one required display name. */
  signupFields?: SignupField[];
  /** Limits on link requests, counted in the store. Default on; `false` turns all off. */
  rateLimits?: RateLimitOptions | false;
  /** Read the client IP from a proxy header. Default `false`: the connection's address. Spoofable if set without such a proxy. */
  trustProxy?: TrustProxy;
  /**
   * Answer POST /magic the same way for known and unknown addresses (status, headers,
   * body, and time: the mail goes out after the answer). Default `false`: the answer
   * says whether a sign-up or a login link was sent, so nobody makes a second account
   * by mistake, at the price of telling anyone whether an address has an account.
   */
  uniformResponses?: boolean;
  /**
   * Wrong codes and wrong approval numbers allowed per address, over all its links (S27).
   * Past it, every pending code and approval for the address dies, and new ones are refused
   * until a link is used or the period passes. Default 10 per hour; `false` turns it off
   * (each link still allows 5 wrong codes and 3 wrong numbers).
   */
  guessLimit?: RateLimitRule | false;
  /**
   * After a login by code or by approval from another device, mail the account a short
   * notice (when, browser, network) so the owner hears of a login they were tricked into.
   * Default `true`.
   */
  loginNotices?: boolean;
  /** Require a Cloudflare Turnstile or hCaptcha answer on POST /magic, verified server-side. */
  captcha?: CaptchaOptions;
  /** Origins (e.g. `https://app.example.com`) that `next` may point to besides Sesame's own. */
  redirectOrigins?: string[];
  /**
   * Seals the links waiting in the mail outbox (AES-GCM), so that the database never
   * holds a usable link. At least 32 characters, the same on every instance sharing the
   * database. Default: a random one per instance, so that mails it queued can be sent
   * only by that instance.
   */
  secret?: string;
  /** Wait before the first retry of a failed mail; it doubles per attempt, up to 5 minutes. Default 5. */
  mailRetrySeconds?: number;
  /**
   * How long a deliverer holds a mail it is sending before another may take it over.
   * Default 60; it must exceed the mailer's own deadline (10 s for the built-in ones),
   * or a slow send could be repeated by another deliverer.
   */
  mailLeaseSeconds?: number;
  /** A store of recent mails to show at `/_dev/mail`; pass the development mailer to mount it. */
  devMailbox?: { list(): readonly (MailMessage & { id: number; sentAt: number })[] };
  now?: Clock;
  random?: RandomSource;
  /**
   * SHA-256 of a string, base64url. Default: Web Crypto, on every runtime. On Node,
   * `sha256` from "sesame/node" is synchronous and several times cheaper per call.
   */
  sha256?: Sha256;
  log?: Logger;
}

/** The core's configuration, and what the HTTP face needs besides. */
export interface SesameConfig extends CoreConfig {
  secureCookies: boolean;
  appName: string;
  accentColor: string;
  logoUrl: string | undefined;
  afterLoginPath: string;
  trustProxy: TrustProxy;
  captcha: (CaptchaOptions & { verifyUrl: string }) | undefined;
  devMailbox: SesameOptions["devMailbox"];
}

const SECOND = 1000;

export const DEFAULT_SIGNUP_FIELDS: SignupField[] = [
  { name: "name", label: "Your name", required: true, maxLength: 80, autocomplete: "name" },
];

export function resolveOptions(options: SesameOptions): SesameConfig {
  const random = options.random ?? createRandomPool();
  const baseUrl = parseBaseUrl(options.baseUrl);
  const loginLinkTtl = seconds(options.loginLinkTtlSeconds, 600, "loginLinkTtlSeconds", 60, 24 * 3600);
  const signupLinkTtl = seconds(options.signupLinkTtlSeconds, 8 * 3600, "signupLinkTtlSeconds", 60, 24 * 3600);
  const sessionIdleTimeout = seconds(options.sessionIdleTimeoutSeconds, 7 * 86400, "sessionIdleTimeoutSeconds", 60, 400 * 86400);
  const sessionAbsoluteTimeout = seconds(
    options.sessionAbsoluteTimeoutSeconds,
    30 * 86400,
    "sessionAbsoluteTimeoutSeconds",
    60,
    400 * 86400,
  );
  if (sessionIdleTimeout > sessionAbsoluteTimeout) {
    throw invalid("sessionIdleTimeoutSeconds must not exceed sessionAbsoluteTimeoutSeconds");
  }
  if (!options.store) throw invalid("store is required");
  if (!options.mailer) throw invalid("mailer is required");
  const appName = options.appName ?? "Sesame";
  const accentColor = parseAccentColor(options.accentColor ?? DEFAULT_ACCENT);
  return {
    baseUrl,
    basePath: baseUrl.pathname.endsWith("/") ? baseUrl.pathname : `${baseUrl.pathname}/`,
    secureCookies: baseUrl.protocol === "https:",
    store: options.store,
    mailer: options.mailer,
    renderMail: createMailRenderer({ appName, accentColor }),
    appName,
    accentColor,
    logoUrl: options.logoUrl === undefined ? undefined : parseLogoUrl(options.logoUrl),
    afterLoginPath: parseAfterLoginPath(options.afterLoginPath ?? "/"),
    loginLinkTtl,
    signupLinkTtl,
    sessionIdleTimeout,
    sessionAbsoluteTimeout,
    signupFields: parseSignupFields(options.signupFields ?? DEFAULT_SIGNUP_FIELDS),
    rateLimits: parseRateLimits(options.rateLimits),
    trustProxy: parseTrustProxy(options.trustProxy ?? false),
    uniformResponses: options.uniformResponses ?? false,
    guessLimit: parseGuessLimit(options.guessLimit),
    loginNotices: options.loginNotices ?? true,
    captcha: parseCaptcha(options.captcha),
    redirectOrigins: (options.redirectOrigins ?? []).map(parseOrigin),
    secret: parseSecret(options.secret, random),
    mailRetryDelay: seconds(options.mailRetrySeconds, 5, "mailRetrySeconds", 1, 3600),
    mailLease: seconds(options.mailLeaseSeconds, 60, "mailLeaseSeconds", 1, 3600),
    devMailbox: options.devMailbox,
    now: options.now ?? Date.now,
    random,
    sha256: options.sha256 ?? hashToken,
    log: options.log ?? logAsJsonLines,
  };
}

/** The default logger: one JSON object per line, errors to stderr. */
export function logAsJsonLines(record: Parameters<Logger>[0]): void {
  const line = JSON.stringify({ time: new Date().toISOString(), ...record }, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message, code: (value as { code?: unknown }).code } : value,
  );
  if (record.level === "error") console.error(line);
  else console.log(line);
}

function parseSecret(secret: string | undefined, random: RandomSource): string {
  if (secret === undefined) return encodeBase64Url(random(new Uint8Array(32)));
  if (typeof secret !== "string" || secret.length < 32) throw invalid("secret must be at least 32 characters");
  return secret;
}

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`baseUrl is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid("baseUrl must start with http:// or https://");
  if (url.search || url.hash || url.username || url.password) {
    throw invalid("baseUrl must be an origin and an optional path, without query, fragment or credentials");
  }
  return url;
}

/** Only a hex colour: the value is written into the stylesheet, so nothing else may get there. */
function parseAccentColor(value: string): string {
  if (!HEX_COLOR.test(value)) throw invalid(`accentColor must be a hex colour like #0f766e, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function parseLogoUrl(value: string): string {
  const logo = checkLogoUrl(value);
  if (logo === null) throw invalid(`logoUrl must be an https:// URL or a path on this site starting with /, got ${JSON.stringify(value)}`);
  return logo;
}

/**
 * A logo's address as pages will use it, or null: an https URL without credentials, or a
 * path on this site. Nothing over plain http, from a script scheme, or protocol-relative.
 */
export function checkLogoUrl(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return null;
  if (value.startsWith("/") && !value.startsWith("//")) return value;
  try {
    const url = new URL(value);
    if (url.protocol === "https:" && !url.username && !url.password) return url.href;
  } catch {
    // not a URL
  }
  return null;
}

function parseAfterLoginPath(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) {
    throw invalid("afterLoginPath must be a path on this site, starting with a single /");
  }
  return path;
}

function parseSignupFields(fields: SignupField[]): ResolvedSignupField[] {
  const seen = new Set<string>();
  return fields.map((field) => {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(field.name)) throw invalid(`signup field name ${JSON.stringify(field.name)} must be lower case letters, digits or _`);
    if (["email", "token", "website"].includes(field.name)) throw invalid(`signup field name ${field.name} is reserved`);
    if (seen.has(field.name)) throw invalid(`signup field ${field.name} appears twice`);
    seen.add(field.name);
    const maxLength = field.maxLength ?? 100;
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 1000) throw invalid(`signup field ${field.name}: maxLength must be 1 to 1000`);
    return { name: field.name, label: field.label, required: field.required ?? false, maxLength, autocomplete: field.autocomplete };
  });
}

/** `1/60,5/3600` (at most 1 per 60 s and 5 per hour) or `off`, as environments spell limits; null when malformed. */
export function parseRateLimitSetting(value: string): RateLimitRule[] | null {
  if (value.trim() === "off") return [];
  const rules: RateLimitRule[] = [];
  for (const part of value.split(",")) {
    const match = part.trim().match(/^(\d+)\/(\d+)$/);
    if (!match) return null;
    rules.push({ limit: Number(match[1]), periodSeconds: Number(match[2]) });
  }
  return rules;
}

export const DEFAULT_RATE_LIMITS = {
  perAddress: [
    { limit: 1, periodSeconds: 60 },
    { limit: 5, periodSeconds: 3600 },
  ],
  perClient: [{ limit: 30, periodSeconds: 3600 }],
};

function parseRateLimits(options: RateLimitOptions | false | undefined) {
  if (options === false) return { perAddress: [], perClient: [] };
  const check = (rules: RateLimitRule[], name: string) => {
    for (const rule of rules) {
      if (!Number.isInteger(rule.limit) || rule.limit < 1) throw invalid(`rateLimits.${name}: limit must be a whole number of at least 1`);
      if (!Number.isFinite(rule.periodSeconds) || rule.periodSeconds < 1 || rule.periodSeconds > 30 * 86400) {
        throw invalid(`rateLimits.${name}: periodSeconds must be from 1 to ${30 * 86400}`);
      }
    }
    return rules.map((rule) => ({ ...rule }));
  };
  return {
    perAddress: check(options?.perAddress ?? DEFAULT_RATE_LIMITS.perAddress, "perAddress"),
    perClient: check(options?.perClient ?? DEFAULT_RATE_LIMITS.perClient, "perClient"),
  };
}

export const DEFAULT_GUESS_LIMIT: RateLimitRule = { limit: 10, periodSeconds: 3600 };

function parseGuessLimit(rule: RateLimitRule | false | undefined): RateLimitRule | false {
  if (rule === false) return false;
  const chosen = rule ?? DEFAULT_GUESS_LIMIT;
  if (!Number.isInteger(chosen.limit) || chosen.limit < 1 || chosen.limit > 100) throw invalid("guessLimit.limit must be a whole number from 1 to 100");
  if (!Number.isFinite(chosen.periodSeconds) || chosen.periodSeconds < 60 || chosen.periodSeconds > 86400) {
    throw invalid("guessLimit.periodSeconds must be from 60 to 86400");
  }
  return { limit: chosen.limit, periodSeconds: chosen.periodSeconds };
}

function parseTrustProxy(value: TrustProxy): TrustProxy {
  if (value === false) return false;
  if (value.header === "x-forwarded-for") {
    const hops = value.hops ?? 1;
    if (!Number.isInteger(hops) || hops < 1 || hops > 10) throw invalid("trustProxy.hops must be a whole number from 1 to 10");
    return { header: value.header, hops };
  }
  if (value.header === "x-real-ip" || value.header === "cf-connecting-ip") return { header: value.header };
  throw invalid("trustProxy.header must be x-forwarded-for, x-real-ip or cf-connecting-ip");
}

const CAPTCHA_VERIFY_URLS = {
  turnstile: "https://challenges.cloudflare.com/turnstile/v0/siteverify",
  hcaptcha: "https://api.hcaptcha.com/siteverify",
};

function parseCaptcha(captcha: CaptchaOptions | undefined) {
  if (!captcha) return undefined;
  if (captcha.provider !== "turnstile" && captcha.provider !== "hcaptcha") throw invalid("captcha.provider must be turnstile or hcaptcha");
  if (!captcha.siteKey || !captcha.secret) throw invalid("captcha needs a siteKey and a secret");
  const verifyUrl = captcha.verifyUrl ?? CAPTCHA_VERIFY_URLS[captcha.provider];
  try {
    new URL(verifyUrl);
  } catch {
    throw invalid("captcha.verifyUrl is not a URL");
  }
  return { ...captcha, verifyUrl };
}

function parseOrigin(value: string): string {
  try {
    const url = new URL(value);
    if ((url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "")) return url.origin;
  } catch {
    // fall through
  }
  throw invalid(`redirectOrigins: ${JSON.stringify(value)} is not an origin like https://app.example.com`);
}

function seconds(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen < min || chosen > max) {
    throw invalid(`${name} must be between ${min} and ${max} seconds`);
  }
  return chosen * SECOND;
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}
