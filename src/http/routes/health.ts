/**
 * Liveness (`/healthz`): 200 while the database answers, 503 (store_unavailable, from the
 * app's error handler) when not. Readiness (`/readyz`): 200 only when the database answers
 * within two seconds with the schema this code expects and the instance is not draining.
 */
import type { Hono } from "hono";
import type { Http } from "../respond.js";

export function healthRoutes(app: Hono, http: Http): void {
  const { flows, path } = http;
  app.get(path("healthz"), async (c) => {
    await flows.checkHealth();
    return c.json({ ok: true });
  });
  app.get(path("readyz"), async (c) => {
    const readiness = await flows.checkReady();
    return c.json(readiness, readiness.ready ? 200 : 503);
  });
}
