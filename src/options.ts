/**
 * Options for createSesame, their defaults, and how they resolve into the configuration
 * the core and the HTTP face read (each option's check is in config/option-checks.ts).
 */
import { EVENTS_KEPT, PURGE_AFTER, type CoreConfig, type RateLimitRule, type ResolvedSignupField } from "./core/config.js";
import { createRandomPool } from "./core/random.js";
import type { AesGcmEncrypt, Clock, Hooks, Logger, Mailer, MailMessage, MetricsCollector, RandomSource, Sha256, Store, Tracing } from "./core/ports.js";
import { hashToken } from "./core/token.js";
import { createMailRenderer } from "./mail/renderer.js";
import { DEFAULT_ACCENT } from "./theme.js";
import {
  parseAccentColor,
  parseAfterLoginPath,
  parseBaseUrl,
  parseCaptcha,
  parseDomainPatterns,
  parseGuessLimit,
  parseLogoUrl,
  parseAssetUrl,
  parseOrigin,
  parseRateLimits,
  parseSecret,
  parseSignupFields,
  parseTrustProxy,
  seconds,
  invalid,
} from "./config/option-checks.js";
import { parseAccessTokens } from "./config/token-options.js";
import { parseWebhooks, type WebhookOptions } from "./config/webhook-options.js";
import { withAppRenderer, type AppMailRenderer } from "./mail/custom-renderer.js";
import type { MailTextOverrides } from "./mail/words/overrides.js";
import { parsePageText, type PageText, type PageTextOverrides } from "./http/page-text.js";
import type { LocaleOption } from "./http/locale.js";
import { chooseLocale, LOCALES } from "./i18n/locales.js";

export { checkLogoUrl, DEFAULT_GUESS_LIMIT, DEFAULT_RATE_LIMITS, parseRateLimitSetting } from "./config/option-checks.js";

export { EVENTS_KEPT, PURGE_AFTER, type RateLimitRule, type ResolvedSignupField };

/** A field of the sign-up form, besides the e-mail address Sesame already knows. */
export interface SignupField {
  /** Form field name: lower case letters, digits and `_`. `name` is stored as the account's display name. */
  name: string;
  label: string;
  /** The label in other languages, by tag: `{ de: "Firma", ar: "الشركة" }`; `label` where none is given. */
  labels?: Record<string, string>;
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

/** Access tokens for other services: `POST /token`, `GET /.well-known/jwks.json`. */
export interface AccessTokenOptions {
  /** `aud` of every token. Default: the base URL's origin. */
  audience?: string;
  /** How long a token lives, 60 to 3600. Default 300 (5 minutes). */
  ttlSeconds?: number;
  /** Sign-up fields besides `name` (always included when set) copied into each token. Default none. */
  profileClaims?: string[];
  /** How long a signing key signs before the next takes over (it is published a day before). Default 30. */
  keyRotationDays?: number;
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
  /**
   * The app's own stylesheet, loaded after Sesame's on every page: an `https://` URL (the
   * Content-Security-Policy then allows styles from its origin) or a path on this site. It
   * may set the custom properties the pages are drawn with (`--accent`, `--bg`, `--card`,
   * `--text`, `--radius`, `--font`, …; see the README) or any rule of its own.
   */
  stylesheetUrl?: string;
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
   * Who may sign up: `"open"` (anyone, the default), `"closed"` (nobody: logins only) or
   * `"invite"` (only through an operator's invitation: the admin API, `sesame accounts invite`
   * or `inviteAccount`). Closed and invite answer every address alike ("if it has an account,
   * a login link is on its way") and mail only the addresses that have one.
   */
  signup?: "open" | "closed" | "invite";
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
  accessTokens?: AccessTokenOptions;
  /** Records metrics: `createPrometheusMetrics()` from "sesame/metrics". Default none (nothing counted). */
  metrics?: MetricsCollector;
  /** Serves the metrics at `GET /metrics` to requests with `Authorization: Bearer <token>` (at least 16 characters). Default: not served. */
  metricsToken?: string;
  /** Turns on the admin API under `admin/api/` for requests with `Authorization: Bearer <token>` (at least 32 characters). Default: off. */
  adminToken?: string;
  /**
   * The only domains addresses may be at, for logins and sign-ups alike: `example.com` (that
   * domain only) or `*.example.com` (any subdomain, not example.com itself). Default: any.
   */
  allowedDomains?: string[];
  /**
   * Domains that may not be used (asked for the domain and each parent), e.g. disposable
   * mail services: `await loadDisposableDomains()` from "sesame/disposable". Default none.
   */
  isBlockedDomain?: (domain: string) => boolean;
  /**
   * The host app's code, run when things happen to accounts: `beforeSignup` (may refuse, with
   * a message the person sees), `afterSignup`, `afterLogin`, `afterAccountDeleted`,
   * `afterEmailChanged`. See the README's "Integrating".
   */
  hooks?: Hooks;
  /** How long a hook may take before it is logged as failed and the flow goes on without it. Default 5000. */
  hookTimeoutMs?: number;
  /**
   * Signed webhooks (Standard Webhooks) for `account.created`, `account.deleted`,
   * `account.email_changed`, `session.created` and `session.revoked`, written with the change
   * and delivered at least once. Default none.
   */
  webhooks?: WebhookOptions;
  /**
   * The app's own mail: called for every mail with `{ kind, to, url, code, expiresAt, locale,
   * appName, … }` (the facts per kind), returning `{ subject, text, html }`, or undefined to
   * leave that mail to Sesame. One that throws is logged and Sesame's own mail goes instead.
   */
  renderMail?: AppMailRenderer;
  /**
   * The app's own words for Sesame's mail, per language and key (the keys of
   * `src/mail/words/en.ts`): `{ de: { loginSubject: "Dein Link für {app}" } }`. A string may
   * name the facts its key has (`{app}`, `{to}`, `{validFor}`, …); a function gets them.
   */
  mailText?: MailTextOverrides;
  /**
   * The app's own words for Sesame's pages and messages, per language and key (the keys of
   * `src/http/pages/words/en.tsx` and `src/http/messages/en.ts`): `{ de: { homeHeading:
   * "Willkommen zurück", sentLogin: "Der Link ist unterwegs zu {email}." } }`. A string may
   * name the facts its key has; a function gets them.
   */
  pageText?: PageTextOverrides;
  /**
   * The language of mails (and, as they are translated, pages): a tag (`"de"`), or a function
   * of the request returning one (or undefined to let the request decide). Default: the
   * request's `lang` parameter, else its Accept-Language, else English. Sesame speaks en, de,
   * fr, es, pt-BR, ja and ar; any other tag is matched to the closest of them.
   */
  locale?: LocaleOption;
  /**
   * Headless: the app's own pages (an http(s) URL) take the place of Sesame's. Mailed links
   * point there (`<pagesUrl>login?token=…`, `signup?token=…`, `account/email?token=…`), the
   * pages call the JSON API, and Sesame answers no HTML page of its own (404 `pages_off`).
   * Its origin may be a `next` target. Default: Sesame's own pages.
   */
  pagesUrl?: string;
  /** Spans around every flow and store call: `createTracing(trace)` from "sesame/tracing", with `trace` from "@opentelemetry/api". Default none. */
  tracing?: Tracing;
  /**
   * Origins (e.g. `https://app.example.com`) whose pages may call `POST /token` and
   * `GET /session` with the session cookie (CORS with credentials). Default none.
   */
  corsOrigins?: string[];
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
  /**
   * AES-256-GCM for sealing the mail outbox's links (one per mail). Default: Web Crypto, on
   * every runtime. On Node, `aesGcm` from "sesame/node" is synchronous and costs a third to a
   * half as much per call; what it seals opens with Web Crypto, and the other way round.
   */
  aesGcm?: AesGcmEncrypt;
  log?: Logger;
}

/** The core's configuration, and what the HTTP face needs besides. */
export interface SesameConfig extends CoreConfig {
  secureCookies: boolean;
  /** The app's choice of language, ahead of the request's own (http/locale.ts). */
  locale: LocaleOption | undefined;
  appName: string;
  accentColor: string;
  logoUrl: string | undefined;
  stylesheetUrl: string | undefined;
  /** The app's words over the pages' and messages' catalogues (http/page-text.ts). */
  pageText: PageText | undefined;
  afterLoginPath: string;
  trustProxy: TrustProxy;
  captcha: (CaptchaOptions & { verifyUrl: string }) | undefined;
  devMailbox: SesameOptions["devMailbox"];
  corsOrigins: string[];
  metrics: MetricsCollector | undefined;
  metricsToken: string | undefined;
  tracing: Tracing | undefined;
  adminToken: string | undefined;
}

export const DEFAULT_SIGNUP_FIELDS: SignupField[] = [
  {
    name: "name",
    label: "Your name",
    // Sesame's own field speaks every language its pages do (here, not in the pages' catalogues:
    // those load a language when a page first needs it, the field's labels are needed at start).
    labels: { en: "Your name", de: "Ihr Name", fr: "Votre nom", es: "Tu nombre", "pt-BR": "Seu nome", ja: "お名前", ar: "اسمك" },
    required: true,
    maxLength: 80,
    autocomplete: "name",
  },
];

export function resolveOptions(options: SesameOptions): SesameConfig {
  const random = options.random ?? createRandomPool();
  const baseUrl = parseBaseUrl(options.baseUrl);
  const log = withMetrics(options.log ?? logAsJsonLines, options.metrics);
  const pagesUrl = options.pagesUrl === undefined ? undefined : parsePagesUrl(options.pagesUrl);
  const loginLinkTtl = seconds(options.loginLinkTtlSeconds, 600, "loginLinkTtlSeconds", 60, 24 * 3600);
  const signupLinkTtl = seconds(options.signupLinkTtlSeconds, 8 * 3600, "signupLinkTtlSeconds", 60, 24 * 3600);
  const sessionIdleTimeout = seconds(options.sessionIdleTimeoutSeconds, 7 * 86400, "sessionIdleTimeoutSeconds", 60, 400 * 86400);
  const sessionAbsoluteTimeout = seconds(options.sessionAbsoluteTimeoutSeconds, 30 * 86400, "sessionAbsoluteTimeoutSeconds", 60, 400 * 86400);
  if (sessionIdleTimeout > sessionAbsoluteTimeout) {
    throw invalid("sessionIdleTimeoutSeconds must not exceed sessionAbsoluteTimeoutSeconds");
  }
  if (!options.store) throw invalid("store is required");
  if (!options.mailer) throw invalid("mailer is required");
  const appName = options.appName ?? "Sesame";
  const basePath = baseUrl.pathname.endsWith("/") ? baseUrl.pathname : `${baseUrl.pathname}/`;
  const signupFields = parseSignupFields(options.signupFields ?? DEFAULT_SIGNUP_FIELDS);
  const accentColor = parseAccentColor(options.accentColor ?? DEFAULT_ACCENT);
  return {
    baseUrl,
    basePath,
    secureCookies: baseUrl.protocol === "https:",
    store: options.tracing ? options.tracing.traceStore(options.store) : options.store,
    mailer: options.mailer,
    renderMail: withAppRenderer(createMailRenderer({ appName, accentColor, text: options.mailText }), parseRenderMail(options.renderMail), appName, log),
    appName,
    accentColor,
    logoUrl: options.logoUrl === undefined ? undefined : parseLogoUrl(options.logoUrl),
    stylesheetUrl: options.stylesheetUrl === undefined ? undefined : parseAssetUrl(options.stylesheetUrl, "stylesheetUrl"),
    pageText: parsePageText(options.pageText),
    afterLoginPath: parseAfterLoginPath(options.afterLoginPath ?? "/"),
    loginLinkTtl,
    signupLinkTtl,
    sessionIdleTimeout,
    sessionAbsoluteTimeout,
    signupFields,
    rateLimits: parseRateLimits(options.rateLimits),
    trustProxy: parseTrustProxy(options.trustProxy ?? false),
    uniformResponses: options.uniformResponses ?? false,
    signup: parseSignupPolicy(options.signup),
    guessLimit: parseGuessLimit(options.guessLimit),
    loginNotices: options.loginNotices ?? true,
    captcha: parseCaptcha(options.captcha),
    redirectOrigins: [
      ...(options.redirectOrigins ?? []).map((origin) => parseOrigin(origin, "redirectOrigins")),
      // The app's pages may send people on to its own routes.
      ...(pagesUrl && pagesUrl.origin !== baseUrl.origin ? [pagesUrl.origin] : []),
    ],
    accessTokens: parseAccessTokens(options.accessTokens, baseUrl, basePath, signupFields),
    // Exact origins only: a wildcard cannot go with credentials, and none is offered.
    corsOrigins: (options.corsOrigins ?? []).map((origin) => parseOrigin(origin, "corsOrigins")),
    secret: parseSecret(options.secret, random),
    mailRetryDelay: seconds(options.mailRetrySeconds, 5, "mailRetrySeconds", 1, 3600),
    mailLease: seconds(options.mailLeaseSeconds, 60, "mailLeaseSeconds", 1, 3600),
    devMailbox: options.devMailbox,
    now: options.now ?? Date.now,
    random,
    sha256: options.sha256 ?? hashToken,
    aesGcm: options.aesGcm,
    log,
    metrics: options.metrics,
    metricsToken: parseMetricsToken(options.metricsToken, options.metrics),
    tracing: options.tracing,
    adminToken: parseAdminToken(options.adminToken),
    hooks: parseHooks(options.hooks),
    addressPolicy: {
      allowedDomains: parseDomainPatterns(options.allowedDomains, "allowedDomains"),
      isBlockedDomain: parseBlockedDomain(options.isBlockedDomain),
    },
    hookTimeout: parseHookTimeout(options.hookTimeoutMs),
    webhooks: parseWebhooks(options.webhooks),
    locale: parseLocaleOption(options.locale),
    pagesUrl,
  };
}

/** The app's pages: checked as the base URL is, and ending in `/` so that links resolve under it. */
function parsePagesUrl(value: string): URL {
  const url = parseBaseUrl(value, "pagesUrl");
  return url.pathname.endsWith("/") ? url : new URL(`${url.href}/`);
}

function parseLocaleOption(locale: unknown): LocaleOption | undefined {
  if (locale === undefined || typeof locale === "function") return locale as LocaleOption | undefined;
  if (typeof locale !== "string" || chooseLocale(locale) === undefined)
    throw invalid(`locale must be one of ${LOCALES.join(", ")} (or a function of the request)`);
  return locale;
}

function parseRenderMail(render: unknown): AppMailRenderer | undefined {
  if (render === undefined) return undefined;
  if (typeof render !== "function") throw invalid("renderMail must be a function of the mail to render");
  return render as AppMailRenderer;
}

function parseSignupPolicy(value: unknown): "open" | "closed" | "invite" {
  if (value === undefined) return "open";
  if (value !== "open" && value !== "closed" && value !== "invite") throw invalid('signup must be "open", "closed" or "invite"');
  return value;
}

const HOOK_NAMES = ["beforeSignup", "afterSignup", "afterLogin", "afterAccountDeleted", "afterEmailChanged"];

function parseAdminToken(token: unknown): string | undefined {
  if (token === undefined) return undefined;
  if (typeof token !== "string" || token.length < 32) throw invalid("adminToken must be at least 32 characters");
  return token;
}

function parseBlockedDomain(check: unknown): ((domain: string) => boolean) | undefined {
  if (check === undefined) return undefined;
  if (typeof check !== "function") throw invalid("isBlockedDomain must be a function of a domain");
  return check as (domain: string) => boolean;
}

function parseHookTimeout(ms: number | undefined): number {
  if (ms === undefined) return 5000;
  if (!Number.isInteger(ms) || ms < 100 || ms > 60_000) throw invalid("hookTimeoutMs must be a whole number of milliseconds from 100 to 60000");
  return ms;
}

function parseHooks(hooks: Hooks | undefined): Hooks {
  if (hooks === undefined) return {};
  if (typeof hooks !== "object" || hooks === null) throw invalid("hooks must be an object of functions");
  for (const [name, value] of Object.entries(hooks)) {
    if (!HOOK_NAMES.includes(name)) throw invalid(`hooks.${name} is not a hook; the hooks are ${HOOK_NAMES.join(", ")}`);
    if (typeof value !== "function") throw invalid(`hooks.${name} must be a function`);
  }
  return hooks;
}

/** Every record goes to the logger and, when metrics are kept, to the collector (which counts outcomes from them). */
function withMetrics(log: Logger, metrics: MetricsCollector | undefined): Logger {
  if (!metrics) return log;
  return (record) => {
    metrics.log(record);
    log(record);
  };
}

function parseMetricsToken(token: string | undefined, metrics: MetricsCollector | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (typeof token !== "string" || token.length < 16) throw invalid("metricsToken must be at least 16 characters");
  if (!metrics) throw invalid("metricsToken needs metrics: pass createPrometheusMetrics() from sesame/metrics");
  return token;
}

/** The default logger: one JSON object per line, errors to stderr. */
export function logAsJsonLines(record: Parameters<Logger>[0]): void {
  const line = JSON.stringify({ time: new Date().toISOString(), ...record }, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message, code: (value as { code?: unknown }).code } : value,
  );
  if (record.level === "error") console.error(line);
  else console.log(line);
}
