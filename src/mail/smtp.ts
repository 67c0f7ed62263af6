/**
 * A mailer that hands messages to an SMTP server through nodemailer (Node only).
 *
 *   smtp://user:pass@host:587   plain connection, upgraded with STARTTLS. To any host but
 *                               loopback (localhost, 127.0.0.0/8, ::1) the upgrade is
 *                               required: a server that does not offer it fails the send
 *                               before the password or the link is written. On loopback
 *                               the upgrade is made when offered (a local test server may
 *                               have none). An offered upgrade that fails (bad
 *                               certificate) fails the send either way.
 *   smtp://host:25?tls=off      never upgrade: for a relay without TLS on a private
 *                               network. Refused with a user or password unless the host
 *                               is loopback: the password would cross the network in clear.
 *   smtps://user:pass@host:465  TLS from the first byte.
 *
 * User and password are percent-decoded, so "p%40ss" means "p@ss". No other query option
 * is accepted: an option we silently ignored would be worse than a startup error.
 *
 * A 5xx reply to the recipient or to the message is a permanent refusal (mail_rejected:
 * the mail is dropped); anything else, a 4xx, a refused login, a network failure, is
 * mailer_unavailable and the mail is tried again.
 */
import { mailerUnavailable, mailRejected, SesameError } from "../core/errors.js";
import type { Mailer, MailMessage } from "../core/ports.js";
import { isLoopbackHost } from "../net/loopback.js";
import { loadOptionalPackage } from "../packages/optional.js";
import { AUTOMATED_MAIL_HEADERS, fromAddressProblem, parseFromAddress, type FromAddress } from "./headers.js";

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

/** Checks the URL and the From address, then loads nodemailer (an optional peer dependency). */
export async function createSmtpMailer(url: string, options: SmtpMailerOptions = {}): Promise<Mailer & { close(): void }> {
  const connection = parseSmtpUrl(url);
  const timeout = options.timeoutMs ?? 10_000;
  const from = checkFrom(options.from ?? "Sesame <no-reply@localhost>");
  const { default: nodemailer } = await loadOptionalPackage("nodemailer", "SMTP (sesame/smtp)", () => import("nodemailer"));

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
          // Name and address apart, so nodemailer writes the header and does not parse a string again.
          from: { name: from.name ?? "", address: from.address },
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { ...AUTOMATED_MAIL_HEADERS },
        });
      } catch (err) {
        throw refusedForGood(err) ? mailRejected(err) : mailerUnavailable(err);
      }
    },
    close(): void {
      transport.close();
    },
  };
}

/**
 * A 5xx reply (but 503, "bad sequence", which a new connection may not meet) to RCPT TO
 * or to the message itself: this recipient or this message will be refused again. A 5xx
 * to AUTH or MAIL FROM is not: a wrong password or an unauthorised sender is the
 * operator's to fix, and every mail waits for that fix rather than being dropped.
 */
function refusedForGood(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const { responseCode, command } = err as { responseCode?: unknown; command?: unknown };
  if (typeof responseCode !== "number" || responseCode < 500 || responseCode > 599 || responseCode === 503) return false;
  return command === "RCPT TO" || command === "DATA";
}

function checkFrom(value: string): FromAddress {
  const check = parseFromAddress(value);
  if (!check.ok) throw invalid(fromAddressProblem("createSmtpMailer: from", check.problem));
  return check.from;
}

interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  /** STARTTLS or fail: to a host that is not loopback. */
  requireTLS: boolean;
  /** Never STARTTLS: `?tls=off`. */
  ignoreTLS: boolean;
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
  if (parsed.hash !== "" || (parsed.pathname !== "" && parsed.pathname !== "/")) {
    throw invalid("the SMTP URL takes no path or fragment");
  }
  const tlsOff = parseQuery(parsed.search);
  // URL keeps the brackets of an IPv6 literal in `hostname`; sockets want the bare address.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw invalid("the SMTP URL has no host");

  const secure = parsed.protocol === "smtps:";
  // Submission ports: 465 for implicit TLS, 587 for STARTTLS (what nodemailer assumes too).
  const port = parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port);

  const loopback = isLoopbackHost(host);
  if (tlsOff && secure) throw invalid("tls=off is for smtp:// only: smtps:// is TLS from the first byte");
  if (tlsOff && !loopback && (parsed.username !== "" || parsed.password !== "")) {
    throw invalid("the SMTP URL has a user or password and tls=off: the password would cross the network in clear (use STARTTLS or smtps://)");
  }
  // Links log their reader in, so they need TLS off this machine as much as the password does.
  const connection: SmtpConnection = { host, port, secure, requireTLS: !secure && !tlsOff && !loopback, ignoreTLS: tlsOff };
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

/** Whether the query is exactly `?tls=off`; none at all is false; anything else is refused. */
function parseQuery(search: string): boolean {
  if (search === "") return false;
  if (search === "?tls=off") return true;
  throw invalid("the SMTP URL takes no query option but tls=off");
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}
