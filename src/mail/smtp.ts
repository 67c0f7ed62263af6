/**
 * A mailer that hands messages to an SMTP server through nodemailer (Node only).
 *
 *   smtp://user:pass@host:587   plain connection, upgraded with STARTTLS whenever the
 *                               server offers it (nodemailer's default); a server that
 *                               does not offer it, such as a local test server, is
 *                               used unencrypted. An offered upgrade that fails
 *                               (bad certificate) fails the send.
 *   smtps://user:pass@host:465  TLS from the first byte.
 *
 * User and password are percent-decoded, so "p%40ss" means "p@ss". No query options are
 * accepted: an option we silently ignored would be worse than a startup error.
 */
import nodemailer from "nodemailer";
import { mailerUnavailable, SesameError } from "../core/errors.js";
import type { Mailer, MailMessage } from "../core/ports.js";

export interface SmtpMailerOptions {
  /** The From header, e.g. `"Example <no-reply@example.com>"`. */
  from?: string;
  /**
   * Limit for connecting, for the greeting and for each silence while talking to the
   * server, in milliseconds. Default 10 000: a dead server must fail the request quickly,
   * not hold it open for nodemailer's default of minutes.
   */
  timeoutMs?: number;
}

export function createSmtpMailer(url: string, options: SmtpMailerOptions = {}): Mailer & { close(): void } {
  const connection = parseSmtpUrl(url);
  const timeout = options.timeoutMs ?? 10_000;
  const from = options.from ?? "Sesame <no-reply@localhost>";

  const transport = nodemailer.createTransport({
    ...connection,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    // TLS certificates are verified (nodemailer's default, deliberately not relaxed here):
    // when a server offers STARTTLS and the upgrade fails, the send fails rather than
    // carrying the password and the link over a connection someone may be intercepting.
    // Our messages are plain strings; never let a content field be read from a path or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(message: MailMessage): Promise<void> {
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: {
            // RFC 3834: tells auto-responders (vacation replies) not to answer.
            "Auto-Submitted": "auto-generated",
          },
        });
      } catch (err) {
        throw mailerUnavailable(err);
      }
    },
    close(): void {
      transport.close();
    },
  };
}

interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
}

function parseSmtpUrl(url: string): SmtpConnection {
  // Error messages must never repeat the URL: it usually carries the password.
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid("the SMTP URL is not a valid URL");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw invalid("the SMTP URL must start with smtp:// or smtps://");
  }
  if (parsed.search !== "" || parsed.hash !== "" || (parsed.pathname !== "" && parsed.pathname !== "/")) {
    throw invalid("the SMTP URL takes no path, query or fragment");
  }
  // URL keeps the brackets of an IPv6 literal in `hostname`; sockets want the bare address.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw invalid("the SMTP URL has no host");

  const secure = parsed.protocol === "smtps:";
  // Submission ports: 465 for implicit TLS, 587 for STARTTLS (what nodemailer assumes too).
  const port = parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port);

  const connection: SmtpConnection = { host, port, secure };
  if (parsed.username !== "" || parsed.password !== "") {
    try {
      connection.auth = {
        user: decodeURIComponent(parsed.username),
        pass: decodeURIComponent(parsed.password),
      };
    } catch {
      throw invalid("the SMTP URL has a malformed percent-encoding in its user or password");
    }
  }
  return connection;
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}
