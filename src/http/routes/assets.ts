/**
 * The stylesheet and the one page script, served from Sesame's own origin (the CSP allows
 * nothing else). Loaded on the first request for either: a JSON-only client never needs them.
 */
import type { Hono } from "hono";
import type { Http } from "../respond.js";

export function assetRoutes(app: Hono, http: Http): void {
  const { config, path } = http;
  let stylesheet: Promise<string> | undefined;

  app.get(path("assets/sesame.css"), async (c) => {
    stylesheet ??= import("../pages/style.js").then(({ renderStylesheet }) => renderStylesheet(config.accentColor));
    const css = await stylesheet.catch((error: unknown) => {
      stylesheet = undefined;
      throw error;
    });
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(css, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get(path("assets/sesame.js"), async (c) => {
    const { PAGE_SCRIPT } = await import("../pages/script.js");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
}
