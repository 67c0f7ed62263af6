/** The purge of rows past their use, one batch (one round trip). */
import { purgeSigningKeysStatement } from "./signing-key-sql.js";
import { sql, type SqlStatement } from "./executor.js";

/**
 * Deletes what expired before `before`; finished mails and webhook deliveries at once (they
 * would otherwise keep their row); account events from before `eventsBefore`, unless a
 * delivery of theirs is still under way.
 */
export function purgeStatements(before: number, eventsBefore: number): SqlStatement[] {
  return [
    sql(`DELETE FROM mail_outbox WHERE delivered_at IS NOT NULL OR dropped_at IS NOT NULL OR expires_at < ?1 RETURNING id`, before),
    sql(`DELETE FROM link_tokens WHERE expires_at < ?1 RETURNING token_hash`, before),
    sql(`DELETE FROM sessions WHERE idle_expires_at < ?1 OR absolute_expires_at < ?1 RETURNING id_hash`, before),
    sql(`DELETE FROM rate_limits WHERE tat < ?1 RETURNING key`, before),
    sql(`DELETE FROM email_changes WHERE expires_at < ?1`, before),
    purgeSigningKeysStatement(before),
    sql(`DELETE FROM webhook_deliveries WHERE delivered_at IS NOT NULL OR dropped_at IS NOT NULL RETURNING id`),
    sql(
      `DELETE FROM account_events WHERE at < ?1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = account_events.id) RETURNING id`,
      eventsBefore,
    ),
  ];
}
