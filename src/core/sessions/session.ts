/**
 * Sessions: the cookie holds a random secret, the store holds only its hash.
 * A session ends when unused for the idle timeout or at the absolute timeout,
 * whichever comes first; logging out deletes it on the server.
 */
import type { CoreConfig } from "../config.js";
import type { Account, NewSession } from "../ports.js";
import { generateToken, isWellFormedToken } from "../token.js";

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

/** A fresh session secret (every login gets a new one) and the record to store for it. */
export async function startSession(config: SessionConfig, at: number): Promise<{ record: NewSession; issued: IssuedSession }> {
  const token = generateToken(config.random);
  const absoluteExpiresAt = at + config.sessionAbsoluteTimeout;
  const record: NewSession = {
    idHash: await config.sha256(token),
    createdAt: at,
    idleExpiresAt: Math.min(at + config.sessionIdleTimeout, absoluteExpiresAt),
    absoluteExpiresAt,
  };
  return { record, issued: { token, expiresAt: absoluteExpiresAt } };
}

export async function validateSession(config: SessionConfig, token: unknown): Promise<ValidSession | null> {
  return (await findLiveSession(config, token))?.session ?? null;
}

/** The live session a secret names, with the hash the store keys it by; extends its idle time now and then. */
export async function findLiveSession(config: SessionConfig, token: unknown): Promise<{ session: ValidSession; idHash: string } | null> {
  if (!isWellFormedToken(token)) return null;
  const at = config.now();
  const idHash = await config.sha256(token);
  const found = await config.store.findSession(idHash, at);
  if (!found) return null;
  const { session, account } = found;
  let idleExpiresAt = session.idleExpiresAt;
  // Extending on every request would turn each read into a write; half the idle window is plenty.
  if (idleExpiresAt - at < config.sessionIdleTimeout / 2 && idleExpiresAt < session.absoluteExpiresAt) {
    idleExpiresAt = Math.min(at + config.sessionIdleTimeout, session.absoluteExpiresAt);
    await config.store.extendSession(idHash, idleExpiresAt);
  }
  return { session: { account, expiresAt: idleExpiresAt }, idHash };
}

export async function revokeSession(config: Pick<CoreConfig, "store" | "sha256">, token: unknown): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await config.store.deleteSession(await config.sha256(token));
}
