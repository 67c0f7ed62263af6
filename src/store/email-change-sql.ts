/**
 * Changes of address as SQL. Asking stores the link and its mail, within a per-account
 * limit. Using it is one batch: the link marked used by this request (only while no account
 * has the new address), the notice to the old address queued, the account's links and the
 * mail to its old address removed, its sessions ended, the address moved; a sign-up that takes the new address
 * at the same moment makes the move a uniqueness violation, and the batch changes nothing.
 */
import type { EmailChangeConfirmation, EmailChangeRequest, EmailChangeState, NoticeEntry, Store } from "../core/ports.js";
import { ACCOUNT_COLUMNS, toAccount } from "./account-row.js";
import { sql, type Row, type SqlStatement } from "./executor.js";
import { INSERT_OUTBOX, noticeValues } from "./outbox-sql.js";

const HOUR = 3600_000;

/** What Store.createEmailChange is given. */
export type CreateEmailChange = Parameters<Store["createEmailChange"]>[0];

export function createEmailChangeStatements(input: CreateEmailChange, interleaves: boolean): SqlStatement[] {
  const since = input.now - HOUR;
  return [
    // Under PostgreSQL two requests of one account wait for each other here, so both count the other.
    ...(interleaves ? [sql(`SELECT id FROM accounts WHERE id = ?1 FOR UPDATE`, input.accountId)] : []),
    sql(
      `INSERT INTO email_changes (token_hash, account_id, new_email, created_at, expires_at)
       SELECT ?2, a.id, ?3, ?4, ?5 FROM accounts a
       WHERE a.id = ?1 AND (SELECT count(*) FROM email_changes c WHERE c.account_id = ?1 AND c.created_at > ?6) < ?7`,
      input.accountId,
      input.tokenHash,
      input.newEmail,
      input.now,
      input.expiresAt,
      since,
      input.perHour,
    ),
    sql(
      `${INSERT_OUTBOX} SELECT ?2, c.token_hash, 'email_change', c.new_email, ?3, c.created_at, c.expires_at, 1, ?4, ?5, ?6 FROM email_changes c WHERE c.token_hash = ?1`,
      input.tokenHash,
      input.mail.id,
      input.mail.sealed,
      input.mail.nextAttemptAt,
      input.mail.leaseOwner,
      input.mail.leaseUntil,
    ),
    sql(
      `SELECT (SELECT count(*) FROM email_changes WHERE token_hash = ?1) AS created,
              (SELECT count(*) FROM accounts WHERE id = ?2) AS account,
              (SELECT min(created_at) FROM email_changes WHERE account_id = ?2 AND created_at > ?3) AS oldest`,
      input.tokenHash,
      input.accountId,
      since,
    ),
  ];
}

export function inspectEmailChangeStatement(tokenHash: string): SqlStatement {
  return sql(
    `SELECT c.new_email, c.expires_at, c.used_at, a.email AS current_email FROM email_changes c JOIN accounts a ON a.id = c.account_id WHERE c.token_hash = ?1`,
    tokenHash,
  );
}

/** The change this request marked: the one row every later statement of the batch goes by. */
const MINE = `SELECT c.account_id FROM email_changes c WHERE c.token_hash = ?1 AND c.confirmed_by = ?2`;
const OLD_EMAIL = `SELECT a.email FROM accounts a WHERE a.id = (${MINE})`;

/** Where confirmEmailChangeStatements queues the notice: that statement returns the old address. */
export const CONFIRM_NOTICE_STEP = 4;

export function confirmEmailChangeStatements(input: { tokenHash: string; now: number; marker: string; notice: NoticeEntry }): SqlStatement[] {
  const { tokenHash, now, marker, notice } = input;
  return [
    sql(
      `UPDATE email_changes SET used_at = ?3, confirmed_by = ?2
       WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?3 AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = email_changes.new_email)`,
      tokenHash,
      marker,
      now,
    ),
    sql(`DELETE FROM mail_outbox WHERE kind IN ('signup', 'login', 'notice') AND recipient = (${OLD_EMAIL})`, tokenHash, marker),
    sql(`DELETE FROM link_tokens WHERE account_id = (${MINE}) OR email = (${OLD_EMAIL})`, tokenHash, marker),
    // Every session ends: whoever else was logged in (someone who moved the account to their
    // victim's address, or a thief who moved it away) is out, and the next login needs the new mailbox.
    sql(`DELETE FROM sessions WHERE account_id = (${MINE})`, tokenHash, marker),
    sql(
      `${INSERT_OUTBOX} SELECT ?3, a.id, 'account', a.email, ?4, ?5, ?6, 1, ?7, ?8, ?9 FROM accounts a WHERE a.id = (${MINE}) RETURNING recipient`,
      tokenHash,
      marker,
      ...noticeValues(notice, now),
    ),
    sql(
      `UPDATE accounts SET email = (SELECT c.new_email FROM email_changes c WHERE c.token_hash = ?1 AND c.confirmed_by = ?2) WHERE id = (${MINE})`,
      tokenHash,
      marker,
    ),
    sql(
      `SELECT c.used_at, c.expires_at, c.confirmed_by, ${ACCOUNT_COLUMNS}
       FROM email_changes c JOIN accounts a ON a.id = c.account_id WHERE c.token_hash = ?1`,
      tokenHash,
    ),
  ];
}

/** What a request for a change came to, from its batch's last row. */
export function readEmailChangeRequest(facts: Row | undefined, now: number): EmailChangeRequest {
  if (Number(facts?.created ?? 0) > 0) return { ok: true };
  if (Number(facts?.account ?? 0) === 0) return { ok: false, reason: "no_account" };
  return { ok: false, reason: "rate_limited", retryAt: Number(facts?.oldest ?? now) + HOUR };
}

export function readEmailChangeState(row: Row | undefined, now: number): EmailChangeState {
  if (!row) return { status: "invalid" };
  if (row.used_at !== null) return { status: "used" };
  if (Number(row.expires_at) <= now) return { status: "expired" };
  return { status: "valid", newEmail: String(row.new_email), currentEmail: String(row.current_email), expiresAt: Number(row.expires_at) };
}

/** Moved by this request (its marker), or why not, from the batch's own results. */
export function readEmailChangeConfirmation(results: Row[][], input: { now: number; marker: string }): EmailChangeConfirmation {
  const row = results[results.length - 1]?.[0];
  if (!row) return { ok: false, reason: "invalid" };
  if (row.confirmed_by === input.marker) return { ok: true, account: toAccount(row), previousEmail: String(results[CONFIRM_NOTICE_STEP]?.[0]?.recipient) };
  if (row.used_at !== null) return { ok: false, reason: "used" };
  if (Number(row.expires_at) <= input.now) return { ok: false, reason: "expired" };
  return { ok: false, reason: "taken" };
}
