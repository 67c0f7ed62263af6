// A Hono app on Node with Sesame's routes under /auth, its own headers on its own pages,
// and a page only logged-in people see.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { createSesame, DevMailbox } from "sesame";
import { aesGcm, sha256 } from "sesame/node";
import { openSqliteFile } from "sesame/sqlite";

const port = Number(process.env.PORT ?? 3000);
const { store } = await openSqliteFile(process.env.SESAME_DB ?? "./data/sesame.db");
// Development only: mails are shown at /auth/_dev/mail. In production pass an HTTP
// provider (createResendMailer, …) or createSmtpMailer from "sesame/smtp" as `mailer`.
const mailbox = new DevMailbox();
const sesame = createSesame({
  baseUrl: process.env.SESAME_BASE_URL ?? `http://localhost:${port}/auth`,
  store,
  mailer: mailbox,
  devMailbox: mailbox,
  afterLoginPath: "/dashboard",
  sha256,
  aesGcm,
});

const app = new Hono();
app.route("/", sesame.app); // its headers and checks stay under /auth/
app.use("*", secureHeaders({ xFrameOptions: "SAMEORIGIN" }), sesame.middleware());

app.get("/", (c) => c.html(c.var.session ? '<a href="/dashboard">Dashboard</a>' : '<a href="/auth/">Log in</a>'));
app.get("/dashboard", sesame.requireAccount(), (c) => c.text(`Hello, ${c.var.session.account.email}`));

serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log(`listening on http://localhost:${port}`));
