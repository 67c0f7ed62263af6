/** The purge of rows past their use, in steps of one batch (one round trip) each. */
import { purgeSigningKeysStatement } from "./signing-key-sql.js";
import { sql, type SqlStatement } from "./executor.js";

/**
 * The most rows one step deletes from each table. A step holds the write lock while it runs
 * (every request waits on SQLite) and, on SQLite, a copy of each page it changes until it is
 * released (temp_store = MEMORY): a backlog goes in bounded steps, with requests between them.
 */
export const PURGE_STEP = 2000;

/** `DELETE … RETURNING key` of at most PURGE_STEP rows that match `where`; the same text on SQLite and PostgreSQL. */
const bounded = (table: string, key: string, where: string) =>
  `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${where} LIMIT ${PURGE_STEP}) RETURNING ${key}`;

/**
 * One step: deletes what expired before `before`; finished mails and webhook deliveries at
 * once (they would otherwise keep their row); account events from before `eventsBefore`,
 * unless a delivery of theirs is still under way. Each statement answers the keys it deleted,
 * so a statement that deleted PURGE_STEP rows says another step is due.
 */
export function purgeStatements(before: number, eventsBefore: number): SqlStatement[] {
  return [
    sql(bounded("mail_outbox", "id", "delivered_at IS NOT NULL OR dropped_at IS NOT NULL OR expires_at < ?1"), before),
    sql(bounded("link_tokens", "token_hash", "expires_at < ?1"), before),
    sql(bounded("sessions", "id_hash", "idle_expires_at < ?1 OR absolute_expires_at < ?1"), before),
    sql(bounded("rate_limits", "key", "tat < ?1"), before),
    sql(bounded("email_changes", "token_hash", "expires_at < ?1"), before),
    // A handful of rows at most: one generation a rotation.
    purgeSigningKeysStatement(before),
    sql(bounded("webhook_deliveries", "id", "delivered_at IS NOT NULL OR dropped_at IS NOT NULL")),
    sql(bounded("account_events", "id", "at < ?1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = account_events.id)"), eventsBefore),
  ];
}
