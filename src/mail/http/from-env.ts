/**
 * The HTTP mail provider an environment names, for every entry configured by environment
 * variables (see src/config/environment.ts): Resend, Postmark or Amazon SES, whichever
 * has its credentials set, in that order. Web APIs only.
 */
import { loadOnce } from "../../load-once.js";
import type { Mailer } from "../../core/ports.js";

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

/** A provider and its credentials, as the environment names them; `endpoint` points elsewhere (a test server, a proxy). */
export type HttpProvider =
  | { provider: "resend"; apiKey: string; endpoint?: string }
  | { provider: "postmark"; serverToken: string; endpoint?: string }
  | { provider: "ses"; region: string; accessKeyId: string; secretAccessKey: string; endpoint?: string };

/** The provider whose credentials are set, or undefined when the environment names none. */
export function httpProviderFromEnv(env: HttpMailerEnv): HttpProvider | undefined {
  if (env.RESEND_API_KEY) return { provider: "resend", apiKey: env.RESEND_API_KEY, ...(env.RESEND_ENDPOINT && { endpoint: env.RESEND_ENDPOINT }) };
  if (env.POSTMARK_SERVER_TOKEN) {
    return { provider: "postmark", serverToken: env.POSTMARK_SERVER_TOKEN, ...(env.POSTMARK_ENDPOINT && { endpoint: env.POSTMARK_ENDPOINT }) };
  }
  if (env.SES_REGION && env.SES_ACCESS_KEY_ID && env.SES_SECRET_ACCESS_KEY) {
    return {
      provider: "ses",
      region: env.SES_REGION,
      accessKeyId: env.SES_ACCESS_KEY_ID,
      secretAccessKey: env.SES_SECRET_ACCESS_KEY,
      ...(env.SES_ENDPOINT && { endpoint: env.SES_ENDPOINT }),
    };
  }
  return undefined;
}

/**
 * The mailer for a provider; `from` is checked by whoever read it (the configuration reader
 * names the variable, and checks the credentials and the endpoint too). The provider's code
 * loads with the first mail, and only that provider's: a Worker's cold start parses none of
 * it, and the first mail goes after its request's answer.
 */
export function createHttpMailer(setting: HttpProvider, from: string): Mailer {
  const endpoint = setting.endpoint ? { endpoint: setting.endpoint } : {};
  const mailer = loadOnce(async (): Promise<Mailer> => {
    switch (setting.provider) {
      case "resend":
        return (await import("./resend.js")).createResendMailer({ apiKey: setting.apiKey, from, ...endpoint });
      case "postmark":
        return (await import("./postmark.js")).createPostmarkMailer({ serverToken: setting.serverToken, from, ...endpoint });
      case "ses": {
        const { region, accessKeyId, secretAccessKey } = setting;
        return (await import("./ses.js")).createSesMailer({ region, accessKeyId, secretAccessKey, from, ...endpoint });
      }
    }
  });
  return { send: async (message) => (await mailer()).send(message) };
}
