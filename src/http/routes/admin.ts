/**
 * The admin API, for operators and their tools: off unless an admin token is set; every
 * request carries it as a bearer token (compared in constant time), and one without it, or
 * with another, is answered 401 and logged. JSON only, never a page.
 *
 *   GET    admin/api/accounts?search=&after=&limit=   a page of accounts, `next` the cursor
 *   GET    admin/api/accounts/:id                      one, with where it is logged in
 *   DELETE admin/api/accounts/:id                      deletes it (as the owner would), mails the notice
 *   POST   admin/api/accounts/:id/sessions/revoke      logs it out everywhere
 *   GET    admin/api/accounts/:id/events?before=&limit=  its audit trail, newest first (also once it is deleted)
 *   POST   admin/api/invites  {email, delivery}        a sign-up link, mailed or returned
 *
 * Loaded with the first admin request (http/app.ts): the requests people make never need it.
 */
import type { Context, Hono } from "hono";
import type { AccountEvent, SessionRecord } from "../../core/ports.js";
import { hasBearer } from "../bearer.js";
import { readFields } from "../body.js";
import { messages } from "../messages/index.js";
import { publicAccount, type Http } from "../respond.js";

export function adminRoutes(app: Hono, http: Http): void {
  const { config, flows, path, requestContext } = http;
  const token = config.adminToken;
  if (token === undefined) return;
  const api = (route: string) => path(`admin/api/${route}`);
  const problem = (c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415, code: string, message: string) => c.json({ error: { code, message } }, status);

  app.use(api("*"), async (c, next) => {
    if (!(await hasBearer(c.req.raw, token, config.sha256))) {
      config.log({
        level: "warn",
        event: "admin.unauthorized",
        method: c.req.method,
        path: c.req.path,
        presented: c.req.header("authorization") !== undefined,
      });
      return problem(c, 401, "unauthenticated", "The admin API needs its bearer token.");
    }
    await next();
  });

  app.get(api("accounts"), async (c) => {
    const limit = c.req.query("limit");
    if (limit !== undefined && !/^[1-9][0-9]{0,2}$/.test(limit)) return problem(c, 400, "invalid_limit", "limit must be a whole number from 1 to 500.");
    const size = limit === undefined ? 50 : Math.min(Number(limit), 500);
    const accounts = await flows.listAccounts({ search: c.req.query("search"), after: c.req.query("after"), limit: size });
    // The cursor is the last address of a full page: the next page starts after it.
    const next = accounts.length === size ? accounts[accounts.length - 1]!.email : null;
    return c.json({ accounts: accounts.map(publicAccount), next });
  });

  app.get(api("accounts/:id"), async (c) => {
    const account = await flows.findAccount(c.req.param("id") ?? "");
    if (!account) return problem(c, 404, "account_not_found", "There is no such account.");
    const sessions = await flows.listSessionsOf(account.id);
    return c.json({ account: publicAccount(account), sessions: sessions.map(adminSession) });
  });

  app.delete(api("accounts/:id"), async (c) => {
    const account = await flows.findAccount(c.req.param("id") ?? "");
    const deleted = account && (await flows.removeAccount(account.id, requestContext(c)));
    if (!deleted) return problem(c, 404, "account_not_found", "There is no such account.");
    config.log({ level: "info", event: "admin.account_deleted", account: deleted.id });
    return c.json({ deleted: true, account: publicAccount(deleted) });
  });

  app.post(api("accounts/:id/sessions/revoke"), async (c) => {
    const account = await flows.findAccount(c.req.param("id") ?? "");
    if (!account) return problem(c, 404, "account_not_found", "There is no such account.");
    return c.json({ revoked: await flows.endSessionsOf(account.id, requestContext(c)) });
  });

  app.get(api("accounts/:id/events"), async (c) => {
    const limit = c.req.query("limit");
    if (limit !== undefined && !/^[1-9][0-9]{0,2}$/.test(limit)) return problem(c, 400, "invalid_limit", "limit must be a whole number from 1 to 500.");
    const before = parseEventCursor(c.req.query("before"));
    if (before === null) return problem(c, 400, "invalid_cursor", "before must be the next value of an earlier page.");
    const size = limit === undefined ? 50 : Math.min(Number(limit), 500);
    // By id, the events of a deleted account are still there; an address finds the account that has it now.
    const id = c.req.param("id") ?? "";
    const accountId = id.includes("@") ? (await flows.findAccount(id))?.id : id;
    if (accountId === undefined) return problem(c, 404, "account_not_found", "There is no such account.");
    const events = await flows.listAccountEvents(accountId, { before, limit: size });
    const last = events[events.length - 1];
    return c.json({ events: events.map(adminEvent), next: events.length === size && last ? `${last.at}.${last.id}` : null });
  });

  app.post(api("invites"), async (c) => {
    const body = await readFields(c.req.raw, new Set(["email", "delivery"]));
    // The admin API is for operators and speaks English.
    if (!body.ok) return problem(c, body.status, body.code, body.message(messages("en")));
    const delivery = body.fields.delivery ?? "mail";
    if (delivery !== "mail" && delivery !== "return") return problem(c, 400, "invalid_delivery", 'delivery must be "mail" or "return".');
    const result = await flows.inviteAccount(body.fields.email, { send: delivery === "mail" });
    if (result.ok) {
      const answer = { email: result.email, expiresAt: new Date(result.expiresAt).toISOString(), ...(result.url !== undefined && { url: result.url }) };
      return c.json(answer, 201);
    }
    if (result.reason === "invalid_email") return problem(c, 400, "invalid_email", result.message);
    if (result.reason === "address_refused") return problem(c, 403, "address_refused", "Addresses at that domain cannot be used here.");
    if (result.reason === "signup_closed") return problem(c, 409, "signup_closed", "Sign-ups are closed: nobody can be invited.");
    return problem(c, 409, "account_exists", "An account already uses this address.");
  });

  app.notFound((c) => problem(c, 404, "not_found", "There is no such admin API route."));
}

/** `at.id` of the last event of a page; undefined for the first page, null when malformed. */
function parseEventCursor(value: string | undefined): { at: number; id: string } | undefined | null {
  if (value === undefined) return undefined;
  const match = /^([0-9]{1,16})\.(evt_[A-Za-z0-9_-]{1,40})$/.exec(value);
  return match ? { at: Number(match[1]), id: match[2]! } : null;
}

function adminEvent(event: AccountEvent) {
  return { id: event.id, type: event.type, at: new Date(event.at).toISOString(), email: event.email, detail: event.detail ?? {} };
}

/** A session as an operator sees it: where and when, not its id. */
function adminSession(session: SessionRecord) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    userAgent: session.userAgent,
    network: session.network,
    createdAt: iso(session.createdAt),
    lastUsedAt: iso(session.lastUsedAt),
    expiresAt: iso(Math.min(session.idleExpiresAt, session.absoluteExpiresAt)),
  };
}
