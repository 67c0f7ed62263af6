// An Express 5 app with Sesame under /auth and one page only logged-in people see.
import express from "express";
import { createSesame, DevMailbox } from "sesame";
import { aesGcm, requireAccount, sha256, toNodeHandler } from "sesame/node";
import { openSqliteFile } from "sesame/sqlite";

const port = Number(process.env.PORT ?? 3000);
const { store } = await openSqliteFile(process.env.SESAME_DB ?? "./data/sesame.db");
// Development only: mails are shown at /auth/_dev/mail. In production pass createSmtpMailer
// from "sesame/smtp" or an HTTP provider (createResendMailer, …) as `mailer`.
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

const app = express();
// Sesame reads its own form and JSON bodies: mount it before any body parser.
app.use("/auth", toNodeHandler(sesame));
app.use(express.json());

app.get("/", (req, res) => res.type("html").send('<a href="/dashboard">Dashboard</a> · <a href="/auth/">Log in</a>'));
app.get("/dashboard", requireAccount(sesame), (req, res) => res.type("text").send(`Hello, ${res.locals.session.account.email}`));

app.listen(port, "127.0.0.1", () => console.log(`listening on http://localhost:${port}`));
