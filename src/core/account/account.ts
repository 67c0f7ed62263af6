/**
 * The account, for the person who owns it: their details, the devices they are logged in
 * on, and deleting the account. Every flow starts from the caller's session secret (an
 * unknown or ended one is `unauthenticated`), and each change is one store step.
 *
 * Deleting needs a fresh proof: a login within DELETION_PROOF_AGE. An older session must
 * log in again first, so that a session cookie left on a shared computer cannot delete
 * the account.
 */
import type { FlowContext, RequestContext } from "../flow-context.js";
import { validateSignupFields, type FieldErrors } from "../links/signup-fields.js";
import { maskEmail } from "../email.js";
import type { Account, SessionRecord } from "../ports.js";
import { runHook } from "../hooks.js";
import { findLiveSession } from "../sessions/session.js";
import { describeUserAgent } from "../user-agent.js";

/** How recent the login must be that deletes an account. */
export const DELETION_PROOF_AGE = 10 * 60_000;

export type Unauthenticated = { ok: false; reason: "unauthenticated" };

/** A device logged in to the account: one live session, as the account page lists it. */
export interface Device {
  /** The session's id for revoking it (a hash of its secret: it cannot log anyone in). */
  id: string;
  /** True for the session the request came with. */
  current: boolean;
  /** "Firefox on macOS", from the User-Agent at login. */
  device: string;
  userAgent: string | null;
  /** The network at login with the last part hidden (203.0.113.x), or null. */
  network: string | null;
  createdAt: number;
  lastUsedAt: number;
  /** When it ends if left unused (never after its absolute end). */
  expiresAt: number;
}

export type ProfileOutcome = { ok: true; account: Account } | ({ ok: false; reason: "invalid_fields" } & FieldErrors) | Unauthenticated;

export type DeletionOutcome = { ok: true; account: Account } | { ok: false; reason: "reauthentication_required" } | Unauthenticated;

const UNAUTHENTICATED: Unauthenticated = { ok: false, reason: "unauthenticated" };

export function accountFlows({ config, outbox, events }: FlowContext) {
  const { store, now, log } = config;

  async function getAccount(sessionToken: unknown): Promise<{ ok: true; account: Account } | Unauthenticated> {
    const live = await findLiveSession(config, sessionToken);
    return live ? { ok: true, account: live.session.account } : UNAUTHENTICATED;
  }

  /** Replaces the name and sign-up fields, checked as at sign-up. */
  async function updateProfile(sessionToken: unknown, input: Record<string, string>, context: RequestContext = {}): Promise<ProfileOutcome> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return UNAUTHENTICATED;
    const fields = validateSignupFields(config.signupFields, input);
    if (!fields.ok) return { ok: false, reason: "invalid_fields", errors: fields.errors, problems: fields.problems, values: fields.values };
    const { name = null, ...profile } = fields.values;
    const account = await store.updateProfile(live.session.account.id, name || null, profile);
    if (!account) return UNAUTHENTICATED;
    log({ level: "info", event: "account.updated", account: account.id, client: context.client });
    return { ok: true, account };
  }

  /** The caller's devices, and the account itself (read in the same session check: the account page needs both). */
  async function listSessions(sessionToken: unknown): Promise<{ ok: true; account: Account; sessions: Device[] } | Unauthenticated> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return UNAUTHENTICATED;
    const records = await store.listSessions(live.session.account.id, now());
    // This device first, then the others by last use.
    const devices = records.map((record) => toDevice(record, live.idHash));
    return { ok: true, account: live.session.account, sessions: [...devices.filter((d) => d.current), ...devices.filter((d) => !d.current)] };
  }

  /** Ends one of the account's sessions by its id (the caller's own included: that is logging out). */
  async function revokeSessionById(
    sessionToken: unknown,
    sessionId: unknown,
    context: RequestContext = {},
  ): Promise<{ ok: true } | { ok: false; reason: "not_found" } | Unauthenticated> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return UNAUTHENTICATED;
    if (typeof sessionId !== "string" || sessionId.length === 0 || sessionId.length > 100) return { ok: false, reason: "not_found" };
    const which = { only: sessionId };
    const written = [events.event("session.revoked", { when: "before", sessionsOf: live.session.account.id, which }, { reason: "revoked" })];
    const ended = await store.deleteSessions(live.session.account.id, which, written);
    if (ended === 0) return { ok: false, reason: "not_found" };
    await events.written(written, context.background);
    log({ level: "info", event: "session.revoked", account: live.session.account.id, which: "one", client: context.client });
    return { ok: true };
  }

  /** "Log out everywhere else": every session of the account but the caller's. */
  async function revokeOtherSessions(sessionToken: unknown, context: RequestContext = {}): Promise<{ ok: true; revoked: number } | Unauthenticated> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return UNAUTHENTICATED;
    const which = { except: live.idHash };
    const written = [events.event("session.revoked", { when: "before", sessionsOf: live.session.account.id, which }, { reason: "others" })];
    const revoked = await store.deleteSessions(live.session.account.id, which, written);
    if (revoked > 0) await events.written(written, context.background);
    log({ level: "info", event: "session.revoked", account: live.session.account.id, which: "others", count: revoked, client: context.client });
    return { ok: true, revoked };
  }

  /** Deletes the caller's account, if they logged in within DELETION_PROOF_AGE. */
  async function deleteAccount(sessionToken: unknown, context: RequestContext = {}): Promise<DeletionOutcome> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return UNAUTHENTICATED;
    if (live.record.createdAt < now() - DELETION_PROOF_AGE) return { ok: false, reason: "reauthentication_required" };
    const deleted = await removeAccount(live.session.account.id, context);
    return deleted ? { ok: true, account: deleted } : UNAUTHENTICATED;
  }

  /**
   * Deletes an account with its sessions, links and mail, and tells its address (S24): for
   * the owner (after the proof above) and for operators. The account deleted, or null.
   */
  async function removeAccount(accountId: string, context: RequestContext = {}): Promise<Account | null> {
    const at = now();
    const facts = { account: { event: "deleted" as const, at }, ...(context.locale !== undefined && { locale: context.locale }) };
    const entry = await outbox.queueNotice(facts, at);
    const written = [events.event("account.deleted", { when: "before", account: accountId })];
    const result = await store.deleteAccount({ accountId, now: at, notice: entry, events: written });
    if (!result.ok) return null;
    await events.written(written, context.background);
    const { account } = result;
    log({ level: "info", event: "account.deleted", account: account.id, email: maskEmail(account.email), sessions: result.sessions, client: context.client });
    // Its first try now (after the answer where the runtime allows); a failure stays queued and is retried.
    void outbox.sendWritten(entry, { kind: "account", to: account.email, expiresAt: entry.expiresAt }, facts, context.background);
    const hook = config.hooks.afterAccountDeleted;
    if (hook) await runHook(config, "afterAccountDeleted", () => hook(account));
    return account;
  }

  /** Ends every session of an account: for operators. How many ended. */
  async function endSessionsOf(accountId: string, context: RequestContext = {}): Promise<number> {
    const written = [events.event("session.revoked", { when: "before", sessionsOf: accountId, which: "all" }, { reason: "operator" })];
    const ended = await store.deleteSessions(accountId, "all", written);
    if (ended > 0) await events.written(written, context.background);
    log({ level: "info", event: "session.revoked", account: accountId, which: "all", count: ended });
    return ended;
  }

  return { getAccount, updateProfile, listSessions, revokeSessionById, revokeOtherSessions, deleteAccount, removeAccount, endSessionsOf };
}

function toDevice(record: SessionRecord, currentHash: string): Device {
  return {
    id: record.idHash,
    current: record.idHash === currentHash,
    device: describeUserAgent(record.userAgent),
    userAgent: record.userAgent,
    network: record.network,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    expiresAt: Math.min(record.idleExpiresAt, record.absoluteExpiresAt),
  };
}
