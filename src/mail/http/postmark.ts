/**
 * A mailer that sends through Postmark's HTTP API (POST /email). Web APIs only, so it runs
 * on Cloudflare Workers as well as on Node.
 *
 * Postmark answers 200 `{ "ErrorCode": 0, "Message": "OK", "MessageID": … }` on success,
 * and a 4xx (usually 422) `{ "ErrorCode": n, "Message": "…" }` on failure. A 200 whose
 * ErrorCode is not 0 counts as a failure too: only ErrorCode 0 means the mail was queued.
 */
import type { Mailer, MailMessage } from "../../core/ports.js";
import { checkEndpoint, checkFetch, checkTimeout, joinDetail, jsonRequest, requireText, sendJson, stringField } from "./send-json.js";

export interface PostmarkMailerOptions {
  /** The server's API token (X-Postmark-Server-Token). */
  serverToken: string;
  /** The From header, e.g. `"Example <no-reply@example.com>"`, a confirmed sender signature or domain. */
  from: string;
  /** Default `https://api.postmarkapp.com`. */
  endpoint?: string;
  /** The transactional stream to send through. Default `"outbound"`, Postmark's default transactional stream. */
  messageStream?: string;
  /** Default the global fetch. */
  fetch?: typeof fetch;
  /** Limit for the whole exchange, in milliseconds. Default 10 000. */
  timeoutMs?: number;
}

const FACTORY = "createPostmarkMailer";

export function createPostmarkMailer(options: PostmarkMailerOptions): Mailer {
  const serverToken = requireText(options.serverToken, FACTORY, "serverToken");
  const from = requireText(options.from, FACTORY, "from");
  const messageStream = options.messageStream === undefined ? "outbound" : requireText(options.messageStream, FACTORY, "messageStream");
  const url = `${checkEndpoint(options.endpoint, "https://api.postmarkapp.com", FACTORY)}/email`;
  const fetchImpl = checkFetch(options.fetch, FACTORY);
  const timeoutMs = checkTimeout(options.timeoutMs, FACTORY);

  return {
    async send(message: MailMessage): Promise<void> {
      await sendJson(
        {
          provider: "Postmark",
          fetch: fetchImpl,
          timeoutMs,
          secrets: [serverToken],
          request: (signal) =>
            jsonRequest(
              url,
              { Accept: "application/json", "X-Postmark-Server-Token": serverToken },
              {
                From: from,
                To: message.to,
                Subject: message.subject,
                HtmlBody: message.html,
                TextBody: message.text,
                MessageStream: messageStream,
                // Click tracking would rewrite the login link through Postmark's redirector,
                // leaving live tokens in its click logs.
                TrackLinks: "None",
              },
              signal,
            ),
          accepted: (body) => errorCode(body) === 0,
          describe: (body) => {
            const code = errorCode(body);
            return joinDetail(code === undefined ? undefined : `ErrorCode ${code}`, stringField(body, "Message"));
          },
        },
        message,
      );
    },
  };
}

function errorCode(body: unknown): number | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const code = (body as { ErrorCode?: unknown }).ErrorCode;
  return typeof code === "number" ? code : undefined;
}
