/**
 * Headers on every response. Pages carry no inline script: the one script (the waiting
 * page's check for an approval) is served from Sesame's own origin, so the policy allows
 * 'self' and nothing else. Token-bearing pages must not leak their URL (no referrer) or
 * be kept by a cache (no-store), and nothing of Sesame's is worth caching but the
 * stylesheet and the script, so no-store is the rule.
 */
import type { MiddlewareHandler } from "hono";

export interface PolicyOptions {
  captcha?: "turnstile" | "hcaptcha" | undefined;
  /** Origins a form may end up on: a POST /login redirects to an allowed `next`. */
  redirectOrigins?: readonly string[];
  /** A configured logo: when it is an https URL, its origin may serve images. */
  logoUrl?: string | undefined;
  /** The app's stylesheet: when it is an https URL, its origin may serve styles. */
  stylesheetUrl?: string | undefined;
}

/** The policy; a captcha provider's widget needs its script, frames and calls allowed too. */
export function contentSecurityPolicy({ captcha, redirectOrigins = [], logoUrl, stylesheetUrl }: PolicyOptions = {}): string {
  const provider = captcha ? CAPTCHA_SOURCES[captcha] : undefined;
  // A path on this site is covered by 'self'; an https logo or stylesheet adds exactly its origin.
  const logoOrigin = logoUrl?.startsWith("https://") ? new URL(logoUrl).origin : undefined;
  const styleOrigin = stylesheetUrl?.startsWith("https://") ? new URL(stylesheetUrl).origin : undefined;
  return [
    "default-src 'none'",
    // The page script is served from Sesame's own origin; nothing inline, ever.
    provider ? `script-src 'self' ${provider}` : "script-src 'self'",
    // The approval check calls back to Sesame.
    provider ? `connect-src 'self' ${provider}` : "connect-src 'self'",
    provider ? `frame-src ${provider}` : undefined,
    ["style-src 'self'", provider && captcha === "hcaptcha" ? provider : undefined, styleOrigin].filter(Boolean).join(" "),
    ["img-src 'self' data:", logoOrigin].filter(Boolean).join(" "),
    ["form-action 'self'", ...redirectOrigins].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]
    .filter(Boolean)
    .join("; ");
}

const CAPTCHA_SOURCES = {
  turnstile: "https://challenges.cloudflare.com",
  hcaptcha: "https://hcaptcha.com https://*.hcaptcha.com",
};

export interface SecurityHeaders {
  /** Sets the headers on whatever response comes back through it. */
  middleware: MiddlewareHandler;
  /** Sets them on headers the middleware never sees (an answer outside Sesame's base path). */
  apply(headers: Headers): void;
  /**
   * A JSON response that already carries every header (Cache-Control: no-store), as a
   * plain record: the middleware then leaves it alone, and @hono/node-server writes the
   * record straight to the socket instead of going through a Headers object twice
   * (about a sixth of a GET /session's CPU time). For routes that set no headers of
   * their own: anything set with `c.header()` before would not be in it.
   */
  json(body: unknown, status: number): Response;
}

export interface SecurityHeaderOptions extends PolicyOptions {
  /** The base URL is https: browsers are told to use nothing else for a year (S22). */
  hsts?: boolean;
}

/** A year, and nothing wider: `includeSubDomains` or `preload` would bind sites Sesame does not know about. */
const HSTS = "max-age=31536000";

export function securityHeaders(options: SecurityHeaderOptions = {}): SecurityHeaders {
  const always: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    // Never over http: a browser ignores it there, and a development server on localhost must not pin it.
    ...(options.hsts && { "Strict-Transport-Security": HSTS }),
  };
  function apply(headers: Headers): void {
    for (const name in always) headers.set(name, always[name]!);
    if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  }
  // Responses built here, complete already; a WeakSet, so it holds none of them alive.
  const complete = new WeakSet<Response>();
  // One record for every JSON answer: Response copies it (Node's adapter copies before adding a length).
  const jsonHeaders: Record<string, string> = { ...always, "Cache-Control": "no-store", "Content-Type": "application/json" };
  return {
    middleware: async (c, next) => {
      await next();
      if (complete.has(c.res)) return;
      apply(c.res.headers);
    },
    apply,
    json(body, status) {
      const response = new Response(JSON.stringify(body), { status, headers: jsonHeaders });
      complete.add(response);
      return response;
    },
  };
}

/**
 * True when a state-changing request comes from a page on another site (S15).
 * `Sec-Fetch-Site`, which every current browser sends, decides. Without it, an
 * `Origin` other than ours is refused; `Origin: null` is not, because Chromium sends
 * it for same-origin forms on pages with `Referrer-Policy: no-referrer`, as Sesame's
 * are. A request with neither header is not from a browser, so it carries no
 * victim's cookies.
 */
export function isCrossSite(request: Request, ownOrigin: string): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  return origin !== null && origin !== "null" && origin !== ownOrigin;
}
