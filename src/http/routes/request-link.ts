/**
 * Asking for a link: the form (or who is logged in), POST /magic with its honeypot and
 * captcha, and the "check your inbox" page it leads to.
 */
import type { Context, Hono } from "hono";
import { readFields } from "../body.js";
import { CAPTCHA_FIELDS, verifyCaptcha } from "../captcha.js";
import { clientAddress } from "../client-address.js";
import { readPendingCookie, readSentCookie, readSessionCookie, writePendingCookie, writeSentCookie, type SentKind } from "../cookies.js";
import { addressProblem, wantsJson, waitUntil, type Http } from "../respond.js";
import { formatDuration } from "../../i18n/format.js";

export function requestLinkRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, readNext, invalidNext, localeOf, say } = http;
  const captchaField = config.captcha ? CAPTCHA_FIELDS[config.captcha.provider] : undefined;
  // hCaptcha's widget also fills in reCAPTCHA's field name, for compatibility; it is ignored.
  const captchaFields = captchaField ? [captchaField, ...(config.captcha?.provider === "hcaptcha" ? ["g-recaptcha-response"] : [])] : [];
  const magicFields = new Set(["email", "website", "next", ...captchaFields]);
  const pendingConfig = { ...config, pendingLifetime: Math.max(config.loginLinkTtl, config.signupLinkTtl) };

  app.get(config.basePath, async (c) => {
    const next = readNext(c.req.query("next"));
    if (next === null) return invalidNext(c);
    const session = await flows.validateSession(readSessionCookie(c, config));
    return page(c, session ? { page: "signed-in", account: session.account } : { page: "home", next });
  });

  app.post(path("magic"), async (c) => {
    const body = await readFields(c.req.raw, magicFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const { email = "", website = "", next } = body.fields;
    const client = clientAddress(c.req.raw, c.env, config.trustProxy);

    if (website !== "") {
      // A bot filled in the field people never see: it gets the ordinary answer, and nothing is sent.
      const decoy = flows.answerHoneypot(email, client);
      writePendingCookie(c, pendingConfig, decoy.pendingSecret);
      return linkSent(c, "either", decoy.email, undefined, decoy.approvalNumber);
    }
    if (config.captcha) {
      const verdict = await verifyCaptcha(config.captcha, captchaField && body.fields[captchaField], client?.includes("/") ? undefined : client);
      if (verdict !== "passed") {
        config.log({ level: "warn", event: `captcha.${verdict}`, client });
        if (verdict === "unavailable") {
          c.header("Retry-After", "30");
          return failure(c, 503, "captcha_unavailable", (m) => m.captcha_unavailable);
        }
        return failure(
          c,
          400,
          "captcha_failed",
          (m) => m.captcha_failed,
          (error) => ({ page: "home", email, error, next }),
        );
      }
    }

    const result = await flows.requestLink(email, {
      client,
      next: next === "" ? undefined : next,
      browser: { userAgent: c.req.header("user-agent") ?? null },
      locale: localeOf(c),
      // The mail goes out after the answer (from the outbox it was stored in with the token):
      // the answer waits for no mail service, and its timing tells nothing about the address.
      background: (delivery) => waitUntil(c, delivery),
    });
    if (!result.ok) {
      switch (result.reason) {
        case "invalid_email":
          return failure(c, 400, "invalid_email", addressProblem(result), (error) => ({ page: "home", email, error, next }));
        case "invalid_next":
          return invalidNext(c);
        case "address_refused":
          return failure(c, 403, result.refusal, addressProblem(result), (error) => ({ page: "home", email, error, next }));
        case "rate_limited": {
          c.header("Retry-After", String(result.retryAfterSeconds));
          if (wantsJson(c.req.raw)) {
            const wait = formatDuration(localeOf(c), result.retryAfterSeconds * 1000);
            const message = say(c, (m) => m.rate_limited({ wait }));
            return c.json({ error: { code: "rate_limited", message, retryAfter: result.retryAfterSeconds } }, 429);
          }
          return page(c, { page: "rate-limited", retryAfterSeconds: result.retryAfterSeconds }, 429);
        }
      }
    }
    const purge = flows.purgeIfDue();
    if (purge) waitUntil(c, purge);
    if (result.pendingSecret) writePendingCookie(c, pendingConfig, result.pendingSecret);
    // With sign-ups closed every address gets the same answer, sent or not; under uniform answers, either kind.
    const kind = config.signup !== "open" ? "known" : config.uniformResponses ? "either" : result.kind === "none" ? "either" : result.kind;
    return linkSent(c, kind, result.email, next === "" ? undefined : next, result.approvalNumber);
  });

  /** The answer to a link request: the approval number is for this browser to show, and nowhere else (S26). */
  function linkSent(c: Context, kind: SentKind, email: string, next: string | undefined, approvalNumber: string | undefined) {
    if (wantsJson(c.req.raw)) return c.json({ sent: kind === "either" || kind === "known" ? "link" : kind, ...(approvalNumber && { approvalNumber }) }, 202);
    writeSentCookie(c, config, { kind, email, next, approvalNumber });
    return c.redirect(path("sent"), 303);
  }

  app.get(path("sent"), (c) => {
    const sent = readSentCookie(c, config);
    if (!sent) return c.redirect(config.basePath, 303);
    return page(c, {
      page: "link-sent",
      kind: sent.kind,
      email: sent.email,
      withCode: readPendingCookie(c, config) !== undefined,
      approvalNumber: sent.approvalNumber,
    });
  });
}
