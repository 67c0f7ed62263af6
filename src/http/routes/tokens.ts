/**
 * Tokens for other services: `POST /token` turns the session cookie into a short-lived
 * JWT, and `GET /.well-known/jwks.json` publishes the keys that check it.
 */
import type { Hono } from "hono";
import { readSessionCookie } from "../cookies.js";
import { preflight, withCors } from "../cors.js";
import type { Http } from "../respond.js";

export function tokenRoutes(app: Hono, http: Http): void {
  const { config, flows, security, path, say } = http;
  const cors = config.corsOrigins;

  app.post(path("token"), async (c) => {
    const issued = await flows.issueAccessToken(readSessionCookie(c, config));
    const response = issued.ok
      ? security.json({ access_token: issued.accessToken, token_type: issued.tokenType, expires_in: issued.expiresIn }, 200)
      : security.json({ error: { code: "unauthenticated", message: say(c, (m) => m.no_session_for_token) } }, 401);
    return withCors(response, c.req.raw, cors);
  });
  app.options(path("token"), (c) => preflight(c.req.raw, cors, "POST"));

  app.get(path(".well-known/jwks.json"), async (c) => {
    const { keys, maxAgeSeconds } = await flows.publishedKeys();
    // Public keys: any page may read them, and caches may keep them less long than a next key is announced ahead.
    c.header("Cache-Control", `public, max-age=${maxAgeSeconds}`);
    c.header("Access-Control-Allow-Origin", "*");
    return c.json({ keys });
  });
}
