/**
 * The HTTP face: routes turn requests into flow calls, and outcomes into pages
 * (for browsers) or JSON (for clients that ask for it). Built once per Sesame
 * instance; nothing here is set up per request.
 */
import { Hono } from "hono";
import { SesameError } from "../core/errors.js";
import type { Flows } from "../core/flows.js";
import type { SesameConfig } from "../options.js";
import { createHttp } from "./respond.js";
import { accountRoutes } from "./routes/account.js";
import { adminRoutes } from "./routes/admin.js";
import { openApiRoutes } from "./routes/openapi.js";
import { assetRoutes } from "./routes/assets.js";
import { crossDeviceRoutes } from "./routes/cross-device.js";
import { devMailboxRoutes } from "./routes/dev-mailbox.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { redeemLinkRoutes } from "./routes/redeem-link.js";
import { requestLinkRoutes } from "./routes/request-link.js";
import { sessionRoutes } from "./routes/session.js";
import { tokenRoutes } from "./routes/tokens.js";
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
  const { failure } = http;

  // Only Sesame's own paths: mounted in a host app (`host.route("/", sesame.app)`), the
  // host's routes keep their own headers and their own rules for cross-site requests.
  const own = `${config.basePath}*`;
  const tokenPath = `${config.basePath}token`;
  // First, so that the time measured covers every other middleware's too.
  metricsRoutes(app, http, own);
  app.use(own, security.middleware);
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
    app.get(config.basePath.slice(0, -1), (c) => c.redirect(config.basePath + new URL(c.req.url).search, 307));
  }
  requestLinkRoutes(app, http);
  redeemLinkRoutes(app, http);
  crossDeviceRoutes(app, http);
  sessionRoutes(app, http);
  accountRoutes(app, http);
  adminRoutes(app, http);
  openApiRoutes(app, http);
  tokenRoutes(app, http);
  healthRoutes(app, http);
  assetRoutes(app, http);
  devMailboxRoutes(app, http);
  return app;
}
