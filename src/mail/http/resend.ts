/**
 * A mailer that sends through Resend's HTTP API (POST /emails). Web APIs only, so it runs
 * on Cloudflare Workers as well as on Node.
 *
 * Success is 200 `{ "id": "…" }`; a failure is a 4xx/5xx `{ statusCode, name, message }`.
 * A 422 `validation_error` about the `to` field ("Invalid `to` field. The email address
 * needs to follow the `email@example.com` format.") is a permanent refusal of the message.
 */
import type { Mailer, MailMessage } from "../../core/ports.js";
import { AUTOMATED_MAIL_HEADERS } from "../headers.js";
import { checkFrom, checkTransport, createJsonApiMailer, joinDetail, requireText, stringField, type HttpMailerOptions } from "./send-json.js";

export interface ResendMailerOptions extends HttpMailerOptions {
  /** An API key with sending access ("re_…"). */
  apiKey: string;
  /** The From header, e.g. `"Example <no-reply@example.com>"`, on a domain verified with Resend. */
  from: string;
  /** Default `https://api.resend.com`. */
  endpoint?: string;
}

const FACTORY = "createResendMailer";

export function createResendMailer(options: ResendMailerOptions): Mailer {
  const apiKey = requireText(options.apiKey, FACTORY, "apiKey");
  const from = checkFrom(options.from, FACTORY);

  return createJsonApiMailer({
    provider: "Resend",
    ...checkTransport(options, FACTORY, "https://api.resend.com", "/emails"),
    from,
    secrets: [apiKey],
    // Resend answers a repeated key (within 24 hours) with the first answer instead of
    // sending again, so a caller that retries after a timeout cannot deliver the link twice.
    headers: async (message) => ({ Authorization: `Bearer ${apiKey}`, "Idempotency-Key": await idempotencyKeyFor(message) }),
    body: (message) => ({
      from: from.text,
      to: [message.to],
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: { ...AUTOMATED_MAIL_HEADERS },
    }),
    accepted: (body) => stringField(body, "id") !== undefined,
    describe: (body) => joinDetail(stringField(body, "name"), stringField(body, "message")),
    refusedForGood: (body, response) =>
      response.status === 422 && stringField(body, "name") === "validation_error" && /`to`/i.test(stringField(body, "message") ?? ""),
  });
}

/**
 * `sesame-link/` and the hex SHA-256 of recipient, subject and link. Every link carries a
 * fresh token, so two different mails never share a key; a retry of the same one does.
 * Hashed so the key itself is no working link.
 */
export async function idempotencyKeyFor(message: Pick<MailMessage, "to" | "subject" | "url">): Promise<string> {
  const data = new TextEncoder().encode(JSON.stringify([message.to, message.subject, message.url]));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return `sesame-link/${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
