/**
 * Sessions: the cookie holds a random secret, the store holds only its hash.
 * A session ends when unused for the idle timeout or at the absolute timeout,
 * whichever comes first; logging out deletes it on the server.
 */
import type { Events } from "../events/events.js";
import type { CoreConfig } from "../config.js";
import type { RequestContext } from "../flow-context.js";
import type { Account, NewSession, SessionRecord } from "../ports.js";
import { generateToken, isWellFormedToken } from "../token.js";
import { maskNetwork } from "../user-agent.js";

/**
 * How stale a session's "last used" may get before a check marks it (and moves its idle
 * expiry): a check writes at most this often per session, however often it is used.
 */
export const SESSION_TOUCH_INTERVAL = 5 * 60_000;
/** A User-Agent is kept for the list of devices; past this length it is cut. */
const USER_AGENT_LIMIT = 512;

type SessionConfig = Pick<CoreConfig, "random" | "now" | "store" | "sessionIdleTimeout" | "sessionAbsoluteTimeout" | "sha256">;

export interface ValidSession {
  account: Account;
  /** When the session ends if left unused. */
  expiresAt: number;
}

/** A session secret for the cookie; only its hash is stored. */
export interface IssuedSession {
  token: string;
  expiresAt: number;
}

/** A fresh session secret (every login gets a new one) and the record to store for it, with the browser and network that logged in. */
export async function startSession(config: SessionConfig, at: number, context: RequestContext): Promise<{ record: NewSession; issued: IssuedSession }> {
  const token = generateToken(config.random);
  const absoluteExpiresAt = at + config.sessionAbsoluteTimeout;
  const record: NewSession = {
    idHash: await config.sha256(token),
    createdAt: at,
    idleExpiresAt: Math.min(at + config.sessionIdleTimeout, absoluteExpiresAt),
    absoluteExpiresAt,
    userAgent: context.userAgent ? context.userAgent.slice(0, USER_AGENT_LIMIT) : null,
    network: maskNetwork(context.client),
  };
  return { record, issued: { token, expiresAt: absoluteExpiresAt } };
}

export async function validateSession(config: SessionConfig, token: unknown): Promise<ValidSession | null> {
  return (await findLiveSession(config, token))?.session ?? null;
}

/** The live session a secret names, with the hash the store keys it by; marks it used (and extends its idle time) every few minutes. */
export async function findLiveSession(config: SessionConfig, token: unknown): Promise<{ session: ValidSession; idHash: string; record: SessionRecord } | null> {
  if (!isWellFormedToken(token)) return null;
  const at = config.now();
  const idHash = await config.sha256(token);
  // Touching on every request would turn each read into a write; every few minutes is plenty.
  const found = await config.store.findSession(idHash, at, { staleBefore: at - SESSION_TOUCH_INTERVAL, idleExpiresAt: at + config.sessionIdleTimeout });
  if (!found) return null;
  return { session: { account: found.account, expiresAt: found.session.idleExpiresAt }, idHash, record: found.session };
}

/** Logging out: the session ends, and its `session.revoked` event is written in the same step. */
export async function revokeSession(config: Pick<CoreConfig, "store" | "sha256">, events: Events, token: unknown, context: RequestContext = {}): Promise<void> {
  if (!isWellFormedToken(token)) return;
  const idHash = await config.sha256(token);
  const written = [events.event("session.revoked", { when: "before", session: idHash }, { reason: "logout" })];
  await config.store.deleteSession(idHash, written);
  await events.written(written, context.background);
}
