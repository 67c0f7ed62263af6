/**
 * Metrics for a Prometheus scrape: every answer on Sesame's routes timed by its route
 * pattern (a fixed set: no path parameter, no query), and `GET /metrics` for a scraper
 * holding the bearer token, compared in constant time.
 */
import type { Hono } from "hono";
import { hasBearer } from "../bearer.js";
import type { Http } from "../respond.js";

export function metricsRoutes(app: Hono, http: Http, own: string): void {
  const { config, flows, security, path } = http;
  const metrics = config.metrics;
  if (!metrics) return;

  app.use(own, async (c, next) => {
    const started = performance.now();
    await next();
    // The pattern that matched, without the base path: "magic", "login", … ; "other" for none.
    const matched = c.req.routePath.startsWith(config.basePath) ? c.req.routePath.slice(config.basePath.length) || "/" : "other";
    metrics.observe(matched === "*" ? "other" : matched, c.req.method, (performance.now() - started) / 1000);
  });

  const token = config.metricsToken;
  if (token === undefined) return;
  app.get(path("metrics"), async (c) => {
    if (!(await hasBearer(c.req.raw, token, config.sha256))) {
      return security.json({ error: { code: "unauthenticated", message: "The metrics need the bearer token." } }, 401);
    }
    const text = metrics.render(await flows.outboxStats(), config.now());
    return c.body(text, 200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
  });
}
