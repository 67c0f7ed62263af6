/**
 * The browser that asks: the form, the link request, the "check your inbox" page,
 * and the two ways that page can go on (the mailed code, an approval from elsewhere).
 */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { LinkKind } from "../../core/ports.js";
import { readFields } from "../body.js";
import { CAPTCHA_FIELDS, verifyCaptcha } from "../captcha.js";
import { clientAddress } from "../client-address.js";
import { readPendingCookie, readSentCookie, readSessionCookie, writePendingCookie, writeSentCookie } from "../cookies.js";
import { wantsJson, waitUntil, type Http } from "../respond.js";

export function askingRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, tokenFailure, signedIn, readNext, invalidNext, requestContext, guessesLocked } = http;
  const captchaField = config.captcha ? CAPTCHA_FIELDS[config.captcha.provider] : undefined;
  // hCaptcha's widget also fills in reCAPTCHA's field name, for compatibility; it is ignored.
  const captchaFields = captchaField ? [captchaField, ...(config.captcha?.provider === "hcaptcha" ? ["g-recaptcha-response"] : [])] : [];
  const magicFields = new Set(["email", "website", "next", ...captchaFields]);
  const codeFields = new Set(["code", "next"]);
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
          return failure(c, 503, "captcha_unavailable", "The check that you are a person could not be completed. Please try again in a moment.");
        }
        return failure(c, 400, "captcha_failed", "Please complete the check that you are a person, then try again.", {
          page: "home",
          email,
          error: "Please complete the check that you are a person, then try again.",
          next,
        });
      }
    }

    const result = await flows.requestLink(email, {
      client,
      next: next === "" ? undefined : next,
      browser: { userAgent: c.req.header("user-agent") ?? null },
      // The mail goes out after the answer (from the outbox it was stored in with the token):
      // the answer waits for no mail service, and its timing tells nothing about the address.
      background: (delivery) => waitUntil(c, delivery),
    });
    if (!result.ok) {
      switch (result.reason) {
        case "invalid_email":
          return failure(c, 400, "invalid_email", result.message, { page: "home", email, error: result.message, next });
        case "invalid_next":
          return invalidNext(c);
        case "rate_limited": {
          c.header("Retry-After", String(result.retryAfterSeconds));
          const message = `Too many link requests. Try again in ${result.retryAfterSeconds} seconds.`;
          if (wantsJson(c.req.raw)) return c.json({ error: { code: "rate_limited", message, retryAfter: result.retryAfterSeconds } }, 429);
          return page(c, { page: "rate-limited", retryAfterSeconds: result.retryAfterSeconds }, 429);
        }
      }
    }
    const purge = flows.purgeIfDue();
    if (purge) waitUntil(c, purge);
    if (result.pendingSecret) writePendingCookie(c, pendingConfig, result.pendingSecret);
    return linkSent(c, config.uniformResponses ? "either" : result.kind, result.email, next === "" ? undefined : next, result.approvalNumber);
  });

  /** The answer to a link request: the approval number is for this browser to show, and nowhere else (S26). */
  function linkSent(c: Context, kind: LinkKind | "either", email: string, next: string | undefined, approvalNumber: string | undefined) {
    if (wantsJson(c.req.raw)) return c.json({ sent: kind === "either" ? "link" : kind, ...(approvalNumber && { approvalNumber }) }, 202);
    writeSentCookie(c, config, { kind, email, next, approvalNumber });
    return c.redirect(path("sent"), 303);
  }

  /** The "check your inbox" page again, with a message or an error for the code field. */
  function sentPage(c: Context, status: ContentfulStatusCode, extra: { codeError?: string; notice?: string }) {
    const sent = readSentCookie(c, config);
    if (!sent) return page(c, { page: "error", title: extra.codeError ?? extra.notice ?? "", message: "Ask for a new link to try again." }, status);
    return page(c, { page: "link-sent", kind: sent.kind, email: sent.email, withCode: readPendingCookie(c, config) !== undefined, approvalNumber: sent.approvalNumber, ...extra }, status);
  }

  app.get(path("sent"), (c) => {
    const sent = readSentCookie(c, config);
    if (!sent) return c.redirect(config.basePath, 303);
    return page(c, { page: "link-sent", kind: sent.kind, email: sent.email, withCode: readPendingCookie(c, config) !== undefined, approvalNumber: sent.approvalNumber });
  });

  // The mailed code, typed in the browser that asked (its pending cookie makes the code worth something).
  app.post(path("code"), async (c) => {
    const body = await readFields(c.req.raw, codeFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const next = body.fields.next === undefined ? sentNext(c) : readNext(body.fields.next);
    if (next === null) return invalidNext(c);
    const result = await flows.redeemCode(readPendingCookie(c, config), body.fields.code, readSessionCookie(c, config), requestContext(c));
    if (result.ok && result.kind === "login") return signedIn(c, result.account, result.session.token, next);
    if (result.ok) {
      if (wantsJson(c.req.raw)) return c.json({ signup: { email: result.email, fields: config.signupFields } });
      return page(c, { page: "signup-details", token: null, email: result.email, fields: config.signupFields, values: {}, errors: {}, next });
    }
    switch (result.reason) {
      case "malformed_code":
        return codeFailure(c, 400, "code_malformed", "The code has 6 digits.");
      case "wrong_code":
        return codeFailure(c, 400, "code_wrong", `That code is not right. ${result.attemptsLeft} ${result.attemptsLeft === 1 ? "try" : "tries"} left.`);
      case "too_many_attempts":
        return codeFailure(c, 429, "code_attempts_exceeded", "Too many wrong codes: this one no longer works. Ask for a new link.");
      case "no_request":
        return codeFailure(c, 400, "no_pending_request", "This browser has no link request waiting. Ask for a link here first.");
      case "locked":
        return guessesLocked(c, result.retryAfterSeconds);
      default:
        return tokenFailure(c, "login", result.reason, next);
    }
  });

  /** The `next` this browser asked with, checked again (the cookie is the browser's to change). */
  function sentNext(c: Context): string | undefined {
    return readNext(readSentCookie(c, config)?.next) ?? undefined;
  }

  function codeFailure(c: Context, status: ContentfulStatusCode, code: string, message: string) {
    if (wantsJson(c.req.raw)) return c.json({ error: { code, message } }, status);
    return sentPage(c, status, { codeError: message });
  }

  // The asking browser checks whether the login was approved on another device, and collects it.
  app.post(path("continue"), async (c) => {
    const body = await readFields(c.req.raw, new Set());
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.claimApproval(readPendingCookie(c, config), readSessionCookie(c, config), requestContext(c));
    if (result.ok) return signedIn(c, result.account, result.session.token, sentNext(c), { status: "logged_in" });
    if (wantsJson(c.req.raw)) return c.json({ status: result.reason });
    const notices = {
      waiting: "Not approved yet. Open the link on the other device, type the number shown here and approve.",
      denied: "The request was cancelled on the other device.",
      expired: "The link has expired. Ask for a new one.",
      used: "The link was used already.",
      none: "This browser has no link request waiting.",
    };
    return sentPage(c, 200, { notice: notices[result.reason] });
  });
}
