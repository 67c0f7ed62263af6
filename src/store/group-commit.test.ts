import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqlExecutor, SqlStatement } from "./executor.js";
import { createSqliteExecutor, type SqliteDatabase, type SqliteStatement } from "./sqlite.js";

const q = (text: string, ...params: (string | number)[]): SqlStatement => ({ sql: text, params });

describe("SQLite group commit", () => {
  let dir: string;
  let path: string;
  let db: Database.Database;
  let executor: SqlExecutor;
  /** Every statement the executor ran, in order. */
  let ran: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sesame-group-"));
    path = join(dir, "g.db");
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
    ran = [];
    // The real client, with each statement's runs recorded.
    const recording: SqliteDatabase = {
      prepare(text) {
        const statement = db.prepare(text) as unknown as SqliteStatement;
        return {
          reader: statement.reader,
          all: (params) => (ran.push(text), statement.all(params)),
          run: (params) => (ran.push(text), statement.run(params)),
        };
      },
      close: () => db.close(),
    };
    executor = createSqliteExecutor(recording);
  });

  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () => new Database(path, { readonly: true }).prepare("SELECT id, body FROM notes ORDER BY id").all();
  const commits = () => ran.filter((text) => text === "COMMIT").length;

  it("commits the batches that arrive in one turn together, each in its own savepoint", async () => {
    const results = await Promise.all(["a", "b", "c"].map((id) => executor.batch([q("INSERT INTO notes VALUES (?1, ?2)", id, `note ${id}`)])));
    expect(results).toEqual([[[]], [[]], [[]]]);
    expect(commits()).toBe(1);
    expect(ran.filter((text) => text.startsWith("SAVEPOINT"))).toHaveLength(3);
    expect(stored()).toEqual([
      { id: "a", body: "note a" },
      { id: "b", body: "note b" },
      { id: "c", body: "note c" },
    ]);
  });

  it("a batch that fails is rolled back whole and rejected; the others in its group are kept", async () => {
    const first = executor.batch([q("INSERT INTO notes VALUES ('a', 'first')")]);
    // Its first statement succeeds, its second breaks the primary key: neither may stay.
    const failing = executor.batch([q("INSERT INTO notes VALUES ('b', 'half')"), q("INSERT INTO notes VALUES ('a', 'again')")]);
    const last = executor.batch([q("INSERT INTO notes VALUES ('c', 'last')")]);
    await expect(first).resolves.toEqual([[]]);
    const error = await failing.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(executor.isUniqueViolation(error)).toBe(true);
    await expect(last).resolves.toEqual([[]]);
    expect(commits()).toBe(1);
    expect(stored()).toEqual([
      { id: "a", body: "first" },
      { id: "c", body: "last" },
    ]);
  });

  it("each batch sees the batches before it, as if they had run one by one", async () => {
    const insert = executor.batch([q("INSERT INTO notes VALUES ('a', 'one')")]);
    const update = executor.batch([q("UPDATE notes SET body = body || ', two' WHERE id = 'a' RETURNING body")]);
    await insert;
    expect(await update).toEqual([[{ body: "one, two" }]]);
    expect(commits()).toBe(1);
  });

  it("answers no batch before the commit: a commit that fails rejects every batch in it and keeps nothing", async () => {
    db.pragma("foreign_keys = ON");
    db.exec("CREATE TABLE tags (note TEXT REFERENCES notes (id) DEFERRABLE INITIALLY DEFERRED)");
    const good = executor.batch([q("INSERT INTO notes VALUES ('a', 'fine')")]);
    // Checked only at COMMIT, so the statement itself succeeds.
    const dangling = executor.batch([q("INSERT INTO tags VALUES ('nowhere')")]);
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(dangling).rejects.toThrow(/FOREIGN KEY/);
    expect(stored()).toEqual([]);
    // The connection is usable afterwards.
    await executor.batch([q("INSERT INTO notes VALUES ('b', 'after')")]);
    expect(stored()).toEqual([{ id: "b", body: "after" }]);
  });

  it("a failure that ends the whole transaction rejects every batch already run in it", async () => {
    db.exec("CREATE TRIGGER no_x BEFORE INSERT ON notes WHEN NEW.id = 'x' BEGIN SELECT RAISE(ROLLBACK, 'no x'); END");
    const before = executor.batch([q("INSERT INTO notes VALUES ('a', 'before')")]);
    const fatal = executor.batch([q("INSERT INTO notes VALUES ('x', 'ends it')")]);
    const after = executor.batch([q("INSERT INTO notes VALUES ('c', 'after')")]);
    await expect(before).rejects.toThrow(/no x/);
    await expect(fatal).rejects.toThrow(/no x/);
    await expect(after).rejects.toThrow(/no x/);
    expect(stored()).toEqual([]);
    await executor.batch([q("INSERT INTO notes VALUES ('d', 'next turn')")]);
    expect(stored()).toEqual([{ id: "d", body: "next turn" }]);
  });

  it("the lone SELECTs of one turn share one read transaction, before that turn's writes, and see none of them", async () => {
    await executor.batch([q("INSERT INTO notes VALUES ('a', 'x')")]);
    ran = [];
    const read = q("SELECT id FROM notes ORDER BY id");
    const [first, write, second] = [executor.batch([read]), executor.batch([q("INSERT INTO notes VALUES ('b', 'y')")]), executor.batch([read])];
    expect(await first).toEqual([[{ id: "a" }]]);
    expect(await second).toEqual([[{ id: "a" }]]);
    await write;
    expect(ran).toEqual([
      "BEGIN DEFERRED",
      read.sql,
      read.sql,
      "COMMIT",
      "BEGIN IMMEDIATE",
      "SAVEPOINT sesame_batch",
      "INSERT INTO notes VALUES ('b', 'y')",
      "RELEASE sesame_batch",
      "COMMIT",
    ]);
    // A read after the write's answer sees it.
    expect(await executor.batch([read])).toEqual([[{ id: "a" }, { id: "b" }]]);
  });

  it("a lone SELECT in its turn runs without a transaction of its own; a PRAGMA runs at once", async () => {
    const pragma = executor.batch([q("PRAGMA user_version = 7")]);
    // Already run, before any turn ends: a PRAGMA such as foreign_keys only works outside a transaction.
    expect(ran).toEqual(["PRAGMA user_version = 7"]);
    await pragma;
    ran = [];
    expect(await executor.batch([q("SELECT id FROM notes")])).toEqual([[]]);
    expect(ran).toEqual(["SELECT id FROM notes"]);
  });

  it("a read that fails is rejected alone; the reads beside it are answered and the transaction ended", async () => {
    await executor.batch([q("INSERT INTO notes VALUES ('a', 'x')")]);
    const good = executor.batch([q("SELECT body FROM notes")]);
    const bad = executor.batch([q("SELECT body FROM missing")]);
    await expect(good).resolves.toEqual([[{ body: "x" }]]);
    await expect(bad).rejects.toThrow(/no such table/);
    // No transaction is left open: the next turn's write commits.
    await executor.batch([q("INSERT INTO notes VALUES ('b', 'after')")]);
    expect(stored()).toEqual([
      { id: "a", body: "x" },
      { id: "b", body: "after" },
    ]);
  });

  it("closing runs the batches still queued first", async () => {
    const queued = executor.batch([q("INSERT INTO notes VALUES ('a', 'queued')")]);
    await executor.close?.();
    await expect(queued).resolves.toEqual([[]]);
    expect(stored()).toEqual([{ id: "a", body: "queued" }]);
  });
});
