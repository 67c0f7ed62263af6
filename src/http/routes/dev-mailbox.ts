/**
 * The development mailbox at /_dev/mail: every mail the development mailer sent, with live
 * links and codes. Mounted only with that mailer, and answered only to this machine (S28).
 */
import type { Hono } from "hono";
import { isLoopbackHost } from "../../net/loopback.js";
import { wantsJson, type Http } from "../respond.js";

/** Headers a reverse proxy adds; a browser on this machine sends none of them. */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host"];

export function devMailboxRoutes(app: Hono, http: Http): void {
  const { config, path, page } = http;
  const mailbox = config.devMailbox;
  if (mailbox) {
    app.get(path("_dev/mail"), (c) => {
      // Through a proxy, even one on this machine, anyone could read every live link (S28): the ordinary not-found answer.
      if (PROXY_HEADERS.some((name) => c.req.raw.headers.has(name))) return c.notFound();
      // A page elsewhere whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host:
      // only a loopback name may read.
      if (!isLoopbackHost(new URL(c.req.url).hostname)) return c.notFound();
      const messages = mailbox.list();
      if (wantsJson(c.req.raw)) return c.json({ messages });
      return page(c, { page: "dev-mailbox", messages });
    });
  }
}
