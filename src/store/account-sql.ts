/**
 * Accounts as SQL: found, listed for operators, their profile replaced, and deleted with
 * everything that names them. A deletion removes the rows a login would go through (its
 * links) before the sessions, so that on PostgreSQL a login under way finishes first (its
 * link row is locked) and its session is then removed too, or finds its link gone.
 */
import type { NoticeEntry } from "../core/ports.js";
import { ACCOUNT_RETURNING } from "./account-row.js";
import { sql, type SqlStatement } from "./executor.js";
import { INSERT_OUTBOX, noticeValues } from "./outbox-sql.js";

export function findAccountStatement(key: { id: string } | { email: string }): SqlStatement {
  return "id" in key
    ? sql(`SELECT ${ACCOUNT_RETURNING} FROM accounts WHERE id = ?1`, key.id)
    : sql(`SELECT ${ACCOUNT_RETURNING} FROM accounts WHERE email = ?1`, key.email);
}

/** In address order after `after`; `search` matches anywhere in the address, literally (no wildcards). */
export function listAccountsStatement(input: { search?: string | undefined; after?: string | undefined; limit: number }): SqlStatement {
  const pattern = input.search === undefined ? null : `%${input.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = pattern === null ? "" : `AND email LIKE ?3 ESCAPE '\\'`;
  return sql(
    `SELECT ${ACCOUNT_RETURNING} FROM accounts WHERE email > ?1 ${where} ORDER BY email LIMIT CAST(?2 AS INTEGER)`,
    input.after ?? "",
    input.limit,
    ...(pattern === null ? [] : [pattern]),
  );
}

export function updateProfileStatement(accountId: string, name: string | null, profile: Record<string, string>): SqlStatement {
  return sql(`UPDATE accounts SET name = ?2, profile = ?3 WHERE id = ?1 RETURNING ${ACCOUNT_RETURNING}`, accountId, name, JSON.stringify(profile));
}

/** Where deleteAccountStatements ends the sessions: that statement's rows count them. */
export const DELETED_SESSIONS_STEP = 4;

/** The account's links, its mail, its changes of address, its sessions, the notice queued, then the account; the last statement returns it. */
export function deleteAccountStatements(accountId: string, notice: NoticeEntry | undefined, now: number): SqlStatement[] {
  const email = `(SELECT email FROM accounts WHERE id = ?1)`;
  return [
    sql(`DELETE FROM link_tokens WHERE account_id = ?1 OR email = ${email}`, accountId),
    sql(`DELETE FROM mail_outbox WHERE recipient = ${email}`, accountId),
    // Its changes of address, with their mail to the new addresses.
    sql(`DELETE FROM mail_outbox WHERE kind = 'email_change' AND token_hash IN (SELECT token_hash FROM email_changes WHERE account_id = ?1)`, accountId),
    sql(`DELETE FROM email_changes WHERE account_id = ?1`, accountId),
    sql(`DELETE FROM sessions WHERE account_id = ?1 RETURNING id_hash`, accountId),
    ...(notice ? [queueAccountNotice(accountId, notice, now)] : []),
    sql(`DELETE FROM accounts WHERE id = ?1 RETURNING ${ACCOUNT_RETURNING}`, accountId),
  ];
}

/** A notice about the account (kind 'account'), to its address; it follows no link, so it names the account. */
function queueAccountNotice(accountId: string, notice: NoticeEntry, now: number): SqlStatement {
  return sql(
    `${INSERT_OUTBOX} SELECT ?2, a.id, 'account', a.email, ?3, ?4, ?5, 1, ?6, ?7, ?8 FROM accounts a WHERE a.id = ?1`,
    accountId,
    ...noticeValues(notice, now),
  );
}
