/**
 * Account events read back: listed for operators, and their webhook deliveries claimed
 * under a lease and settled like the mail outbox. Loaded with their first use
 * (later-sql.ts): no login or session check reads an event.
 */
import type { AccountEvent, AccountEventType, QueuedWebhook, WebhookSettlement } from "../core/ports.js";
import { sql, type Row, type SqlStatement } from "./executor.js";
import { settleLeasedStatements } from "./lease-sql.js";

const EVENT_TYPES = new Set<AccountEventType>(["account.created", "account.deleted", "account.email_changed", "session.created", "session.revoked"]);

export function toAccountEvent(row: Row): AccountEvent {
  const type = String(row.type) as AccountEventType;
  return {
    id: String(row.id),
    type: EVENT_TYPES.has(type) ? type : "session.created",
    at: Number(row.at),
    accountId: String(row.account_id),
    email: String(row.email),
    detail: row.detail === null || row.detail === undefined ? null : (JSON.parse(String(row.detail)) as AccountEvent["detail"]),
  };
}

/** The account's events, newest first, after the cursor `before` (the last event of the page before) when given. */
export function listEventsStatement(accountId: string, limit: number, before: { at: number; id: string } | undefined): SqlStatement {
  return sql(
    `SELECT id, type, account_id, email, detail, at FROM account_events WHERE account_id = ?1 AND (at < ?3 OR (at = ?3 AND id < ?4))
     ORDER BY at DESC, id DESC LIMIT CAST(?2 AS INTEGER)`,
    accountId,
    limit,
    before?.at ?? Number.MAX_SAFE_INTEGER,
    before?.id ?? "",
  );
}

const FREE = `delivered_at IS NULL AND dropped_at IS NULL AND (lease_until IS NULL OR lease_until <= ?1)`;

/** Leases up to `limit` due deliveries to `owner`, then reads them with their events (same batch). */
export function claimWebhookStatements(owner: string, now: number, leaseUntil: number, limit: number): SqlStatement[] {
  return [
    sql(
      `UPDATE webhook_deliveries SET lease_owner = ?2, lease_until = ?3, attempts = attempts + 1
       WHERE ${FREE} AND id IN (SELECT id FROM webhook_deliveries WHERE ${FREE} AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT CAST(?4 AS INTEGER))
       RETURNING id`,
      now,
      owner,
      leaseUntil,
      limit,
    ),
    sql(
      `SELECT d.id AS delivery_id, d.endpoint, d.created_at AS delivery_created_at, d.attempts, e.id, e.type, e.account_id, e.email, e.detail, e.at
       FROM webhook_deliveries d JOIN account_events e ON e.id = d.event_id
       WHERE d.lease_owner = ?1 AND d.lease_until = ?2 AND d.delivered_at IS NULL AND d.dropped_at IS NULL ORDER BY d.next_attempt_at`,
      owner,
      leaseUntil,
    ),
  ];
}

export function toQueuedWebhook(row: Row, leaseUntil: number): QueuedWebhook {
  return {
    id: String(row.delivery_id),
    endpoint: String(row.endpoint),
    createdAt: Number(row.delivery_created_at),
    attempts: Number(row.attempts),
    leaseUntil,
    event: toAccountEvent(row),
  };
}

/** Recorded only by the lease's holder under the same claim, as for mail. */
export function settleWebhookStatements(owner: string, settlements: readonly WebhookSettlement[]): SqlStatement[] {
  return settleLeasedStatements("webhook_deliveries", owner, settlements);
}
