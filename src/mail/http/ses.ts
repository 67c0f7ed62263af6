/**
 * A mailer that sends through Amazon SES's v2 API (SendEmail: POST
 * /v2/email/outbound-emails), signed with Signature Version 4 by aws4fetch. Web APIs
 * only, so it runs on Cloudflare Workers as well as on Node.
 *
 * SES answers 200 `{ "MessageId": "…" }` on success. A failure is a 4xx/5xx whose
 * `x-amzn-ErrorType` header names the error ("MessageRejected:http://…") and whose JSON
 * body carries `message`. A 400 BadRequestException or MessageRejected is a permanent
 * refusal of the message.
 */
import { loadOnce } from "../../load-once.js";
import { SesameError } from "../../core/errors.js";
import type { Mailer } from "../../core/ports.js";
import { AUTOMATED_MAIL_HEADERS } from "../headers.js";
import { sesRegionProblem } from "./checks.js";
import { checkFrom, checkTransport, createJsonApiMailer, joinDetail, requireText, stringField, type HttpMailerOptions } from "./send-json.js";

export interface SesMailerOptions extends HttpMailerOptions {
  /** e.g. `"eu-west-1"`: picks the default endpoint and is part of the signature. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (an assumed role); sent as X-Amz-Security-Token. */
  sessionToken?: string;
  /** The From address, e.g. `"Example <no-reply@example.com>"`, a verified SES identity. */
  from: string;
  /** Default `https://email.{region}.amazonaws.com`. */
  endpoint?: string;
}

const FACTORY = "createSesMailer";
const CHARSET = "UTF-8";
const PERMANENT_ERRORS = new Set(["BadRequestException", "MessageRejected"]);

export function createSesMailer(options: SesMailerOptions): Mailer {
  const region = requireText(options.region, FACTORY, "region");
  const regionProblem = sesRegionProblem(region);
  if (regionProblem !== undefined) throw new SesameError("invalid_options", `${FACTORY}: region ${regionProblem}`);
  const accessKeyId = requireText(options.accessKeyId, FACTORY, "accessKeyId");
  const secretAccessKey = requireText(options.secretAccessKey, FACTORY, "secretAccessKey");
  const sessionToken = options.sessionToken === undefined ? undefined : requireText(options.sessionToken, FACTORY, "sessionToken");
  const from = checkFrom(options.from, FACTORY);
  const transport = checkTransport(options, FACTORY, `https://email.${region}.amazonaws.com`, "/v2/email/outbound-emails");

  // Service and region are given, not guessed from the host, so an overridden endpoint
  // (a proxy, a local mock) is signed for SES all the same. Only `sign` is used: its own
  // `fetch` retries up to ten times, which would multiply the deadline and bypass `fetch`.
  // The signer loads with the first mail: an app on another provider never parses it.
  const signer = loadOnce(async () => new (await import("aws4fetch")).AwsClient({ accessKeyId, secretAccessKey, sessionToken, service: "ses", region }));

  return createJsonApiMailer({
    provider: "Amazon SES",
    ...transport,
    from,
    secrets: sessionToken === undefined ? [secretAccessKey] : [secretAccessKey, sessionToken],
    body: (message) => ({
      FromEmailAddress: from.text,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: CHARSET },
          Body: {
            Text: { Data: message.text, Charset: CHARSET },
            Html: { Data: message.html, Charset: CHARSET },
          },
          Headers: Object.entries(AUTOMATED_MAIL_HEADERS).map(([Name, Value]) => ({ Name, Value })),
        },
      },
    }),
    // Signed per send: the signature covers the time and expires after five minutes.
    sign: async (url, init) => (await signer()).sign(url, init),
    accepted: (answer) => stringField(answer, "MessageId") !== undefined,
    describe: (answer, response) => joinDetail(errorType(answer, response), stringField(answer, "message") ?? stringField(answer, "Message")),
    refusedForGood: (answer, response) => response.status === 400 && PERMANENT_ERRORS.has(errorType(answer, response) ?? ""),
  });
}

/** "MessageRejected" from `x-amzn-ErrorType: MessageRejected:http://…` or a body `__type` of `…#MessageRejected`. */
function errorType(answer: unknown, response: Response): string | undefined {
  const header = response.headers.get("x-amzn-ErrorType");
  if (header) return header.split(":")[0];
  const type = stringField(answer, "__type");
  return type === undefined ? undefined : type.slice(type.lastIndexOf("#") + 1);
}
