/**
 * The account page and its JSON: details, devices, deletion. Every route needs a live
 * session; without one a browser is sent to log in (and brought back), a client gets 401.
 * Each form posts to its own route and lands back on the page with a fixed notice (no text
 * from the request is echoed).
 */
import type { Context, Hono } from "hono";
import type { Device } from "../../core/flows.js";
import { readFields } from "../body.js";
import { clearSessionCookie, readSessionCookie } from "../cookies.js";
import { describeAgo } from "../pages/ago.js";
import type { DeviceView, PageState } from "../pages/state.js";
import type { Locale } from "../../i18n/locales.js";
import { addressProblem, publicAccount, wantsJson, type Http } from "../respond.js";
import type { Say } from "../messages/index.js";
import { sayDevice } from "../../i18n/device.js";

/** The notices the account page shows after a change (`?done=`), by what the query says. */
const NOTICES: Record<string, Say> = {
  saved: (m) => m.saved,
  revoked: (m) => m.revoked,
  "revoked-others": (m) => m.revoked_others,
  "email-sent": (m) => m.email_sent,
};

/** Why a change-of-address link did not work: its status, code and sentence. */
const CHANGE_FAILURE: Record<"invalid" | "expired" | "used" | "denied" | "taken", [400 | 409 | 410, string, Say]> = {
  invalid: [400, "token_invalid", (m) => m.token_invalid],
  expired: [410, "token_expired", (m) => m.change_expired],
  used: [410, "token_used", (m) => m.token_used],
  denied: [410, "token_denied", (m) => m.change_denied],
  taken: [409, "email_taken", (m) => m.email_taken],
};

export function accountRoutes(app: Hono, http: Http): void {
  const { config, flows, path, page, failure, requestContext, localeOf, say, fieldErrors, messagesIn } = http;
  const profileFields = new Set(config.signupFields.map((field) => field.name));

  function unauthenticated(c: Context) {
    if (wantsJson(c.req.raw)) return failure(c, 401, "unauthenticated", (m) => m.unauthenticated);
    return c.redirect(`${config.basePath}?next=${encodeURIComponent(path("account"))}`, 303);
  }

  /** The page from one session check: the account and its devices come together. */
  async function accountPage(c: Context, extra: Partial<Extract<PageState, { page: "account" }>> = {}, status: 200 | 400 | 403 = 200) {
    const listed = await flows.listSessions(readSessionCookie(c, config));
    if (!listed.ok) return unauthenticated(c);
    const { account } = listed;
    const values = { ...account.profile, ...(account.name === null ? {} : { name: account.name }) };
    const state: PageState = {
      page: "account",
      account,
      fields: config.signupFields,
      values,
      errors: {},
      devices: listed.sessions.map((device) => deviceView(device, localeOf(c))),
      ...extra,
    };
    return page(c, state, status);
  }

  function deviceView(device: Device, locale: Locale): DeviceView {
    const started = new Date(device.createdAt);
    return {
      id: device.id,
      current: device.current,
      device: sayDevice(device.device, messagesIn(locale)),
      network: device.network,
      started: { iso: started.toISOString(), text: `${started.toISOString().slice(0, 16).replace("T", " ")} UTC` },
      lastUsed: describeAgo(locale, device.current ? 0 : config.now() - device.lastUsedAt, messagesIn(locale).justNow),
    };
  }

  /** Back to the account page with one of the fixed notices. */
  const done = (c: Context, notice: keyof typeof NOTICES) => c.redirect(`${path("account")}?done=${notice}`, 303);

  app.get(path("account"), async (c) => {
    const sessionToken = readSessionCookie(c, config);
    if (wantsJson(c.req.raw)) {
      const listed = await flows.listSessions(sessionToken);
      if (!listed.ok) return unauthenticated(c);
      return c.json({ account: publicAccount(listed.account), sessions: listed.sessions.map(publicDevice) });
    }
    const notice = Object.hasOwn(NOTICES, c.req.query("done") ?? "") ? NOTICES[c.req.query("done")!] : undefined;
    return accountPage(c, { notice: notice && say(c, notice) });
  });

  app.post(path("account/profile"), async (c) => {
    const body = await readFields(c.req.raw, profileFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.updateProfile(readSessionCookie(c, config), body.fields, requestContext(c));
    if (result.ok) return wantsJson(c.req.raw) ? c.json({ account: publicAccount(result.account) }) : done(c, "saved");
    if (result.reason === "unauthenticated") return unauthenticated(c);
    const errors = fieldErrors(c, result.problems);
    if (wantsJson(c.req.raw)) return c.json({ error: { code: "invalid_fields", message: say(c, (m) => m.invalid_fields), fields: errors } }, 400);
    return accountPage(c, { values: result.values, errors }, 400);
  });

  app.post(path("account/sessions/revoke"), async (c) => {
    const body = await readFields(c.req.raw, new Set(["session"]));
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.revokeSessionById(readSessionCookie(c, config), body.fields.session, requestContext(c));
    if (result.ok) return wantsJson(c.req.raw) ? c.json({ revoked: 1 }) : done(c, "revoked");
    if (result.reason === "unauthenticated") return unauthenticated(c);
    return failure(c, 404, "session_not_found", (m) => m.session_not_found);
  });

  app.post(path("account/sessions/revoke-others"), async (c) => {
    const body = await readFields(c.req.raw, new Set());
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.revokeOtherSessions(readSessionCookie(c, config), requestContext(c));
    if (!result.ok) return unauthenticated(c);
    return wantsJson(c.req.raw) ? c.json({ revoked: result.revoked }) : done(c, "revoked-others");
  });

  app.post(path("account/email/request"), async (c) => {
    const body = await readFields(c.req.raw, new Set(["email"]));
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const sessionToken = readSessionCookie(c, config);
    const result = await flows.requestEmailChange(sessionToken, body.fields.email, requestContext(c));
    if (result.ok) return wantsJson(c.req.raw) ? c.json({ sent: "email_change", email: result.email }, 202) : done(c, "email-sent");
    if (result.reason === "unauthenticated") return unauthenticated(c);
    if (result.reason === "reauthentication_required") {
      if (wantsJson(c.req.raw)) return failure(c, 403, "reauthentication_required", (m) => m.reauthenticate_email);
      return accountPage(c, { reauthenticate: "email" }, 403);
    }
    if (result.reason === "rate_limited") {
      c.header("Retry-After", String(result.retryAfterSeconds));
      return failure(c, 429, "rate_limited", (m) => m.email_change_rate_limited);
    }
    const email = body.fields.email ?? "";
    const problem: Say = result.reason === "same_address" ? (m) => m.same_address : addressProblem(result);
    if (wantsJson(c.req.raw)) return failure(c, 400, result.reason, problem);
    return accountPage(c, { newEmail: { value: email, error: say(c, problem) } }, 400);
  });

  // Opening the link never uses it (mail scanners open links too): a page with a button.
  app.get(path("account/email"), async (c) => {
    const token = c.req.query("token");
    const state = await flows.inspectEmailChange(token);
    if (state.status !== "valid") {
      const [status, code, message] = CHANGE_FAILURE[state.status];
      return failure(c, status, code, message);
    }
    const { currentEmail } = state;
    if (wantsJson(c.req.raw)) return c.json({ newEmail: state.newEmail, currentEmail, expiresAt: new Date(state.expiresAt).toISOString() });
    return page(c, { page: "email-change", token: token!, newEmail: state.newEmail, currentEmail });
  });

  app.post(path("account/email"), async (c) => {
    const body = await readFields(c.req.raw, new Set(["token"]));
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.confirmEmailChange(body.fields.token, requestContext(c));
    if (result.ok) {
      if (wantsJson(c.req.raw)) return c.json({ account: publicAccount(result.account) });
      return page(c, { page: "email-changed", email: result.account.email });
    }
    const [status, code, message] = CHANGE_FAILURE[result.reason];
    return failure(c, status, code, message);
  });

  app.post(path("account/delete"), async (c) => {
    const body = await readFields(c.req.raw, new Set(["confirm"]));
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    // A form that says so: a stray POST (or a click through) deletes nothing.
    if (body.fields.confirm !== "yes") return failure(c, 400, "confirmation_required", (m) => m.confirmation_required);
    const sessionToken = readSessionCookie(c, config);
    const result = await flows.deleteAccount(sessionToken, requestContext(c));
    if (result.ok) {
      clearSessionCookie(c, config);
      if (wantsJson(c.req.raw)) return c.json({ deleted: true });
      return page(c, { page: "account-deleted", email: result.account.email });
    }
    if (result.reason === "unauthenticated") return unauthenticated(c);
    if (wantsJson(c.req.raw)) return failure(c, 403, "reauthentication_required", (m) => m.reauthenticate_delete);
    return accountPage(c, { reauthenticate: "delete" }, 403);
  });
}

/** A device as the JSON API gives it: times in ISO 8601. */
function publicDevice(device: Device) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { ...device, createdAt: iso(device.createdAt), lastUsedAt: iso(device.lastUsedAt), expiresAt: iso(device.expiresAt) };
}
