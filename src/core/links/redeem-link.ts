/**
 * Using a link: looking at it without using it (what scanners and other browsers get),
 * logging in with a login link, and creating the account with a sign-up link.
 */
import { maskEmail } from "../email.js";
import type { FlowContext, RequestContext } from "../flow-context.js";
import type { Account, LinkKind, LinkTokenState, SignupKey, TokenFailure } from "../ports.js";
import { afterLogin } from "../sessions/after-login.js";
import { runHook } from "../hooks.js";
import { startSession, type IssuedSession } from "../sessions/session.js";
import { generateId, isWellFormedToken } from "../token.js";
import { describeUserAgent } from "../user-agent.js";
import { validateSignupFields, type FieldErrors } from "./signup-fields.js";

/** A link as the confirmation pages see it: its state, and the asking browser as a person reads it. */
export type LinkInspection = Exclude<LinkTokenState, { status: "valid" }> | (Extract<LinkTokenState, { status: "valid" }> & { device: string });

export type LoginOutcome =
  | { ok: true; account: Account; session: IssuedSession }
  | { ok: false; reason: TokenFailure }
  /** Opened with `pendingSecret` in another browser than the one that asked: the link, for its confirmation page. */
  | { ok: false; reason: "not_this_browser"; link: Extract<LinkInspection, { status: "valid" }> };

export type SignupOutcome =
  | { ok: true; account: Account; session: IssuedSession }
  | { ok: false; reason: TokenFailure }
  | { ok: false; reason: "account_exists"; email: string }
  | ({ ok: false; reason: "invalid_fields" } & FieldErrors)
  /** Sign-ups are closed (`closed`), or the host app's beforeSignup hook refused it with the message to show; nothing was stored. */
  | { ok: false; reason: "refused"; closed: boolean; message: string }
  /** The beforeSignup hook threw or timed out; nothing was stored. */
  | { ok: false; reason: "hook_failed" };

export function redeemLinkFlows({ config, fail, previousSessionHash, events }: FlowContext) {
  const { store, now, random, log, sha256 } = config;

  /**
   * What a link is, without using it: for the confirmation pages that scanners may also
   * open. A link asked for from a browser says which browser, as a person reads it.
   */
  async function inspectLink(kind: LinkKind, token: unknown): Promise<LinkInspection> {
    if (!isWellFormedToken(token)) return { status: "invalid" };
    const state = await store.inspectLinkToken(await sha256(token), kind, now());
    return state.status === "valid" ? { ...state, device: describeUserAgent(state.requestedBy) } : state;
  }

  /**
   * Uses a login link. With `pendingSecret`, only if this is the browser that asked
   * (a link opened there needs no confirmation: scanners never hold that cookie).
   */
  async function redeemLogin(token: unknown, previousSession?: string, pendingSecret?: string, context: RequestContext = {}): Promise<LoginOutcome> {
    if (!isWellFormedToken(token)) return fail("login", "invalid", context);
    const at = now();
    const session = await startSession(config, at, context);
    const written = [events.event("session.created", { when: "after", session: session.record.idHash }, { method: "link" })];
    const result = await store.redeemLoginToken({
      tokenHash: await sha256(token),
      now: at,
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
      pendingHash: pendingSecret === undefined ? undefined : await sha256(pendingSecret),
      events: written,
    });
    if (!result.ok && result.reason === "not_this_browser") {
      // Only a browser with some other request's cookie gets here; nothing failed, it just needs a confirmation.
      if (pendingSecret !== undefined)
        return { ok: false, reason: "not_this_browser", link: { ...result.link, device: describeUserAgent(result.link.requestedBy) } };
      return fail("login", "invalid", context);
    }
    if (!result.ok)
      return fail("login", result.reason === "account_exists" ? "invalid" : result.reason, context, "accountId" in result ? result.accountId : undefined);
    log({ level: "info", event: "login.succeeded", by: "link", account: result.account.id, email: maskEmail(result.account.email), client: context.client });
    await events.written(written, context.background);
    await afterLogin(config, result.account, "link");
    return { ok: true, account: result.account, session: session.issued };
  }

  async function completeSignup(token: unknown, input: Record<string, string>, previousSession?: string, context: RequestContext = {}): Promise<SignupOutcome> {
    if (!isWellFormedToken(token)) return fail("signup", "invalid", context);
    return finishSignup({ tokenHash: await sha256(token) }, input, previousSession, context);
  }

  /** The account's details, checked, and the sign-up completed by its link or by the asking browser after its code. */
  async function finishSignup(key: SignupKey, input: Record<string, string>, previousSession?: string, context: RequestContext = {}): Promise<SignupOutcome> {
    // A sign-up link mailed before sign-ups were closed makes no account now.
    if (config.signup === "closed") {
      log({ level: "warn", event: "signup.refused", reason: "signup_closed", client: context.client });
      return { ok: false, reason: "refused", closed: true, message: "Sign-ups are closed here: only existing accounts can log in." };
    }
    const fields = validateSignupFields(config.signupFields, input);
    if (!fields.ok) return { ok: false, reason: "invalid_fields", errors: fields.errors, problems: fields.problems, values: fields.values };
    const at = now();
    const refused = await beforeSignup(key, fields.values, at, context);
    if (refused) return refused;
    const session = await startSession(config, at, context);
    const { name = null, ...profile } = fields.values;
    const method = "tokenHash" in key ? "link" : "code";
    const written = [
      events.event("account.created", { when: "after", session: session.record.idHash }),
      events.event("session.created", { when: "after", session: session.record.idHash }, { method }),
    ];
    const result = await store.completeSignup({
      key,
      now: at,
      account: { id: generateId(random), name: name || null, profile },
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
      events: written,
    });
    if (!result.ok) {
      log({ level: "warn", event: "signup.failed", reason: result.reason });
      return result;
    }
    log({ level: "info", event: "signup.succeeded", by: method, account: result.account.id, email: maskEmail(result.account.email) });
    await events.written(written, context.background);
    if (config.hooks.afterSignup) await runHook(config, "afterSignup", () => config.hooks.afterSignup!(result.account, { method }));
    return { ok: true, account: result.account, session: session.issued };
  }

  /**
   * The host app's say before an account is made: it sees the address (read from the link:
   * a round trip more, only with the hook) and the checked fields. Nothing is stored when it
   * refuses or fails. A link that cannot be used is left to the step to report.
   */
  async function beforeSignup(key: SignupKey, fields: Record<string, string>, at: number, context: RequestContext) {
    const hook = config.hooks.beforeSignup;
    if (!hook) return undefined;
    const link = await store.inspectSignupLink(key, at);
    if (link.status !== "valid") return undefined;
    const answer = await runHook(config, "beforeSignup", () => hook({ email: link.email, fields, client: context.client }));
    if (!answer.ok) return { ok: false as const, reason: "hook_failed" as const };
    const refusal = answer.value?.refuse;
    if (typeof refusal !== "string") return undefined;
    log({ level: "warn", event: "signup.refused", email: maskEmail(link.email), client: context.client });
    return { ok: false as const, reason: "refused" as const, closed: false, message: refusal.slice(0, 500) || "This sign-up was refused." };
  }

  return { inspectLink, redeemLogin, completeSignup, finishSignup };
}
