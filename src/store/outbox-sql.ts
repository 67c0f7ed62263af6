/**
 * The mail outbox as SQL: queuing a mail with the change it tells of, and recording what
 * became of a try (after every mail sent, so it stays with the request paths; claiming due
 * mail is in outbox-claim-sql.ts). See core/mail/outbox.ts for the rules they serve.
 */
import type { MailSettlement, NoticeEntry } from "../core/ports.js";
import type { SqlStatement, SqlValue } from "./executor.js";
import { settleLeasedStatements } from "./lease-sql.js";

/** How a row is queued: these columns, from a SELECT whose source decides the link and the address. */
export const INSERT_OUTBOX = `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at, lease_owner, lease_until)`;

/** A notice's values in the order that SELECT takes them: id, sealed, created, expires, next attempt, lease owner, lease end. */
export function noticeValues(notice: NoticeEntry, now: number): SqlValue[] {
  return [notice.id, notice.sealed, now, notice.expiresAt, notice.nextAttemptAt, notice.leaseOwner, notice.leaseUntil];
}

/**
 * One statement per outcome. Recorded only by the same owner under the same claim, so a
 * late outcome of an earlier try changes nothing; a finished mail keeps nothing sealed
 * (S32): its link or code is of no more use to anyone.
 */
export function settleStatements(owner: string, settlements: readonly MailSettlement[]): SqlStatement[] {
  return settleLeasedStatements("mail_outbox", owner, settlements, "sealed = '', ");
}
