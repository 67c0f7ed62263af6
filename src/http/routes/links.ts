/**
 * A link opened: login (one click in the browser that asked, a confirmation
 * elsewhere, approve or refuse the asking browser) and sign-up (the details form).
 */
import type { Context, Hono } from "hono";
import { maskEmail } from "../../core/email.js";
import { describeAgo, describeUserAgent } from "../../core/user-agent.js";
import { readFields } from "../body.js";
import { readPendingCookie, readSentCookie, readSessionCookie } from "../cookies.js";
import { wantsJson, type Http } from "../respond.js";

export function linkRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, tokenFailure, signedIn, readNext, invalidNext } = http;
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
      const result = await flows.redeemLogin(token, readSessionCookie(c, config), pendingSecret);
      if (result.ok) return signedIn(c, result.account, result.session.token, next);
    }
    const state = await flows.inspectLink("login", token);
    if (state.status === "valid") {
      if (wantsJson(c.req.raw)) return c.json({ kind: "login", email: maskEmail(state.email), expiresAt: state.expiresAt });
      const requester =
        state.pendingHash === null ? undefined : { device: describeUserAgent(state.requestedBy), ago: describeAgo(config.now() - state.createdAt) };
      return page(c, { page: "confirm-login", token: token!, maskedEmail: maskEmail(state.email), next, requester });
    }
    return tokenFailure(c, "login", state.status === "account_exists" ? "invalid" : state.status, next);
  });

  app.post(path("login"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const next = readNext(body.fields.next);
    if (next === null) return invalidNext(c);
    const result = await flows.redeemLogin(body.fields.token, readSessionCookie(c, config));
    if (!result.ok) return tokenFailure(c, "login", result.reason, next);
    return signedIn(c, result.account, result.session.token, next);
  });

  // From the confirmation page on another device: let the asking browser in, or refuse it.
  app.post(path("approve"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.approveLogin(body.fields.token);
    if (!result.ok) return tokenFailure(c, "login", result.reason);
    if (wantsJson(c.req.raw)) return c.json({ approved: true });
    return page(c, { page: "approved" });
  });

  app.post(path("deny"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.denyLogin(body.fields.token);
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
