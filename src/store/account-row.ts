/** An account as the store's joins select it, and back into an Account. */
import type { Account } from "../core/ports.js";
import type { Row } from "./executor.js";

export const ACCOUNT_COLUMNS = `a.id AS account_id, a.email AS account_email, a.name AS account_name, a.profile AS account_profile, a.created_at AS account_created_at`;

export function toAccount(row: Row): Account {
  return {
    id: String(row.account_id),
    email: String(row.account_email),
    name: row.account_name === null ? null : String(row.account_name),
    profile: JSON.parse(String(row.account_profile ?? "{}")) as Record<string, string>,
    createdAt: Number(row.account_created_at),
  };
}

/** The same columns from a statement on `accounts` alone (RETURNING, or a SELECT without a join). */
export const ACCOUNT_RETURNING = `id AS account_id, email AS account_email, name AS account_name, profile AS account_profile, created_at AS account_created_at`;
