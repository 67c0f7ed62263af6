/**
 * The checks that turn each option into its resolved value, or one clear error naming
 * the option: a bad configuration fails at start-up, not later.
 */
import type { RateLimitRule, ResolvedSignupField } from "../core/config.js";
import { SesameError } from "../core/errors.js";
import type { RandomSource } from "../core/ports.js";
import { encodeBase64Url } from "../core/token.js";
import type { CaptchaOptions, RateLimitOptions, SignupField, TrustProxy } from "../options.js";
import { HEX_COLOR } from "../theme.js";

const SECOND = 1000;

export function parseSecret(secret: string | undefined, random: RandomSource): string {
  if (secret === undefined) return encodeBase64Url(random(new Uint8Array(32)));
  if (typeof secret !== "string" || secret.length < 32) throw invalid("secret must be at least 32 characters");
  return secret;
}

/** An http(s) origin and an optional path (`name` is the option's, for the message). */
export function parseBaseUrl(value: string, name = "baseUrl"): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(`${name} must start with http:// or https://`);
  if (url.search || url.hash || url.username || url.password) {
    throw invalid(`${name} must be an origin and an optional path, without query, fragment or credentials`);
  }
  return url;
}

/** Only a hex colour: the value is written into the stylesheet, so nothing else may get there. */
export function parseAccentColor(value: string): string {
  if (!HEX_COLOR.test(value)) throw invalid(`accentColor must be a hex colour like #0f766e, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

export function parseLogoUrl(value: string): string {
  return parseAssetUrl(value, "logoUrl");
}

/** A logo's or a stylesheet's address, checked as checkLogoUrl does; `name` is the option's. */
export function parseAssetUrl(value: string, name: string): string {
  const checked = typeof value === "string" ? checkLogoUrl(value) : null;
  if (checked === null) throw invalid(`${name} must be an https:// URL or a path on this site starting with /, got ${JSON.stringify(value)}`);
  return checked;
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

export function parseAfterLoginPath(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) {
    throw invalid("afterLoginPath must be a path on this site, starting with a single /");
  }
  return path;
}

export function parseSignupFields(fields: SignupField[]): ResolvedSignupField[] {
  const seen = new Set<string>();
  return fields.map((field) => {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(field.name)) throw invalid(`signup field name ${JSON.stringify(field.name)} must be lower case letters, digits or _`);
    if (["email", "token", "website"].includes(field.name)) throw invalid(`signup field name ${field.name} is reserved`);
    if (seen.has(field.name)) throw invalid(`signup field ${field.name} appears twice`);
    seen.add(field.name);
    const maxLength = field.maxLength ?? 100;
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 1000) throw invalid(`signup field ${field.name}: maxLength must be 1 to 1000`);
    if (field.labels !== undefined && (typeof field.labels !== "object" || Object.values(field.labels).some((label) => typeof label !== "string"))) {
      throw invalid(`signup field ${field.name}: labels must map language tags to strings`);
    }
    return { name: field.name, label: field.label, labels: field.labels, required: field.required ?? false, maxLength, autocomplete: field.autocomplete };
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

export function parseRateLimits(options: RateLimitOptions | false | undefined) {
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

export function parseGuessLimit(rule: RateLimitRule | false | undefined): RateLimitRule | false {
  if (rule === false) return false;
  const chosen = rule ?? DEFAULT_GUESS_LIMIT;
  if (!Number.isInteger(chosen.limit) || chosen.limit < 1 || chosen.limit > 100) throw invalid("guessLimit.limit must be a whole number from 1 to 100");
  if (!Number.isFinite(chosen.periodSeconds) || chosen.periodSeconds < 60 || chosen.periodSeconds > 86400) {
    throw invalid("guessLimit.periodSeconds must be from 60 to 86400");
  }
  return { limit: chosen.limit, periodSeconds: chosen.periodSeconds };
}

export function parseTrustProxy(value: TrustProxy): TrustProxy {
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

export function parseCaptcha(captcha: CaptchaOptions | undefined) {
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

/** An exact origin, as `option` lists them: no path, and no wildcard (a `*` would parse as a literal host). */
export function parseOrigin(value: string, option: "redirectOrigins" | "corsOrigins"): string {
  try {
    const url = new URL(value);
    if (!value.includes("*") && (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "")) return url.origin;
  } catch {
    // fall through
  }
  throw invalid(`${option}: ${JSON.stringify(value)} is not an origin like https://app.example.com`);
}

export function seconds(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen < min || chosen > max) {
    throw invalid(`${name} must be between ${min} and ${max} seconds`);
  }
  return chosen * SECOND;
}

export function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}

/** Domain patterns: `example.com` (that domain) or `*.example.com` (its subdomains), in lower case ASCII (punycode for others). */
export function parseDomainPatterns(list: unknown, name: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid(`${name} must be a list of domains`);
  return list.map((entry: unknown) => {
    const pattern = typeof entry === "string" ? entry.trim().toLowerCase() : "";
    const domain = pattern.startsWith("*.") ? pattern.slice(2) : pattern;
    if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(domain)) {
      throw invalid(`${name}: ${JSON.stringify(entry)} is not a domain such as example.com or *.example.com`);
    }
    return pattern;
  });
}
