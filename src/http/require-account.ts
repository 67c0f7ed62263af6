/**
 * For a host app's own routes: who is logged in, from Sesame's session cookie, and a gate
 * that sends a browser to the login form (and back after it) or answers an API client 401.
 */
import type { MiddlewareHandler } from "hono";
import type { ValidSession } from "../core/sessions/session.js";
import { wantsJson } from "./respond.js";

/** What the Hono middlewares set on the context: `c.var.session` (account and expiry), or null. */
export interface SesameVariables {
  session: ValidSession | null;
}

type Authenticate = (request: Request) => Promise<ValidSession | null>;

/** Sets `c.var.session` for every request, logged in or not. */
export function sessionMiddleware(authenticate: Authenticate): MiddlewareHandler<{ Variables: SesameVariables }> {
  return async (c, next) => {
    c.set("session", await authenticate(c.req.raw));
    await next();
  };
}

/** Lets only a logged-in request through; `c.var.session` is then set. */
export function requireAccountMiddleware(authenticate: Authenticate, basePath: string): MiddlewareHandler<{ Variables: SesameVariables }> {
  return async (c, next) => {
    const session = await authenticate(c.req.raw);
    if (!session) return notLoggedIn(c.req.raw, basePath);
    c.set("session", session);
    await next();
  };
}

/**
 * A browser goes to the login form, which brings it back here after the link (a path on
 * this site, which Sesame's redirect check accepts); anything else gets 401 JSON.
 */
export function notLoggedIn(request: Request, basePath: string): Response {
  const headers = { "cache-control": "no-store" };
  if (wantsJson(request) || !(request.headers.get("accept") ?? "").includes("text/html")) {
    return Response.json({ error: { code: "unauthenticated", message: "Not logged in." } }, { status: 401, headers });
  }
  const url = new URL(request.url);
  const next = encodeURIComponent(url.pathname + url.search);
  return new Response(null, { status: 303, headers: { ...headers, location: `${basePath}?next=${next}` } });
}
