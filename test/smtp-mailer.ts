/**
 * What the tests of the SMTP mailer (src/mail/smtp*.test.ts) share: a real SMTP server
 * (smtp-server) on 127.0.0.1 that keeps what it receives, mailers, and `cleanups`, run
 * after each test (servers closed, mailers closed); a sign-up message and a parser.
 * (test/smtp.ts is the server the end-to-end tests count deliveries with.)
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach } from "vitest";
import type { Mailer, MailMessage } from "../src/core/ports.js";
import { createSmtpMailer } from "../src/mail/smtp.js";
import { renderLinkMail } from "../src/mail/templates.js";

interface Received {
  raw: Buffer;
  from: string | undefined;
  rcptTo: string[];
  user: unknown;
}

export const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export async function startServer(options: SMTPServerOptions = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    // No STARTTLS: the server's built-in certificate is self-signed, and this is the
    // "local server without TLS" case smtp:// must handle.
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          raw: Buffer.concat(chunks),
          from: mailFrom === false ? undefined : mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received };
}

/** A mailer to send through at once; creating it (loading nodemailer) is awaited by the first send. */
export function mailer(url: string, options?: Parameters<typeof createSmtpMailer>[1]): Pick<Mailer, "send"> {
  const created = createSmtpMailer(url, options);
  cleanups.push(async () => (await created.catch(() => undefined))?.close());
  return { send: async (message) => (await created).send(message) };
}

export function signupMessage(to: string): MailMessage {
  const url = "https://app.example/auth/signup?token=Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a";
  return { to, kind: "signup", url, ...renderLinkMail({ kind: "signup", to, url, validFor: "8 hours", appName: "Example" }) };
}

export async function parse(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw);
}
