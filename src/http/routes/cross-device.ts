/**
 * Reading the mail on another device: the code typed in the browser that asked, the
 * approval (or "Not me") from the device with the mail, and the asking browser collecting
 * that approval.
 */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { readFields } from "../body.js";
import { readPendingCookie, readSentCookie, readSessionCookie } from "../cookies.js";
import { requesterOf } from "../pages/requester.js";
import { wantsJson, type Http } from "../respond.js";
import type { Say } from "../messages/index.js";

export function crossDeviceRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, tokenFailure, signedIn, readNext, invalidNext, requestContext, guessesLocked, localeOf, say, messagesIn } = http;
  const codeFields = new Set(["code", "next"]);
  const tokenFields = new Set(["token", "next"]);
  const approvalFields = new Set(["token", "number"]);

  /** The "check your inbox" page again, with a message or an error for the code field. */
  function sentPage(c: Context, status: ContentfulStatusCode, extra: { codeError?: string; notice?: string }) {
    const sent = readSentCookie(c, config);
    if (!sent) return page(c, { page: "error", title: extra.codeError ?? extra.notice ?? "", message: say(c, (m) => m.askNewLink) }, status);
    return page(
      c,
      {
        page: "link-sent",
        kind: sent.kind,
        email: sent.email,
        withCode: readPendingCookie(c, config) !== undefined,
        approvalNumber: sent.approvalNumber,
        ...extra,
      },
      status,
    );
  }

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
        return codeFailure(c, 400, "code_malformed", (m) => m.code_malformed);
      case "wrong_code": {
        const left = result.attemptsLeft;
        return codeFailure(c, 400, "code_wrong", (m) => m.code_wrong({ left }));
      }
      case "too_many_attempts":
        return codeFailure(c, 429, "code_attempts_exceeded", (m) => m.code_attempts_exceeded);
      case "no_request":
        return codeFailure(c, 400, "no_pending_request", (m) => m.no_pending_request);
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

  function codeFailure(c: Context, status: ContentfulStatusCode, code: string, what: Say) {
    const message = say(c, what);
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
    return sentPage(c, 200, { notice: say(c, (m) => m[`continue_${result.reason}`]) });
  });

  // Approving needs the number the asking browser shows (S26): proof that the approver sees that screen.
  app.post(path("approve"), async (c) => {
    const body = await readFields(c.req.raw, approvalFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const { token, number } = body.fields;
    const result = await flows.approveLogin(token, number, requestContext(c));
    if (result.ok) {
      if (wantsJson(c.req.raw)) return c.json({ approved: true });
      return page(c, { page: "approved" });
    }
    switch (result.reason) {
      case "malformed_number":
        return numberFailure(c, token, 400, "approval_number_malformed", (m) => m.approval_number_malformed);
      case "wrong_number": {
        const left = result.attemptsLeft;
        return numberFailure(c, token, 400, "approval_number_wrong", (m) => m.approval_number_wrong({ left }), { attemptsLeft: left });
      }
      case "too_many_attempts":
        return failure(
          c,
          410,
          "approval_attempts_exceeded",
          (m) => m.approval_attempts_exceeded,
          (message) => ({ page: "error", title: say(c, (m) => m.requestCancelled), message }),
        );
      case "locked":
        return guessesLocked(c, result.retryAfterSeconds);
      default:
        return tokenFailure(c, "login", result.reason);
    }
  });

  /** The approval page again, with what was wrong with the number; JSON clients get the code. */
  async function numberFailure(c: Context, token: string | undefined, status: 400, code: string, what: Say, extra: { attemptsLeft?: number } = {}) {
    const message = say(c, what);
    if (wantsJson(c.req.raw)) return c.json({ error: { code, message, ...extra } }, status);
    const state = await flows.inspectLink("login", token);
    if (state.status !== "valid") return tokenFailure(c, "login", state.status === "account_exists" ? "invalid" : state.status);
    return page(
      c,
      {
        page: "confirm-login",
        token: token!,
        email: state.email,
        requester: requesterOf(state, config.now(), localeOf(c), messagesIn(localeOf(c))),
        numberError: message,
      },
      status,
    );
  }

  app.post(path("deny"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.denyLink(body.fields.token, requestContext(c));
    if (!result.ok) return tokenFailure(c, "login", result.reason);
    if (wantsJson(c.req.raw)) return c.json({ denied: true });
    return page(c, { page: "denied" });
  });
}
