/**
 * Sesame's cookies. On https the session cookie takes the `__Host-` prefix, which
 * browsers accept only with Secure, Path=/ and no Domain: it cannot be set or
 * shadowed by a sibling subdomain.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { parse } from "hono/utils/cookie";
import type { LinkKind } from "../core/ports.js";
import type { SesameConfig } from "../options.js";

type CookieConfig = Pick<SesameConfig, "secureCookies" | "sessionAbsoluteTimeout">;

function names(config: CookieConfig) {
  const prefix = config.secureCookies ? "__Host-" : "";
  return { session: `${prefix}sesame_session`, sent: `${prefix}sesame_sent`, pending: `${prefix}sesame_pending` };
}

function attributes(config: CookieConfig, maxAgeSeconds: number) {
  return { path: "/", httpOnly: true, secure: config.secureCookies, sameSite: "Lax", maxAge: maxAgeSeconds } as const;
}

export function readSessionCookie(c: Context, config: CookieConfig): string | undefined {
  return getCookie(c, names(config).session);
}

/** The session secret in a request's Cookie header (or in headers alone, as Next.js's `headers()` gives them), for host apps outside Sesame's routes. */
export function sessionFromRequest(request: Request | Headers, config: CookieConfig): string | undefined {
  const name = names(config).session;
  // Not told apart by shape: Next.js's read-only headers have a `headers` property of their own.
  const headers = request instanceof Request ? request.headers : request;
  return parse(headers.get("cookie") ?? "", name)[name];
}

export function writeSessionCookie(c: Context, config: CookieConfig, token: string): void {
  setCookie(c, names(config).session, token, attributes(config, Math.floor(config.sessionAbsoluteTimeout / 1000)));
}

export function clearSessionCookie(c: Context, config: CookieConfig): void {
  deleteCookie(c, names(config).session, attributes(config, 0));
}

/**
 * What the "check your inbox" page says went out: a sign-up or a login link; "either" under
 * uniform answers; "known" with sign-ups closed (a login link if the address has an account).
 */
export type SentKind = LinkKind | "either" | "known";

export interface SentLink {
  kind: SentKind;
  email: string;
  /** Where to land once logged in from this browser (by code or approval). */
  next?: string | undefined;
  /** The number an approval from another device must type (S26). */
  approvalNumber?: string | undefined;
}

/**
 * What the "check your inbox" page shows after the redirect from POST /magic. Not a
 * secret (the person just typed it), so it is plain data, but HttpOnly all the same.
 */
export function writeSentCookie(c: Context, config: CookieConfig, sent: SentLink): void {
  const value = [sent.kind, sent.email, sent.next ?? "", sent.approvalNumber ?? ""].map(encodeURIComponent).join(":");
  setCookie(c, names(config).sent, value, attributes(config, 3600));
}

export function readSentCookie(c: Context, config: CookieConfig): SentLink | null {
  const value = getCookie(c, names(config).sent);
  const match = value?.match(/^(signup|login|either|known):([^:]{1,800}):([^:]{0,2000})(?::([0-9]{2})?)?$/);
  if (!match) return null;
  try {
    const next = decodeURIComponent(match[3]!);
    return { kind: match[1] as SentKind, email: decodeURIComponent(match[2]!), next: next === "" ? undefined : next, approvalNumber: match[4] };
  } catch {
    return null;
  }
}

/** The asking browser's pending secret: proof, later, that this is the browser that asked. */
export function writePendingCookie(c: Context, config: CookieConfig & { pendingLifetime: number }, secret: string): void {
  setCookie(c, names(config).pending, secret, attributes(config, Math.floor(config.pendingLifetime / 1000)));
}

export function readPendingCookie(c: Context, config: CookieConfig): string | undefined {
  return getCookie(c, names(config).pending);
}

export function clearPendingCookie(c: Context, config: CookieConfig): void {
  deleteCookie(c, names(config).pending, attributes(config, 0));
}

export function clearSentCookie(c: Context, config: CookieConfig): void {
  deleteCookie(c, names(config).sent, attributes(config, 0));
}
