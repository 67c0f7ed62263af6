/**
 * The HTTP face: routes turn requests into flow calls, and outcomes into pages
 * (for browsers) or JSON (for clients that ask for it). Built once per Sesame
 * instance; nothing here is set up per request.
 */
import type { Context } from "hono";
// The smallest router Hono has (a regular expression per route, tried in order): Sesame's 28
// routes match in about 0.4 µs (RegExpRouter: 0.02 µs; a session check costs ~190 µs), and a
// Worker's cold start parses 6 KB less code.
import { Hono } from "hono/tiny";
import { SesameError } from "../core/errors.js";
import { loadOnce } from "../load-once.js";
import type { Flows } from "../core/flows.js";
import type { SesameConfig } from "../options.js";
import { createHttp, executionContext, type Http } from "./respond.js";
import { openApiRoutes } from "./routes/openapi.js";
import { assetRoutes } from "./routes/assets.js";
import { devMailboxRoutes } from "./routes/dev-mailbox.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { redeemLinkRoutes } from "./routes/redeem-link.js";
import { requestLinkRoutes } from "./routes/request-link.js";
import { sessionRoutes } from "./routes/session.js";
import { allowedOrigin } from "./cors.js";
import { isCrossSite, securityHeaders } from "./security.js";

export { publicAccount, wantsJson } from "./respond.js";

export function createApp(config: SesameConfig, flows: Flows): Hono {
  const app = new Hono();
  const security = securityHeaders({
    captcha: config.captcha?.provider,
    redirectOrigins: config.redirectOrigins,
    logoUrl: config.logoUrl,
    stylesheetUrl: config.stylesheetUrl,
    hsts: config.baseUrl.protocol === "https:",
  });
  const http = createHttp(config, flows, security);
  const { failure, path } = http;

  /**
   * Routes loaded with the first request for them, as an app of their own behind this one's
   * middleware: its faults go to this app's handler, a path it lacks gets this app's 404.
   */
  function lazyRoutes(taken: [method: string, pattern: string][], load: () => Promise<(routes: Hono, http: Http) => void>): void {
    const loaded = loadOnce(async () => {
      const routes = new Hono();
      routes.notFound((c) => failure(c, 404, "not_found", (m) => m.not_found));
      (await load())(routes, http);
      routes.onError((error) => {
        throw error;
      });
      return routes;
    });
    const handler = async (c: Context) => (await loaded()).fetch(c.req.raw, c.env, executionContext(c));
    // By method too: a request no route takes stays the app's 404 (and the metrics' "other").
    for (const [method, pattern] of taken) app.on(method, pattern, handler);
  }

  // Only Sesame's own paths: mounted in a host app (`host.route("/", sesame.app)`), the
  // host's routes keep their own headers and their own rules for cross-site requests.
  const own = `${config.basePath}*`;
  const tokenPath = `${config.basePath}token`;
  // First, so that the time measured covers every other middleware's too.
  metricsRoutes(app, http, own);
  app.use(own, security.middleware);
  // Paths are exact, as with Hono's default router: this one also takes a route's path with a
  // trailing slash, which is not a page here (the base path itself aside).
  app.use(own, async (c, next) => {
    if (c.req.path.endsWith("/") && c.req.path !== config.basePath) return c.notFound();
    await next();
  });
  // The request's language, loaded before any route speaks (English, and any language loaded before, costs no wait).
  app.use(own, async (c, next) => {
    const loading = http.loadLanguage(c);
    if (loading) await loading;
    await next();
  });
  app.use(own, async (c, next) => {
    const safe = c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS";
    // POST /token from a page on an allowed origin (CORS) is the one cross-site POST there is.
    const corsToken = c.req.path === tokenPath && allowedOrigin(c.req.raw, config.corsOrigins) !== undefined;
    if (!safe && !corsToken && isCrossSite(c.req.raw, config.baseUrl.origin)) {
      config.log({ level: "warn", event: "request.cross_site", path: c.req.path });
      return failure(c, 403, "cross_site", (m) => m.cross_site);
    }
    await next();
  });

  app.onError((error, c) => {
    // The mail service is never on a request's path (mail goes from the outbox), so the database is the one fault here.
    if (error instanceof SesameError && error.code === "store_unavailable") {
      config.log({ level: "error", event: error.code, error: error.cause ?? error });
      c.header("Retry-After", "30");
      return failure(
        c,
        503,
        error.code,
        (m) => m.store_unavailable,
        (message) => ({ page: "error", title: http.say(c, (m) => m.tryAgainShortly), message }),
      );
    }
    config.log({ level: "error", event: "internal_error", error });
    return failure(c, 500, "internal_error", (m) => m.internal_error);
  });

  app.notFound(async (c) => {
    // Outside the base path no middleware ran; the answer still carries the headers.
    const response = await failure(c, 404, "not_found", (m) => m.not_found);
    security.apply(response.headers);
    return response;
  });

  // Mounted under a path, `/auth` is where people type it: lead them to `/auth/`, where the routes live.
  if (config.basePath !== "/") {
    const bare = config.basePath.slice(0, -1);
    // Exactly `/auth`: the router also matches the route with a trailing slash, which is `/auth/` itself.
    app.get(bare, (c, next) => (c.req.path === bare ? c.redirect(config.basePath + new URL(c.req.url).search, 307) : next()));
  }
  requestLinkRoutes(app, http);
  redeemLinkRoutes(app, http);
  sessionRoutes(app, http);
  // Loaded with their first request: the code and the approval, tokens for other services,
  // the account page and the admin API (a Worker's cold start parses none of them).
  lazyRoutes(
    ["code", "continue", "approve", "deny"].map((name) => ["POST", path(name)]),
    async () => (await import("./routes/later.js")).crossDeviceRoutes,
  );
  lazyRoutes(
    [
      ["POST", path("token")],
      ["OPTIONS", path("token")],
      ["GET", path(".well-known/jwks.json")],
    ],
    async () => (await import("./routes/later.js")).tokenRoutes,
  );
  lazyRoutes(
    [
      ["ALL", path("account")],
      ["ALL", path("account/*")],
    ],
    async () => (await import("./routes/later.js")).accountRoutes,
  );
  if (config.adminToken !== undefined) lazyRoutes([["ALL", path("admin/api/*")]], async () => (await import("./routes/later.js")).adminRoutes);
  openApiRoutes(app, http);
  healthRoutes(app, http);
  assetRoutes(app, http);
  devMailboxRoutes(app, http);
  return app;
}
