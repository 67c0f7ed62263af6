/**
 * A link opened: login (one click in the browser that asked, a confirmation
 * elsewhere, approve or refuse the asking browser) and sign-up (the details form).
 */
import type { Context, Hono } from "hono";
import type { LinkInspection } from "../../core/flows.js";
import { readFields } from "../body.js";
import { readPendingCookie, readSentCookie, readSessionCookie } from "../cookies.js";
import { describeAgo } from "../pages/ago.js";
import type { Requester } from "../pages/state.js";
import { wantsJson, type Http } from "../respond.js";

export function linkRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, tokenFailure, signedIn, readNext, invalidNext, requestContext, guessesLocked } = http;
  const tokenFields = new Set(["token", "next"]);
  const approvalFields = new Set(["token", "number"]);
  const signupFields = new Set(["token", "next", ...config.signupFields.map((field) => field.name)]);

  // Opening a link uses it only in the browser that asked for it (scanners never hold that
  // cookie, and HEAD never counts). Anywhere else the page asks for a click.
  app.get(path("login"), async (c) => {
    const next = readNext(c.req.query("next"));
    if (next === null) return invalidNext(c);
    const token = c.req.query("token");
    const pendingSecret = readPendingCookie(c, config);
    if (pendingSecret !== undefined && c.req.method === "GET") {
      // One round trip either way: the redemption's answer says why it failed, or what to confirm.
      const result = await flows.redeemLogin(token, readSessionCookie(c, config), pendingSecret, requestContext(c));
      if (result.ok) return signedIn(c, result.account, result.session.token, next);
      if (result.reason !== "not_this_browser") return tokenFailure(c, "login", result.reason, next);
      return confirmLogin(c, result.link, next);
    }
    const state = await flows.inspectLink("login", token);
    if (state.status === "valid") return confirmLogin(c, state, next);
    return tokenFailure(c, "login", state.status === "account_exists" ? "invalid" : state.status, next);
  });

  /** The confirmation page (or its JSON) for a usable link opened outside the browser that asked. */
  function confirmLogin(c: Context, link: Extract<LinkInspection, { status: "valid" }>, next: string | undefined) {
    const token = c.req.query("token")!;
    // The full address: whoever holds the link has the mail, and a look-alike account must be told apart.
    if (wantsJson(c.req.raw)) return c.json({ kind: "login", email: link.email, expiresAt: link.expiresAt, requester: requesterOf(link) ?? null });
    return page(c, { page: "confirm-login", token, email: link.email, next, requester: requesterOf(link) });
  }

  /** Who asked for a link, when and from where, as the approval page shows it; none when not asked from a browser. */
  function requesterOf(state: Extract<LinkInspection, { status: "valid" }>): Requester | undefined {
    if (state.pendingHash === null) return undefined;
    const at = new Date(state.createdAt);
    return {
      device: state.device,
      ago: describeAgo(config.now() - state.createdAt),
      at: { iso: at.toISOString(), text: `${at.toISOString().slice(11, 16)} UTC` },
      network: state.requestedFrom,
    };
  }

  app.post(path("login"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const next = readNext(body.fields.next);
    if (next === null) return invalidNext(c);
    const result = await flows.redeemLogin(body.fields.token, readSessionCookie(c, config), undefined, requestContext(c));
    if (!result.ok) return tokenFailure(c, "login", result.reason === "not_this_browser" ? "invalid" : result.reason, next);
    return signedIn(c, result.account, result.session.token, next);
  });

  // From the confirmation page on another device: let the asking browser in, or refuse it.
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
        return numberFailure(c, token, 400, "approval_number_malformed", "Type the 2-digit number shown on the other device.");
      case "wrong_number": {
        const left = `${result.attemptsLeft} ${result.attemptsLeft === 1 ? "try" : "tries"} left`;
        return numberFailure(c, token, 400, "approval_number_wrong", `That is not the number shown on the other device. ${left}.`, { attemptsLeft: result.attemptsLeft });
      }
      case "too_many_attempts": {
        const message = "The number was wrong too many times, so this login request was cancelled. If you did not ask to log in, there is nothing more to do.";
        return failure(c, 410, "approval_attempts_exceeded", message, { page: "error", title: "Request cancelled", message });
      }
      case "locked":
        return guessesLocked(c, result.retryAfterSeconds);
      default:
        return tokenFailure(c, "login", result.reason);
    }
  });

  /** The approval page again, with what was wrong with the number; JSON clients get the code. */
  async function numberFailure(c: Context, token: string | undefined, status: 400, code: string, message: string, extra: { attemptsLeft?: number } = {}) {
    if (wantsJson(c.req.raw)) return c.json({ error: { code, message, ...extra } }, status);
    const state = await flows.inspectLink("login", token);
    if (state.status !== "valid") return tokenFailure(c, "login", state.status === "account_exists" ? "invalid" : state.status);
    return page(c, { page: "confirm-login", token: token!, email: state.email, requester: requesterOf(state), numberError: message }, status);
  }

  app.post(path("deny"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.denyLink(body.fields.token, requestContext(c));
    if (!result.ok) return tokenFailure(c, "login", result.reason);
    if (wantsJson(c.req.raw)) return c.json({ denied: true });
    return page(c, { page: "denied" });
  });

  app.get(path("signup"), async (c) => {
    const next = readNext(c.req.query("next"));
    if (next === null) return invalidNext(c);
    const token = c.req.query("token");
    const state = await flows.inspectLink("signup", token);
    if (state.status === "account_exists") return accountExists(c, state.email, next);
    if (state.status !== "valid") return tokenFailure(c, "signup", state.status, next);
    if (wantsJson(c.req.raw)) {
      return c.json({ kind: "signup", email: state.email, expiresAt: state.expiresAt, fields: config.signupFields });
    }
    return page(c, { page: "signup-details", token: token!, email: state.email, fields: config.signupFields, values: {}, errors: {}, next });
  });

  app.post(path("signup"), async (c) => {
    const body = await readFields(c.req.raw, signupFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const { token, next: rawNext, ...details } = body.fields;
    const next = readNext(rawNext);
    if (next === null) return invalidNext(c);
    // Without a token, the form came from the code path: the pending cookie identifies the sign-up.
    const result =
      token === undefined && readPendingCookie(c, config) !== undefined
        ? await flows.completeSignupByCode(readPendingCookie(c, config), details, readSessionCookie(c, config))
        : await flows.completeSignup(token, details, readSessionCookie(c, config));
    if (result.ok) return signedIn(c, result.account, result.session.token, next);
    switch (result.reason) {
      case "account_exists":
        return accountExists(c, result.email, next);
      case "invalid_fields": {
        if (wantsJson(c.req.raw)) return c.json({ error: { code: "invalid_fields", message: "Some fields need attention.", fields: result.errors } }, 400);
        if (token === undefined) {
          const sent = readSentCookie(c, config);
          return page(c, { page: "signup-details", token: null, email: sent?.email ?? "", fields: config.signupFields, values: result.values, errors: result.errors, next }, 400);
        }
        const state = await flows.inspectLink("signup", token);
        if (state.status !== "valid") return tokenFailure(c, "signup", state.status === "account_exists" ? "used" : state.status, next);
        return page(
          c,
          { page: "signup-details", token: token!, email: state.email, fields: config.signupFields, values: result.values, errors: result.errors, next },
          400,
        );
      }
      default:
        return tokenFailure(c, "signup", result.reason, next);
    }
  });

  function accountExists(c: Context, email: string, next: string | undefined) {
    return failure(c, 409, "account_exists", "An account already uses this address. Ask for a login link instead.", { page: "account-exists", email, next });
  }
}
