/** Sessions as SQL: made at login, found with their account (and touched), listed, deleted, and replaced at login. */
import type { Account, NewSession, SessionRecord, SessionSelection, SessionTouch } from "../core/ports.js";
import { ACCOUNT_COLUMNS, toAccount } from "./account-row.js";
import { sql, type Row, type SqlStatement } from "./executor.js";

const SESSION_COLUMNS = `s.id_hash, s.account_id, s.created_at, s.idle_expires_at, s.absolute_expires_at, s.user_agent, s.client_network, s.last_used_at`;
const LIVE = `s.idle_expires_at > ?2 AND s.absolute_expires_at > ?2`;

export function findSessionStatement(idHash: string, now: number): SqlStatement {
  return sql(
    `SELECT ${SESSION_COLUMNS}, ${ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ?1 AND ${LIVE}`,
    idHash,
    now,
  );
}

/** Marks a live session used now and moves its idle expiry, if its last use is older than the touch's threshold. */
export function touchSessionStatement(idHash: string, now: number, touch: SessionTouch): SqlStatement {
  return sql(
    `UPDATE sessions SET last_used_at = ?2, idle_expires_at = CASE WHEN ?4 < absolute_expires_at THEN ?4 ELSE absolute_expires_at END
     WHERE id_hash = ?1 AND last_used_at < ?3 AND idle_expires_at > ?2 AND absolute_expires_at > ?2`,
    idHash,
    now,
    touch.staleBefore,
    touch.idleExpiresAt,
  );
}

export function listSessionsStatement(accountId: string, now: number): SqlStatement {
  return sql(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.account_id = ?1 AND ${LIVE} ORDER BY s.last_used_at DESC, s.created_at DESC`, accountId, now);
}

export function deleteSessionsStatement(accountId: string, which: SessionSelection): SqlStatement {
  if (which === "all") return sql(`DELETE FROM sessions WHERE account_id = ?1 RETURNING id_hash`, accountId);
  if ("only" in which) return sql(`DELETE FROM sessions WHERE account_id = ?1 AND id_hash = ?2 RETURNING id_hash`, accountId, which.only);
  return sql(`DELETE FROM sessions WHERE account_id = ?1 AND id_hash <> ?2 RETURNING id_hash`, accountId, which.except);
}

export function toSessionRecord(row: Row): SessionRecord {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    idHash: String(row.id_hash),
    accountId: String(row.account_id),
    createdAt: Number(row.created_at),
    idleExpiresAt: Number(row.idle_expires_at),
    absoluteExpiresAt: Number(row.absolute_expires_at),
    userAgent: text(row.user_agent),
    network: text(row.client_network),
    lastUsedAt: Number(row.last_used_at ?? row.created_at),
  };
}

export function toSession(row: Row): { session: SessionRecord; account: Account } {
  return { account: toAccount(row), session: toSessionRecord(row) };
}

/** Logging in drops the session the browser had before, but only if the new one was made. */
export function dropReplacedSession(replaced: string | undefined, newSession: string): SqlStatement[] {
  if (!replaced) return [];
  return [sql(`DELETE FROM sessions WHERE id_hash = ?1 AND EXISTS (SELECT 1 FROM sessions WHERE id_hash = ?2)`, replaced, newSession)];
}

/**
 * A new session row, its account taken from the statement's SELECT (`account` is the
 * column): the session's values are ?1–?6 (sessionValues), so the caller's own start at ?7.
 */
export function insertSession(account: string): string {
  return `INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at, user_agent, client_network, last_used_at)
     SELECT ?1, ${account}, ?2, ?3, ?4, ?5, ?6, ?2`;
}

export function sessionValues(session: NewSession): [string, number, number, number, string | null, string | null] {
  // `?? null`: a caller in plain JavaScript may leave the two out; they are optional facts, not keys.
  return [session.idHash, session.createdAt, session.idleExpiresAt, session.absoluteExpiresAt, session.userAgent ?? null, session.network ?? null];
}

/** A session row for the account a link row names, made only if this request marked that row as its own. */
export function insertSessionFor(column: "token_hash" | "pending_hash", key: string, session: NewSession): SqlStatement {
  return sql(
    `${insertSession("t.account_id")} FROM link_tokens t WHERE t.${column} = ?7 AND t.session_hash = ?1 AND t.kind = 'login'`,
    ...sessionValues(session),
    key,
  );
}
