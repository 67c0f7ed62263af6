/**
 * The session, the service's health, its assets, and the development mailbox.
 */
import type { Hono } from "hono";
import { readFields } from "../body.js";
import { clearSessionCookie, readSessionCookie } from "../cookies.js";
import { PAGE_SCRIPT } from "../pages/script.js";
import { renderStylesheet } from "../pages/style.js";
import { publicAccount, wantsJson, type Http } from "../respond.js";

/** Headers a reverse proxy adds; a browser on this machine sends none of them. */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host"];

export function sessionRoutes(app: Hono, http: Http): void {
  const { config, flows, security, path, page, failure } = http;
  const stylesheet = renderStylesheet(config.accentColor);

  app.get(path("assets/sesame.css"), (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(stylesheet, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get(path("assets/sesame.js"), (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  // The route host apps poll: answered with security.json, which sets no header of its own.
  app.get(path("session"), async (c) => {
    const session = await flows.validateSession(readSessionCookie(c, config));
    if (!session) return security.json({ error: { code: "unauthenticated", message: "Not logged in." } }, 401);
    return security.json({ account: publicAccount(session.account), expiresAt: session.expiresAt }, 200);
  });

  app.post(path("logout"), async (c) => {
    const body = await readFields(c.req.raw, new Set());
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    await flows.revokeSession(readSessionCookie(c, config));
    clearSessionCookie(c, config);
    config.log({ level: "info", event: "logout" });
    if (wantsJson(c.req.raw)) return c.json({ loggedOut: true });
    return c.redirect(config.basePath, 303);
  });

  app.get(path("healthz"), async (c) => {
    await flows.checkHealth();
    return c.json({ ok: true });
  });

  const mailbox = config.devMailbox;
  if (mailbox) {
    app.get(path("_dev/mail"), (c) => {
      // Through a proxy, even one on this machine, anyone could read every live link (S28): the ordinary not-found answer.
      if (PROXY_HEADERS.some((name) => c.req.raw.headers.has(name))) return c.notFound();
      // A page elsewhere whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host:
      // only a loopback name may read.
      if (!isLoopbackName(new URL(c.req.url).hostname)) return c.notFound();
      const messages = mailbox.list();
      if (wantsJson(c.req.raw)) return c.json({ messages });
      return page(c, { page: "dev-mailbox", messages });
    });
  }
}

/** `localhost`, an address in 127.0.0.0/8, or `[::1]`: names no other site can make a browser send. */
function isLoopbackName(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
