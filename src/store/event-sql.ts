/**
 * Account events as SQL: written inside the batch of the change they tell of (each a
 * SELECT of the account that finds it only if the change is there to see), with a
 * webhook delivery row per endpoint; read for operators; webhook deliveries claimed under
 * a lease and settled like the mail outbox.
 */
import type { AccountEvent, AccountEventEntry, AccountEventType, EventSubject, QueuedWebhook, WebhookSettlement } from "../core/ports.js";
import { sql, type Row, type SqlStatement } from "./executor.js";
import { settleLeasedStatements } from "./lease-sql.js";

const INSERT_EVENT = `INSERT INTO account_events (id, type, account_id, email, detail, at)`;

/** The FROM clause that finds the subject's account as `a`, from parameter ?5 on. */
function subjectSource(subject: EventSubject): { from: string; params: (string | null)[] } {
  if ("session" in subject) return { from: `FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ?5`, params: [subject.session] };
  if ("account" in subject) return { from: `FROM accounts a WHERE a.id = ?5`, params: [subject.account] };
  if ("emailChange" in subject) {
    return {
      from: `FROM email_changes c JOIN accounts a ON a.id = c.account_id WHERE c.token_hash = ?5 AND c.confirmed_by = ?6`,
      params: [subject.emailChange, subject.marker],
    };
  }
  const { which } = subject;
  const chosen = which === "all" ? "" : "only" in which ? `AND s.id_hash = ?6` : `AND s.id_hash <> ?6`;
  return {
    from: `FROM accounts a WHERE a.id = ?5 AND EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = a.id ${chosen})`,
    params: which === "all" ? [subject.sessionsOf] : [subject.sessionsOf, "only" in which ? which.only : which.except],
  };
}

/** The event and its deliveries; each delivery exists only if its event does. */
export function eventStatements(event: AccountEventEntry): SqlStatement[] {
  const source = subjectSource(event.subject);
  const detail = event.detail === null ? null : JSON.stringify(event.detail);
  return [
    sql(`${INSERT_EVENT} SELECT ?1, ?2, a.id, a.email, ?3, ?4 ${source.from}`, event.id, event.type, detail, event.at, ...source.params),
    ...event.deliveries.map((delivery) =>
      sql(
        `INSERT INTO webhook_deliveries (id, event_id, endpoint, created_at, attempts, next_attempt_at)
         SELECT ?1, e.id, ?2, e.at, 0, e.at FROM account_events e WHERE e.id = ?3`,
        delivery.id,
        delivery.endpoint,
        event.id,
      ),
    ),
  ];
}

/** A step's statements with its events around them; `offset` is where the step's own results begin. */
export function withEvents(statements: SqlStatement[], events: readonly AccountEventEntry[] | undefined): { statements: SqlStatement[]; offset: number } {
  if (!events || events.length === 0) return { statements, offset: 0 };
  const before = events.filter((event) => event.subject.when === "before").flatMap(eventStatements);
  const after = events.filter((event) => event.subject.when === "after").flatMap(eventStatements);
  return { statements: [...before, ...statements, ...after], offset: before.length };
}

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
