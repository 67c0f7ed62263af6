/**
 * A database made by the schema before version 5, with mail in its outbox and a session,
 * brought up to date: for the SQLite and PostgreSQL tests. Versions 5 and 7 rebuild the
 * outbox table, so this shows that the rebuilds keep every row, erase what a finished mail
 * had sealed (S32), that a session from before gets its "last used" time, and that the
 * database's invariants hold.
 */
import { expect } from "vitest";
import { sql, type SqlExecutor } from "../executor.js";
import { migrate, type Migration } from "../migrate.js";
import { SqlStore } from "../sql-store.js";

export async function checkUpgradeToVersion5(executor: SqlExecutor, migrations: readonly Migration[]): Promise<void> {
  await migrate(
    executor,
    migrations.filter((m) => m.version < 5),
  );
  const at = Date.UTC(2030, 0, 1);
  const outbox = `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at, delivered_at)
    VALUES (?1, 'old-token', 'login', 'old@example.com', ?2, ?3, ?4, 1, ?3, ?5)`;
  await executor.batch([
    sql(`INSERT INTO accounts (id, email, created_at) VALUES ('old', 'old@example.com', ?1)`, at),
    sql(
      `INSERT INTO link_tokens (token_hash, kind, email, account_id, created_at, expires_at) VALUES ('old-token', 'login', 'old@example.com', 'old', ?1, ?2)`,
      at,
      at + 600_000,
    ),
    sql(outbox, "sent", "v1.sealed-and-sent", at, at + 600_000, at),
    sql(outbox, "waiting", "v1.sealed-and-waiting", at, at + 600_000, null),
    sql(`INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at) VALUES ('before', 'old', ?1, ?2, ?2)`, at, at + 600_000),
  ]);

  expect(await migrate(executor, migrations)).toEqual([5, 6, 7, 8, 9, 10]);
  const store = new SqlStore(executor);
  expect((await store.findSession("before", at + 1))?.session).toMatchObject({ createdAt: at, lastUsedAt: at, userAgent: null, network: null });
  const [rows = []] = await executor.batch([sql(`SELECT id, sealed, delivered_at FROM mail_outbox ORDER BY id`)]);
  expect(rows.map((row) => [row.id, row.sealed, row.delivered_at === null ? null : Number(row.delivered_at)])).toEqual([
    ["sent", "", at],
    ["waiting", "v1.sealed-and-waiting", null],
  ]);
  // The new kinds are accepted now, and the store finds nothing broken.
  await executor.batch([
    sql(
      `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at)
       VALUES ('notice', 'old-token', 'notice', 'old@example.com', 'x', ?1, ?1, 1, ?1)`,
      at,
    ),
    sql(`UPDATE link_tokens SET used_at = ?1, session_hash = 's' WHERE token_hash = 'old-token'`, at),
    sql(`INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at) VALUES ('s', 'old', ?1, ?2, ?2)`, at, at + 600_000),
    sql(
      `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at)
       VALUES ('deleted', 'gone', 'account', 'gone@example.com', 'x', ?1, ?1, 1, ?1)`,
      at,
    ),
  ]);
  expect(await store.findInvariantViolations()).toEqual([]);
}
