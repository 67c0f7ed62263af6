/**
 * The configuration the core works with, already checked: whoever builds the core
 * (createSesame, from SesameOptions) resolves and validates options into this shape, and
 * hands in the ports (store, mailer, mail renderer, clock, randomness, hashing, logger).
 * The core declares what it needs here and imports nothing from outside itself.
 */
import type { AddressPolicy } from "./links/address-policy.js";
import type { AesGcmEncrypt, Clock, Hooks, Logger, Mailer, RandomSource, RenderMail, Sha256, Store } from "./ports.js";

/** "At most `limit` requests per `periodSeconds`": a burst of `limit`, then one every period / limit. */
export interface RateLimitRule {
  limit: number;
  periodSeconds: number;
}

/** A field of the sign-up form, checked: see SignupField for the option. */
export interface ResolvedSignupField {
  name: string;
  label: string;
  /** The label by language (a BCP 47 tag); `label` for the others. */
  labels?: Record<string, string> | undefined;
  required: boolean;
  maxLength: number;
  autocomplete: string | undefined;
}

/** Access tokens (core/tokens): JWTs other services check against the published keys. */
export interface AccessTokenConfig {
  /** `iss`: the base URL without its trailing slash. */
  issuer: string;
  /** `aud`. */
  audience: string;
  /** How long a token lives, from one minute to an hour. */
  ttl: number;
  /** Sign-up fields besides `name` copied into every token as claims of the same name. */
  profileClaims: string[];
  /** How long a signing key signs before the next one takes over. */
  keyRotation: number;
}

export interface CoreConfig {
  baseUrl: URL;
  /**
   * Headless: the app's own pages, where mailed links and the start page point (a URL
   * ending in `/`); undefined: Sesame's own pages under the base path.
   */
  pagesUrl: URL | undefined;
  /** The base URL's path, ending in `/`: links in mails live under it. */
  basePath: string;
  store: Store;
  mailer: Mailer;
  /** Renders every mail the core sends, from what it says (never from HTML the core builds). */
  renderMail: RenderMail;
  /** Milliseconds, like every duration here. */
  loginLinkTtl: number;
  signupLinkTtl: number;
  sessionIdleTimeout: number;
  sessionAbsoluteTimeout: number;
  signupFields: ResolvedSignupField[];
  rateLimits: { perAddress: RateLimitRule[]; perClient: RateLimitRule[] };
  uniformResponses: boolean;
  /** Who may sign up: anyone (open), nobody (closed: logins only), or those invited by an operator. */
  signup: SignupPolicy;
  guessLimit: RateLimitRule | false;
  loginNotices: boolean;
  /** Origins `next` may point to besides the base URL's own. */
  redirectOrigins: string[];
  accessTokens: AccessTokenConfig;
  /** Seals queued mail and the private signing keys; at least 32 characters. */
  secret: string;
  mailRetryDelay: number;
  mailLease: number;
  /** Which addresses may be used (core/links/address-policy.ts). */
  addressPolicy: AddressPolicy;
  /** The host app's hooks (none by default), and how long each may take. */
  hooks: Hooks;
  hookTimeout: number;
  /** Where account events are posted, signed (core/events/webhooks.ts); null: none. */
  webhooks: WebhookSettings | null;
  now: Clock;
  random: RandomSource;
  sha256: Sha256;
  /** The runtime's AES-GCM for sealing, where it is cheaper than Web Crypto's (see SesameOptions.aesGcm). */
  aesGcm?: AesGcmEncrypt | undefined;
  log: Logger;
}

export type SignupPolicy = "open" | "closed" | "invite";

export interface WebhookSettings {
  endpoints: string[];
  /** The secret's key bytes (what follows `whsec_`, decoded). */
  key: Uint8Array<ArrayBuffer>;
  /** The first retry's delay; each later one doubles, up to an hour. */
  retryDelay: number;
  /** A delivery still failing this long after its event is dropped. */
  giveUpAfter: number;
  /** How long one try may take. */
  timeout: number;
}

/** Where the pages a mail points to live: the app's own (headless) or Sesame's, under its base path. */
export function pagesBase(config: Pick<CoreConfig, "pagesUrl" | "baseUrl" | "basePath">): string {
  return config.pagesUrl?.href ?? config.baseUrl.origin + config.basePath;
}

const DAY = 24 * 3600 * 1000;
/** Expired rows stay this long (so a late click can still be told "expired"), then are purged. */
export const PURGE_AFTER = 7 * DAY;
/** Account events (the audit trail the admin API shows) are kept this long. */
export const EVENTS_KEPT = 90 * DAY;
