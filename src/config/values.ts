/**
 * The check of each single setting read from the environment, shared by every entry: one
 * message per mistake, naming the variable the value came from (`name`), whichever
 * entry reads it. A secret is never echoed; a URL with a password only without it.
 * Web APIs only.
 */
import { ConfigError } from "../core/errors.js";
import { fromAddressProblem, parseFromAddress } from "../mail/headers.js";
import { checkLogoUrl, parseRateLimitSetting, type RateLimitRule, type TrustProxy } from "../options.js";
import { parseDomainPatterns } from "./option-checks.js";
import { HEX_COLOR } from "../theme.js";

export type MailerValue = { type: "dev" } | { type: "file"; path: string } | { type: "smtp"; url: string };

const got = (value: string) => `, got ${JSON.stringify(value)}`;

function refuse(name: string, message: string): never {
  throw new ConfigError(message, { variable: name });
}

export function parseBaseUrl(value: string, name: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // refused below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) refuse(name, `${name} must be an http:// or https:// URL${got(value)}`);
  if (url.username || url.password) refuse(name, `${name} must not carry a user or password`);
  if (url.search || url.hash) refuse(name, `${name} must be an origin and an optional path, without query or fragment${got(value)}`);
  return value;
}

export function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) refuse(name, `${name} must be a number from 0 to 65535${got(value)}`);
  return port;
}

export function parseWhole(value: string, name: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) refuse(name, `${name} must be a whole number from ${min} to ${max}${got(value)}`);
  return number;
}

/** A privacy setting must not be silently off because of a spelling: anything else is refused. */
export function parseOnOff(value: string, name: string): boolean {
  if (value === "on" || value === "true" || value === "1") return true;
  if (value === "off" || value === "false" || value === "0") return false;
  return refuse(name, `${name} must be on or off${got(value)}`);
}

/** `1/60,5/3600`: at most 1 per 60 seconds and 5 per 3600 seconds; `off` for none. */
export function parseRules(value: string, name: string): RateLimitRule[] {
  const rules = parseRateLimitSetting(value);
  if (!rules) refuse(name, `${name} must be like 1/60,5/3600 (count/seconds, comma-separated) or off${got(value)}`);
  return rules;
}

/** `10/3600` (at most 10 wrong guesses per address an hour) or `off`. */
export function parseGuessLimit(value: string, name: string): RateLimitRule | false {
  const rules = parseRateLimitSetting(value);
  if (rules?.length === 0) return false;
  const rule = rules?.length === 1 ? rules[0] : undefined;
  if (!rule) refuse(name, `${name} must be like 10/3600 or off`);
  if (rule.limit < 1 || rule.limit > 100 || rule.periodSeconds < 60 || rule.periodSeconds > 86400) {
    refuse(name, `${name} must allow 1 to 100 wrong guesses per 60 to 86400 seconds${got(value)}`);
  }
  return rule;
}

/** `off`, `x-forwarded-for` (optionally `x-forwarded-for:2` for two proxies), `x-real-ip` or `cf-connecting-ip`. */
export function parseTrustProxy(value: string, name: string): TrustProxy {
  if (value === "off") return false;
  const match = value.match(/^x-forwarded-for(?::(\d+))?$/);
  if (match) return { header: "x-forwarded-for", hops: Number(match[1] ?? 1) };
  if (value === "x-real-ip" || value === "cf-connecting-ip") return { header: value };
  return refuse(name, `${name} must be off, x-forwarded-for[:HOPS], x-real-ip or cf-connecting-ip${got(value)}`);
}

/** A hex colour only: it is written into the stylesheet. */
export function parseAccentColor(value: string, name: string): string {
  if (!HEX_COLOR.test(value)) refuse(name, `${name} must be a hex colour like #0f766e${got(value)}`);
  return value;
}

export function parseLogoUrl(value: string, name: string): string {
  if (checkLogoUrl(value) === null) refuse(name, `${name} must be an https:// URL or a path on this site starting with /${got(value)}`);
  return value;
}

export function parseSecret(value: string, name: string): string {
  // Never echo it: the message names only what is wrong.
  if (value.length < 32) refuse(name, `${name} must be at least 32 characters (it has ${value.length}); e.g. \`openssl rand -base64 32\``);
  return value;
}

/** One mailbox (S29): a second address or a line break would add recipients or headers to every mail. */
export function parseMailFrom(value: string, name: string): string {
  const check = parseFromAddress(value);
  if (!check.ok) refuse(name, `${fromAddressProblem(name, check.problem)}${got(value)}`);
  return check.from.text;
}

export function parseDatabaseUrl(value: string, name: string): string {
  // Not echoed: it usually carries a password.
  if (!/^postgres(ql)?:\/\//.test(value)) refuse(name, `${name} must start with postgres:// or postgresql://`);
  return value;
}

/** `dev`, `file:PATH`, `smtp://…` or `smtps://…`. */
export function parseMailer(value: string, name: string): MailerValue {
  if (value === "dev") return { type: "dev" };
  if (value.startsWith("file:")) {
    const path = value.slice("file:".length);
    if (!path) refuse(name, `${name}=file:PATH needs a path`);
    return { type: "file", path };
  }
  if (/^smtps?:\/\//.test(value)) {
    let host = "";
    try {
      host = new URL(value).hostname;
    } catch {
      // refused below
    }
    if (!host) refuse(name, `${name} is not a valid smtp:// or smtps:// URL`);
    return { type: "smtp", url: value };
  }
  // The user and password of a URL-like value are left out.
  return refuse(name, `${name} must be dev, file:PATH, smtp://… or smtps://…${got(value.replace(/\/\/[^@/]*@/, "//…@"))}`);
}

/** A comma-separated list, each item trimmed; an empty item is a mistake (`a,,b`). */
export function parseList(value: string, name: string): string[] {
  const items = value.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) refuse(name, `${name} must be a comma-separated list with no empty items${got(value)}`);
  return items;
}

/** A comma-separated list of domain patterns (`example.com`, `*.example.com`). */
export function parseDomains(value: string, name: string): string[] {
  const items = parseList(value, name);
  try {
    return parseDomainPatterns(items, name);
  } catch (error) {
    return refuse(name, (error as Error).message);
  }
}

/** The admin API's token: at least 32 characters; never echoed. */
export function parseAdminToken(value: string, name: string): string {
  if (value.length < 32) refuse(name, `${name} must be at least 32 characters`);
  return value;
}

/** A secret given in a variable: long enough to guess at no better than at random; never echoed. */
export function parseToken(value: string, name: string): string {
  if (value.length < 16) refuse(name, `${name} must be at least 16 characters`);
  return value;
}

/** Webhook endpoints: a comma-separated list of http(s) URLs. */
export function parseWebhookUrls(value: string, name: string): string[] {
  return parseList(value, name).map((item) => {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) refuse(name, `${name} must list http or https URLs${got(item)}`);
    return url.href;
  });
}

/** A Standard Webhooks secret: whsec_ and 24 to 64 bytes in base64; never echoed. */
export function parseWebhookSecret(value: string, name: string): string {
  const body = value.startsWith("whsec_") ? value.slice(6) : "";
  let bytes = 0;
  try {
    bytes = body === "" ? 0 : atob(body).length;
  } catch {
    bytes = 0;
  }
  if (bytes < 24 || bytes > 64) refuse(name, `${name} must be whsec_ followed by 24 to 64 bytes in base64 (e.g. whsec_$(openssl rand -base64 32))`);
  return value;
}

/** Who may sign up: open, closed or invite. */
export function parseSignupPolicy(value: string, name: string): "open" | "closed" | "invite" {
  if (value !== "open" && value !== "closed" && value !== "invite") refuse(name, `${name} must be open, closed or invite${got(value)}`);
  return value;
}
