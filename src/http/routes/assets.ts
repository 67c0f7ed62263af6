/**
 * The stylesheet and the one page script, served from Sesame's own origin (the CSP allows
 * nothing else). Loaded on the first request for either: a JSON-only client never needs them.
 */
import type { Hono } from "hono";
import type { Http } from "../respond.js";
import { loadOnce } from "../../load-once.js";

export function assetRoutes(app: Hono, http: Http): void {
  const { config, path } = http;
  const stylesheet = loadOnce(async () => (await import("../pages/style.js")).renderStylesheet(config.accentColor));
  const script = loadOnce(async () => (await import("../pages/script.js")).PAGE_SCRIPT);

  app.get(path("assets/sesame.css"), async (c) => {
    const css = await stylesheet();
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(css, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get(path("assets/sesame.js"), async (c) => {
    const js = await script();
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(js, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
}
