/**
 * The HTTP mail provider an environment names, for the entries configured by
 * environment variables (Workers, Vercel, Deno, Bun): Resend, Postmark or Amazon SES,
 * whichever has its credentials set, in that order. Web APIs only.
 */
import { SesameError } from "../../core/errors.js";
import type { Mailer } from "../../core/ports.js";
import { fromAddressProblem, parseFromAddress } from "../headers.js";
import { createPostmarkMailer } from "./postmark.js";
import { createResendMailer } from "./resend.js";
import { createSesMailer } from "./ses.js";

export interface HttpMailerEnv {
  RESEND_API_KEY?: string | undefined;
  RESEND_ENDPOINT?: string | undefined;
  POSTMARK_SERVER_TOKEN?: string | undefined;
  POSTMARK_ENDPOINT?: string | undefined;
  SES_REGION?: string | undefined;
  SES_ACCESS_KEY_ID?: string | undefined;
  SES_SECRET_ACCESS_KEY?: string | undefined;
  SES_ENDPOINT?: string | undefined;
}

export const HTTP_MAILER_VARIABLES = "RESEND_API_KEY, POSTMARK_SERVER_TOKEN or SES_REGION + SES_ACCESS_KEY_ID + SES_SECRET_ACCESS_KEY";

/** The configured provider, or undefined when the environment names none. `fromName` is the variable `from` came from, for the error. */
export function httpMailerFromEnv(env: HttpMailerEnv, from: string | undefined, fromName: string): Mailer | undefined {
  const provider = env.RESEND_API_KEY || env.POSTMARK_SERVER_TOKEN || (env.SES_REGION && env.SES_ACCESS_KEY_ID && env.SES_SECRET_ACCESS_KEY);
  if (!provider) return undefined;
  if (!from) throw new SesameError("invalid_options", `${fromName} is not set`);
  // Checked here too, so the message names the variable rather than the mailer's option.
  const check = parseFromAddress(from);
  if (!check.ok) throw new SesameError("invalid_options", fromAddressProblem(fromName, check.problem));
  if (env.RESEND_API_KEY) return createResendMailer({ apiKey: env.RESEND_API_KEY, from, ...(env.RESEND_ENDPOINT && { endpoint: env.RESEND_ENDPOINT }) });
  if (env.POSTMARK_SERVER_TOKEN) {
    return createPostmarkMailer({ serverToken: env.POSTMARK_SERVER_TOKEN, from, ...(env.POSTMARK_ENDPOINT && { endpoint: env.POSTMARK_ENDPOINT }) });
  }
  return createSesMailer({
    region: env.SES_REGION!,
    accessKeyId: env.SES_ACCESS_KEY_ID!,
    secretAccessKey: env.SES_SECRET_ACCESS_KEY!,
    from,
    ...(env.SES_ENDPOINT && { endpoint: env.SES_ENDPOINT }),
  });
}
