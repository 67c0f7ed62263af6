/** The stylesheet and the one page script, served from Sesame's own origin (the CSP allows nothing else). */
import type { Hono } from "hono";
import { PAGE_SCRIPT } from "../pages/script.js";
import { renderStylesheet } from "../pages/style.js";
import type { Http } from "../respond.js";

export function assetRoutes(app: Hono, http: Http): void {
  const { config, path } = http;
  const stylesheet = renderStylesheet(config.accentColor);

  app.get(path("assets/sesame.css"), (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(stylesheet, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get(path("assets/sesame.js"), (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
}
