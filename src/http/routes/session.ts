/** The session: who is logged in (the route host apps poll), and logging out. */
import type { Hono } from "hono";
import { readFields } from "../body.js";
import { clearSessionCookie, readSessionCookie } from "../cookies.js";
import { preflight, withCors } from "../cors.js";
import { publicAccount, wantsJson, type Http } from "../respond.js";

export function sessionRoutes(app: Hono, http: Http): void {
  const { config, flows, security, path, failure, requestContext, say } = http;

  // The route host apps poll: answered with security.json, which sets no header of its own.
  // CORS headers for the allowed origins (http/cors.ts); none at all when the list is empty.
  app.get(path("session"), async (c) => {
    const session = await flows.validateSession(readSessionCookie(c, config));
    const response = session
      ? security.json({ account: publicAccount(session.account), expiresAt: session.expiresAt }, 200)
      : security.json({ error: { code: "unauthenticated", message: say(c, (m) => m.unauthenticated) } }, 401);
    return withCors(response, c.req.raw, config.corsOrigins);
  });
  app.options(path("session"), (c) => preflight(c.req.raw, config.corsOrigins, "GET"));

  app.post(path("logout"), async (c) => {
    const body = await readFields(c.req.raw, new Set());
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    await flows.revokeSession(readSessionCookie(c, config), requestContext(c));
    clearSessionCookie(c, config);
    config.log({ level: "info", event: "logout" });
    if (wantsJson(c.req.raw)) return c.json({ loggedOut: true });
    return c.redirect(config.basePath, 303);
  });
}
