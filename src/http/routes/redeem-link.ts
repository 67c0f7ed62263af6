/**
 * A link opened: a login link logs in (at once in the browser that asked, after a
 * confirmation anywhere else, so scanners never use it); a sign-up link leads to the
 * account details form, which creates the account.
 */
import type { Context, Hono } from "hono";
import type { LinkInspection } from "../../core/flows.js";
import { readFields } from "../body.js";
import { readPendingCookie, readSentCookie, readSessionCookie } from "../cookies.js";
import { requesterOf } from "../pages/requester.js";
import { wantsJson, type Http } from "../respond.js";

export function redeemLinkRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, tokenFailure, signedIn, readNext, invalidNext, requestContext, localeOf, say, fieldErrors, messagesIn } = http;
  const tokenFields = new Set(["token", "next"]);
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
    const requester = requesterOf(link, config.now(), localeOf(c), messagesIn(localeOf(c)));
    if (wantsJson(c.req.raw)) return c.json({ kind: "login", email: link.email, expiresAt: link.expiresAt, requester: requester ?? null });
    return page(c, { page: "confirm-login", token, email: link.email, next, requester });
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
        ? await flows.completeSignupByCode(readPendingCookie(c, config), details, readSessionCookie(c, config), requestContext(c))
        : await flows.completeSignup(token, details, readSessionCookie(c, config), requestContext(c));
    if (result.ok) return signedIn(c, result.account, result.session.token, next);
    switch (result.reason) {
      case "account_exists":
        return accountExists(c, result.email, next);
      case "invalid_fields": {
        const errors = fieldErrors(c, result.problems);
        if (wantsJson(c.req.raw)) return c.json({ error: { code: "invalid_fields", message: say(c, (m) => m.invalid_fields), fields: errors } }, 400);
        if (token === undefined) {
          const sent = readSentCookie(c, config);
          return page(
            c,
            { page: "signup-details", token: null, email: sent?.email ?? "", fields: config.signupFields, values: result.values, errors, next },
            400,
          );
        }
        const state = await flows.inspectLink("signup", token);
        if (state.status !== "valid") return tokenFailure(c, "signup", state.status === "account_exists" ? "used" : state.status, next);
        return page(c, { page: "signup-details", token: token!, email: state.email, fields: config.signupFields, values: result.values, errors, next }, 400);
      }
      case "refused":
        // Closed sign-ups are Sesame's sentence; a refusal by the app's hook is the app's own words.
        return failure(c, 403, "signup_refused", result.closed ? (m) => m.signup_closed : () => result.message);
      case "hook_failed":
        c.header("Retry-After", "30");
        return failure(c, 503, "signup_unavailable", (m) => m.signup_unavailable);
      default:
        return tokenFailure(c, "signup", result.reason, next);
    }
  });

  function accountExists(c: Context, email: string, next: string | undefined) {
    return failure(c, 409, "account_exists", (m) => m.account_exists, { page: "account-exists", email, next });
  }
}
