/**
 * A mailer that sends through Postmark's HTTP API (POST /email). Web APIs only, so it runs
 * on Cloudflare Workers as well as on Node.
 *
 * Postmark answers 200 `{ "ErrorCode": 0, "Message": "OK", "MessageID": … }` on success,
 * and a 4xx (usually 422) `{ "ErrorCode": n, "Message": "…" }` on failure. A 200 whose
 * ErrorCode is not 0 counts as a failure too: only ErrorCode 0 means the mail was queued.
 * A 422 with ErrorCode 300 (invalid email request, such as an invalid To address) or 406
 * (inactive recipient: it bounced hard or complained) is a permanent refusal.
 */
import type { Mailer } from "../../core/ports.js";
import { AUTOMATED_MAIL_HEADERS } from "../headers.js";
import { checkFrom, checkTransport, createJsonApiMailer, joinDetail, requireText, stringField, type HttpMailerOptions } from "./send-json.js";

export interface PostmarkMailerOptions extends HttpMailerOptions {
  /** The server's API token (X-Postmark-Server-Token). */
  serverToken: string;
  /** The From header, e.g. `"Example <no-reply@example.com>"`, a confirmed sender signature or domain. */
  from: string;
  /** Default `https://api.postmarkapp.com`. */
  endpoint?: string;
  /** The transactional stream to send through. Default `"outbound"`, Postmark's default transactional stream. */
  messageStream?: string;
}

const FACTORY = "createPostmarkMailer";
/** 300: invalid email request; 406: inactive recipient. */
const PERMANENT_ERROR_CODES = new Set([300, 406]);

export function createPostmarkMailer(options: PostmarkMailerOptions): Mailer {
  const serverToken = requireText(options.serverToken, FACTORY, "serverToken");
  const from = checkFrom(options.from, FACTORY);
  const messageStream = options.messageStream === undefined ? "outbound" : requireText(options.messageStream, FACTORY, "messageStream");

  return createJsonApiMailer({
    provider: "Postmark",
    ...checkTransport(options, FACTORY, "https://api.postmarkapp.com", "/email"),
    from,
    secrets: [serverToken],
    headers: () => ({ Accept: "application/json", "X-Postmark-Server-Token": serverToken }),
    body: (message) => ({
      From: from.text,
      To: message.to,
      Subject: message.subject,
      HtmlBody: message.html,
      TextBody: message.text,
      MessageStream: messageStream,
      // Click tracking would rewrite the login link through Postmark's redirector,
      // leaving live tokens in its click logs.
      TrackLinks: "None",
      Headers: Object.entries(AUTOMATED_MAIL_HEADERS).map(([Name, Value]) => ({ Name, Value })),
    }),
    accepted: (body) => errorCode(body) === 0,
    describe: (body) => {
      const code = errorCode(body);
      return joinDetail(code === undefined ? undefined : `ErrorCode ${code}`, stringField(body, "Message"));
    },
    refusedForGood: (body, response) => response.status === 422 && PERMANENT_ERROR_CODES.has(errorCode(body) ?? -1),
  });
}

function errorCode(body: unknown): number | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const code = (body as { ErrorCode?: unknown }).ErrorCode;
  return typeof code === "number" ? code : undefined;
}
