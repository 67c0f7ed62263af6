/** Sessions as SQL: found with their account, extended, deleted, and replaced at login. */
import type { Account, SessionRecord } from "../core/ports.js";
import { ACCOUNT_COLUMNS, toAccount } from "./account-row.js";
import { sql, type Row, type SqlStatement } from "./executor.js";

export function findSessionStatement(idHash: string, now: number): SqlStatement {
  return sql(
    `SELECT s.created_at, s.idle_expires_at, s.absolute_expires_at, ${ACCOUNT_COLUMNS}
     FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.id_hash = ?1 AND s.idle_expires_at > ?2 AND s.absolute_expires_at > ?2`,
    idHash,
    now,
  );
}

export function toSession(row: Row, idHash: string): { session: SessionRecord; account: Account } {
  return {
    account: toAccount(row),
    session: {
      idHash,
      accountId: String(row.account_id),
      createdAt: Number(row.created_at),
      idleExpiresAt: Number(row.idle_expires_at),
      absoluteExpiresAt: Number(row.absolute_expires_at),
    },
  };
}

/** Logging in drops the session the browser had before, but only if the new one was made. */
export function dropReplacedSession(replaced: string | undefined, newSession: string): SqlStatement[] {
  if (!replaced) return [];
  return [sql(`DELETE FROM sessions WHERE id_hash = ?1 AND EXISTS (SELECT 1 FROM sessions WHERE id_hash = ?2)`, replaced, newSession)];
}

/** A session row for the account a link row names, made only if this request marked that row as its own. */
export function insertSessionFor(
  column: "token_hash" | "pending_hash",
  key: string,
  session: { idHash: string; createdAt: number; idleExpiresAt: number; absoluteExpiresAt: number },
): SqlStatement {
  return sql(
    `INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at)
     SELECT ?1, t.account_id, ?2, ?3, ?4 FROM link_tokens t WHERE t.${column} = ?5 AND t.session_hash = ?1 AND t.kind = 'login'`,
    session.idHash,
    session.createdAt,
    session.idleExpiresAt,
    session.absoluteExpiresAt,
    key,
  );
}
