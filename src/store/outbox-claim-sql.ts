/**
 * The mail outbox as SQL, the part a delivery pass and a health check use: claiming due
 * mail under a lease, and the queue's figures. Loaded with its first use (later-sql.ts):
 * a request's own mail is leased as it is written, so no request path claims.
 */
import type { MailKind, OutboxStats, QueuedMail } from "../core/ports.js";
import { sql, type Row, type SqlStatement } from "./executor.js";

const MAIL_KINDS = new Set<MailKind>(["signup", "login", "notice", "account", "email_change"]);

/**
 * Drops the free mails whose link expired, then leases up to `limit` due ones. "Free":
 * nobody holds a live lease on it. The conditions are repeated outside the subquery so
 * that under PostgreSQL's read committed a claimer that waited on a row re-checks them
 * against the winner's update, and skips the row.
 */
export function claimStatements(owner: string, now: number, leaseUntil: number, limit: number): SqlStatement[] {
  const free = `delivered_at IS NULL AND dropped_at IS NULL AND (lease_until IS NULL OR lease_until <= ?1)`;
  return [
    sql(
      `UPDATE mail_outbox SET dropped_at = ?1, sealed = '', last_error = 'the link expired before the mail could be sent'
       WHERE ${free} AND expires_at <= ?1 RETURNING id`,
      now,
    ),
    sql(
      `UPDATE mail_outbox SET lease_owner = ?2, lease_until = ?3, attempts = attempts + 1
       WHERE ${free} AND id IN (SELECT id FROM mail_outbox WHERE ${free} AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT CAST(?4 AS INTEGER))
       RETURNING id, kind, recipient, sealed, expires_at, attempts`,
      now,
      owner,
      leaseUntil,
      limit,
    ),
  ];
}

export function toQueuedMail(row: Row, leaseUntil: number): QueuedMail {
  return {
    id: String(row.id),
    kind: MAIL_KINDS.has(row.kind as MailKind) ? (row.kind as MailKind) : "signup",
    to: String(row.recipient),
    sealed: String(row.sealed),
    expiresAt: Number(row.expires_at),
    attempts: Number(row.attempts),
    leaseUntil,
  };
}

/** The mail waiting: how much, since when, how much of it leased now. */
export function outboxStatsStatement(now: number): SqlStatement {
  return sql(
    `SELECT COUNT(*) AS queued, MIN(created_at) AS oldest, COALESCE(SUM(CASE WHEN lease_until > ?1 THEN 1 ELSE 0 END), 0) AS in_flight
     FROM mail_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL`,
    now,
  );
}

export function toOutboxStats(row: Row | undefined): OutboxStats {
  return { queued: Number(row?.queued ?? 0), oldestCreatedAt: row?.oldest == null ? null : Number(row.oldest), inFlight: Number(row?.in_flight ?? 0) };
}
