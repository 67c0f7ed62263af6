import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { checkUpgradeToVersion5 } from "./migrations/upgrade.check.js";
import { createSqliteExecutor } from "./sqlite.js";
import { openSqliteFile } from "./sqlite-file.js";
import { runStoreContract } from "./contract/store.contract.js";
import { SQLITE_OPENERS } from "./contract/sqlite-openers.contract.js";
import { PURGE_STEP } from "./purge-sql.js";
import { SqlStore } from "./sql-store.js";

runStoreContract("SQLite file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
  const opened = await openSqliteFile(join(dir, "test.db"));
  return {
    store: opened.store,
    close() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

/** `SQL_BACKLOG`: rate-limit counters 'old-1'… that expired at 1, written in one statement. */
const SQL_BACKLOG = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) INSERT INTO rate_limits (key, tat) SELECT 'old-' || i, 1 FROM n`;

/** A fresh SQLite file holding `backlog` expired counters, and a store over it that counts its batches. */
async function withBacklog(backlog: number, beforeBatch: () => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), "sesame-purge-"));
  const opened = await openSqliteFile(join(dir, "p.db"));
  await opened.executor.batch([{ sql: SQL_BACKLOG, params: [backlog] }]);
  const counted = { batches: 0 };
  const store = new SqlStore({ ...opened.executor, batch: (statements) => (counted.batches++, beforeBatch(), opened.executor.batch(statements)) });
  const left = async () => Number((await opened.executor.batch([{ sql: `SELECT count(*) AS n FROM rate_limits WHERE tat = 1`, params: [] }]))[0]![0]!.n);
  return {
    opened,
    store,
    counted,
    left,
    close() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("SQLite file: the purge", () => {
  it("takes a backlog in bounded steps, one batch each, and counts every row", async () => {
    const backlog = 2 * PURGE_STEP + 1;
    const t = await withBacklog(backlog);
    await t.opened.executor.batch([{ sql: `INSERT INTO rate_limits (key, tat) VALUES ('live', 5000)`, params: [] }]);
    const purged = await t.store.purgeExpired(1000);
    expect(purged).toMatchObject({ rateLimits: backlog, linkTokens: 0, sessions: 0 });
    expect(purged).not.toHaveProperty("stopped");
    // Two full steps, then one that finds the last row and says nothing is left.
    expect(t.counted.batches).toBe(3);
    const [rows] = await t.opened.executor.batch([{ sql: `SELECT key FROM rate_limits`, params: [] }]);
    expect(rows).toEqual([{ key: "live" }]);
    t.close();
  });

  it("starts no further step once told to stop, says so, and the next purge takes the rest", async () => {
    const backlog = 2 * PURGE_STEP + 1;
    // Stopped while its first step is on its way to the database: that step completes, no second starts.
    const stopping = new AbortController();
    const t = await withBacklog(backlog, () => stopping.abort());
    expect(await t.store.purgeExpired(1000, 1000, stopping.signal)).toMatchObject({ rateLimits: PURGE_STEP, stopped: true });
    expect(t.counted.batches).toBe(1);
    expect(await t.left()).toBe(backlog - PURGE_STEP);
    // Stopped before it began: nothing.
    expect(await t.store.purgeExpired(1000, 1000, stopping.signal)).toMatchObject({ rateLimits: 0, stopped: true });
    expect(t.counted.batches).toBe(1);
    // Told to stop during the step that finds the end: it did not stop anything.
    await t.opened.executor.batch([{ sql: `DELETE FROM rate_limits WHERE key NOT IN (SELECT key FROM rate_limits ORDER BY key LIMIT 100)`, params: [] }]);
    const finishing = new AbortController();
    const last = new SqlStore({ ...t.opened.executor, batch: (statements) => (finishing.abort(), t.opened.executor.batch(statements)) });
    const finished = await last.purgeExpired(1000, 1000, finishing.signal);
    expect(finished).toMatchObject({ rateLimits: 100 });
    expect(finished).not.toHaveProperty("stopped");
    expect(await t.left()).toBe(0);
    t.close();
  });
});

describe("SQLite file: how it is opened", () => {
  it.each(SQLITE_OPENERS)("%s: WAL, NORMAL syncs, foreign keys, a busy timeout, savepoints journalled in memory, a 2 MB page cache", async (_, open) => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-pragmas-"));
    const opened = await open(join(dir, "p.db"));
    const pragma = async (name: string) => Object.values((await opened.executor.batch([{ sql: `PRAGMA ${name}`, params: [] }]))[0]![0]!)[0];
    expect({
      journal: await pragma("journal_mode"),
      synchronous: await pragma("synchronous"),
      foreignKeys: await pragma("foreign_keys"),
      busyTimeout: await pragma("busy_timeout"),
      // 2 = MEMORY: a group commit's savepoints copy pages there rather than to a temporary file.
      tempStore: await pragma("temp_store"),
      // KiB when negative: SQLite's own default, not better-sqlite3's 16 MB.
      cacheSize: await pragma("cache_size"),
    }).toEqual({ journal: "wal", synchronous: 1, foreignKeys: 1, busyTimeout: 5000, tempStore: 2, cacheSize: -2000 });
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("SQLite file", () => {
  it("migrates once, even when opened again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const path = join(dir, "m.db");
    const first = await openSqliteFile(path);
    first.close();
    const second = await openSqliteFile(path);
    const [rows] = await second.executor.batch([{ sql: "SELECT version FROM sesame_migrations", params: [] }]);
    expect(rows).toEqual(sqliteMigrations.map((m) => ({ version: m.version })));
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("S32: an outbox from before version 5 is rebuilt with every row, and a sent mail's sealed link erased", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const executor = createSqliteExecutor(new Database(join(dir, "old.db")));
    try {
      await checkUpgradeToVersion5(executor, sqliteMigrations);
    } finally {
      await executor.close?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a non-canonical address at the database level", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const opened = await openSqliteFile(join(dir, "c.db"));
    await expect(
      opened.executor.batch([{ sql: "INSERT INTO accounts (id, email, created_at) VALUES ('x', 'Ada@Example.com', 0)", params: [] }]),
    ).rejects.toThrow(/CHECK/);
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports an unopenable path as store_unavailable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const blocker = join(dir, "file");
    (await import("node:fs")).writeFileSync(blocker, "");
    await expect(openSqliteFile(join(blocker, "sub", "x.db"))).rejects.toMatchObject({ code: "store_unavailable" });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("SQLite file: the invariant checker", () => {
  it("names each broken invariant with a count and an example", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const opened = await openSqliteFile(join(dir, "i.db"));
    const { store, executor } = opened;
    const at = Date.UTC(2030, 0, 1);
    await store.createLinkToken({ email: "ada@example.com", tokenHash: "s1", now: at, signupExpiresAt: at + 3600_000, loginExpiresAt: at });
    expect(await store.findInvariantViolations()).toEqual([]);
    // What a crash between two steps of a non-atomic implementation would leave:
    await executor.batch([{ sql: "UPDATE link_tokens SET used_at = 1 WHERE token_hash = 's1'", params: [] }]);
    await executor.batch([{ sql: "PRAGMA foreign_keys = OFF", params: [] }]); // only outside a transaction
    await executor.batch([
      { sql: "INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at) VALUES ('orphan', 'nobody', 0, 1, 1)", params: [] },
    ]);
    await executor.batch([
      {
        sql: `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at, lease_owner, lease_until)
              VALUES ('stray', 's1', 'signup', 'eve@example.com', 'v1.x', 0, 1, 0, 0, NULL, 5)`,
        params: [],
      },
    ]);
    expect(await store.findInvariantViolations()).toEqual([
      { invariant: "a used sign-up link has its account", count: 1, example: "s1" },
      { invariant: "no session without its account", count: 1, example: "orphan" },
      { invariant: "a mail is queued only for a link that exists, to that link's address", count: 1, example: "stray" },
      { invariant: "a leased mail has its deliverer", count: 1, example: "stray" },
    ]);
    // Delivered and dropped at once is refused by the schema itself.
    await expect(executor.batch([{ sql: "UPDATE mail_outbox SET delivered_at = 1, dropped_at = 1 WHERE id = 'stray'", params: [] }])).rejects.toThrow(/CHECK/);
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("SQLite file: failure paths", () => {
  it("a migration that fails on a uniqueness violation of its own is not recorded as applied", async () => {
    const { migrate } = await import("./migrate.js");
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const opened = await openSqliteFile(join(dir, "u.db"));
    await opened.executor.batch([
      { sql: "CREATE TABLE pets (name TEXT)", params: [] },
      { sql: "INSERT INTO pets VALUES ('rex'), ('rex')", params: [] },
    ]);
    const failing = [{ version: 50, name: "unique pets", statements: ["CREATE UNIQUE INDEX pets_name ON pets (name)"] }];
    await expect(migrate(opened.executor, failing)).rejects.toMatchObject({ code: "migration_failed" });
    const [rows] = await opened.executor.batch([{ sql: "SELECT version FROM sesame_migrations WHERE version = 50", params: [] }]);
    expect(rows).toEqual([]);
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("S21: a uniqueness violation in the middle of a sign-up rolls the whole step back and is not a 503", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const opened = await openSqliteFile(join(dir, "r.db"));
    const { store, executor } = opened;
    const at = Date.UTC(2030, 0, 1);
    await store.createLinkToken({ email: "ada@example.com", tokenHash: "t1", now: at, signupExpiresAt: at + 3600_000, loginExpiresAt: at });
    // What a competing sign-up committing between the check and the insert looks like on
    // engines with weaker isolation: the account appears after the token update's check.
    await executor.batch([
      {
        sql: `CREATE TEMP TRIGGER race BEFORE UPDATE OF used_at ON link_tokens
              BEGIN INSERT INTO accounts (id, email, created_at) VALUES ('other', OLD.email, 0); END`,
        params: [],
      },
    ]);
    const session = { idHash: "s1", createdAt: at, idleExpiresAt: at + 3600_000, absoluteExpiresAt: at + 7200_000, userAgent: null, network: null };
    const result = await store.completeSignup({ key: { tokenHash: "t1" }, now: at, account: { id: "mine", name: "Ada", profile: {} }, session });
    expect(result.ok).toBe(false);
    const [accounts, sessions, tokens] = await executor.batch([
      { sql: "SELECT id FROM accounts", params: [] },
      { sql: "SELECT id_hash FROM sessions", params: [] },
      { sql: "SELECT used_at FROM link_tokens", params: [] },
    ]);
    expect(accounts).toEqual([]);
    expect(sessions).toEqual([]);
    expect(tokens).toEqual([{ used_at: null }]);
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
