/**
 * Recording what became of a leased try, for the mail outbox and webhook deliveries alike:
 * only the lease's holder, under the same claim (its attempt count), records anything, so a
 * late outcome of an earlier try changes nothing. `onFinish` clears what a finished row
 * must not keep (a mail's sealed link).
 */
import type { MailSettlement } from "../core/ports.js";
import { sql, type SqlStatement } from "./executor.js";

export function settleLeasedStatements(
  table: "mail_outbox" | "webhook_deliveries",
  owner: string,
  settlements: readonly MailSettlement[],
  onFinish = "",
): SqlStatement[] {
  const held = `lease_owner = ?2 AND attempts = ?3 AND delivered_at IS NULL AND dropped_at IS NULL`;
  const release = `lease_owner = NULL, lease_until = NULL`;
  return settlements.map((s) => {
    switch (s.outcome) {
      case "delivered":
        return sql(
          `UPDATE ${table} SET delivered_at = ?4, ${onFinish}last_error = NULL, ${release} WHERE id = ?1 AND ${held} RETURNING id`,
          s.id,
          owner,
          s.attempts,
          s.at,
        );
      case "retry":
        return sql(
          `UPDATE ${table} SET next_attempt_at = ?4, last_error = ?5, ${release} WHERE id = ?1 AND ${held} RETURNING id`,
          s.id,
          owner,
          s.attempts,
          s.nextAttemptAt,
          s.error.slice(0, 500),
        );
      case "dropped":
        return sql(
          `UPDATE ${table} SET dropped_at = ?4, ${onFinish}last_error = ?5, ${release} WHERE id = ?1 AND ${held} RETURNING id`,
          s.id,
          owner,
          s.attempts,
          s.at,
          s.reason.slice(0, 500),
        );
    }
  });
}
