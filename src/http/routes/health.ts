/** Liveness: 200 while the database answers, 503 (store_unavailable, from the app's error handler) when not. */
import type { Hono } from "hono";
import type { Http } from "../respond.js";

export function healthRoutes(app: Hono, http: Http): void {
  const { flows, path } = http;
  app.get(path("healthz"), async (c) => {
    await flows.checkHealth();
    return c.json({ ok: true });
  });
}
