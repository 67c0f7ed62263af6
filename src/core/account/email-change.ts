/**
 * Changing the address: asked from a live session, a link goes to the new address (valid
 * an hour, once, and like every link never used by opening it: a page with a button);
 * using it moves the account there in one step, unless another account has the address,
 * and the old address is told, with the new one masked (S24). Every session of the account
 * ends with the move: someone with an account can mail its link to a victim, and a victim
 * who uses it must not share an account the other is still logged in to; the owner logs in
 * again at the new address.
 *
 * Asking needs a login within the last 10 minutes, as deleting does: a session cookie left
 * behind or stolen cannot move the account to its holder's mailbox.
 * Asking is limited per account (EMAIL_CHANGES_PER_HOUR), so that nobody uses it to flood
 * a stranger's inbox. Whether the new address has an account is only checked when the
 * link is used, so asking does not tell whether an address is in use.
 */
import { canonicalizeEmail, maskEmail, type EmailRefusal } from "../email.js";
import { addressRefusalMessage, domainOf, refuseAddress, type AddressRefusal } from "../links/address-policy.js";
import { secondsUntil, type FlowContext, type RequestContext } from "../flow-context.js";
import type { Account, EmailChangeState, TokenFailure } from "../ports.js";
import { runHook } from "../hooks.js";
import { findLiveSession } from "../sessions/session.js";
import { generateId, generateToken, isWellFormedToken } from "../token.js";
import { DELETION_PROOF_AGE, type Unauthenticated } from "./account.js";

/** How long a change-of-address link works. */
export const EMAIL_CHANGE_TTL = 3600_000;
export const EMAIL_CHANGES_PER_HOUR = 3;

export type EmailChangeRequestOutcome =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid_email"; refusal: EmailRefusal; message: string }
  /** The new address's domain is not allowed or is blocked (allowedDomains, isBlockedDomain). */
  | { ok: false; reason: "address_refused"; refusal: AddressRefusal; domain: string; message: string }
  | { ok: false; reason: "same_address" }
  /** The session's login is older than DELETION_PROOF_AGE: a stolen session cookie must not move the account away. */
  | { ok: false; reason: "reauthentication_required" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | Unauthenticated;

export type EmailChangeOutcome = { ok: true; account: Account; previousEmail: string } | { ok: false; reason: TokenFailure | "taken" };

export function emailChangeFlows({ config, outbox, events }: FlowContext) {
  const { store, now, random, sha256, log } = config;

  async function requestEmailChange(sessionToken: unknown, rawEmail: unknown, context: RequestContext = {}): Promise<EmailChangeRequestOutcome> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return { ok: false, reason: "unauthenticated" };
    const checked = canonicalizeEmail(rawEmail);
    if (!checked.ok) return { ok: false, reason: "invalid_email", refusal: checked.reason, message: checked.message };
    const account = live.session.account;
    if (checked.email === account.email) return { ok: false, reason: "same_address" };
    const refusal = refuseAddress(config.addressPolicy, checked.email);
    if (refusal)
      return { ok: false, reason: "address_refused", refusal, domain: domainOf(checked.email), message: addressRefusalMessage(refusal, checked.email) };
    const at = now();
    if (live.record.createdAt < at - DELETION_PROOF_AGE) return { ok: false, reason: "reauthentication_required" };

    const token = generateToken(random);
    const secrets = { token, ...(context.locale !== undefined && { locale: context.locale }) };
    const entry = await outbox.queue(secrets, at);
    const expiresAt = at + EMAIL_CHANGE_TTL;
    const tokenHash = await sha256(token);
    const result = await store.createEmailChange({
      accountId: account.id,
      newEmail: checked.email,
      tokenHash,
      now: at,
      expiresAt,
      perHour: EMAIL_CHANGES_PER_HOUR,
      mail: entry,
    });
    if (!result.ok) {
      if (result.reason === "no_account") return { ok: false, reason: "unauthenticated" };
      log({ level: "warn", event: "email_change.rate_limited", account: account.id, client: context.client });
      return { ok: false, reason: "rate_limited", retryAfterSeconds: secondsUntil(result.retryAt, at) };
    }
    log({ level: "info", event: "email_change.requested", account: account.id, email: maskEmail(checked.email), client: context.client });
    void outbox.sendWritten(entry, { kind: "email_change", to: checked.email, expiresAt }, secrets, context.background);
    return { ok: true, email: checked.email };
  }

  /**
   * What a change-of-address link would do, without using it: for its page. The current
   * address comes masked: whoever holds the link may have been sent it by a typo.
   */
  async function inspectEmailChange(token: unknown): Promise<EmailChangeState> {
    if (!isWellFormedToken(token)) return { status: "invalid" };
    const state = await store.inspectEmailChange(await sha256(token), now());
    return state.status === "valid" ? { ...state, currentEmail: maskEmail(state.currentEmail) } : state;
  }

  /**
   * Uses the link. Two round trips: the change is read first, for the notice to the old
   * address (sealed before the step, and naming the new address); the move is one step.
   */
  async function confirmEmailChange(token: unknown, context: RequestContext = {}): Promise<EmailChangeOutcome> {
    if (!isWellFormedToken(token)) return { ok: false, reason: "invalid" };
    const tokenHash = await sha256(token);
    const at = now();
    const state = await store.inspectEmailChange(tokenHash, at);
    if (state.status !== "valid") {
      log({ level: "warn", event: "email_change.failed", reason: state.status, client: context.client });
      return { ok: false, reason: state.status };
    }
    const facts = {
      account: { event: "email_changed" as const, at, newEmail: maskEmail(state.newEmail) },
      ...(context.locale !== undefined && { locale: context.locale }),
    };
    const notice = await outbox.queueNotice(facts, at);
    const marker = generateId(random);
    const written = [
      events.event("account.email_changed", { when: "after", emailChange: tokenHash, marker }, { previousEmail: state.currentEmail }),
      events.event("session.revoked", { when: "after", emailChange: tokenHash, marker }, { reason: "email_changed" }),
    ];
    const result = await store.confirmEmailChange({ tokenHash, now: at, marker, notice, events: written });
    if (!result.ok) {
      log({ level: "warn", event: "email_change.failed", reason: result.reason, client: context.client });
      return result;
    }
    const { account, previousEmail } = result;
    log({ level: "info", event: "email_change.confirmed", account: account.id, email: maskEmail(account.email), client: context.client });
    void outbox.sendWritten(notice, { kind: "account", to: previousEmail, expiresAt: notice.expiresAt }, facts, context.background);
    await events.written(written, context.background);
    const hook = config.hooks.afterEmailChanged;
    if (hook) await runHook(config, "afterEmailChanged", () => hook(account, previousEmail));
    return result;
  }

  return { requestEmailChange, inspectEmailChange, confirmEmailChange };
}
