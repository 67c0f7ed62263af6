/**
 * S32 (at rest): a SQLite database, its -wal and its -shm are readable by their owner
 * only, whatever the umask, with every opener: better-sqlite3's, and the shared one the
 * node:sqlite and bun:sqlite openers go through (driven here by better-sqlite3, since
 * Node 20 has no node:sqlite; test/deno.test.ts and test/bun.test.ts run the real ones).
 */
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqlExecutor } from "./executor.js";
import { openSqliteFileWith } from "./open-sqlite-file.js";
import { openSqliteFile } from "./sqlite-file.js";
import { createSqliteExecutor, type SqliteDatabase } from "./sqlite.js";

interface Opened {
  executor: SqlExecutor;
  close(): void;
}

const OPENERS: [string, (path: string) => Promise<Opened>][] = [
  ["better-sqlite3", (path) => openSqliteFile(path)],
  ["better-sqlite3 with background checkpoints, as `sesame serve` opens it", (path) => openSqliteFile(path, { backgroundCheckpoints: { onError() {} } })],
  [
    "the node:sqlite and bun:sqlite opener",
    (path) =>
      openSqliteFileWith(path, (file) => {
        const db = new Database(file);
        return { db, executor: createSqliteExecutor(db as unknown as SqliteDatabase) };
      }),
  ],
];

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sesame-modes-"));
  // The usual umask, which leaves new files readable by everyone (0644).
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const FILES = ["", "-wal", "-shm"];
const modes = (path: string) => FILES.map((suffix) => [`sesame.db${suffix}`, statSync(`${path}${suffix}`).mode & 0o777]);
const ownerOnly = FILES.map((suffix) => [`sesame.db${suffix}`, 0o600]);

/** Writes enough to give the WAL frames, and leaves the connection open so that -wal and -shm exist. */
async function write(executor: SqlExecutor): Promise<void> {
  await executor.batch([{ sql: "CREATE TABLE IF NOT EXISTS scratch (n INTEGER)", params: [] }]);
  for (let n = 0; n < 20; n++) await executor.batch([{ sql: "INSERT INTO scratch (n) VALUES (?1)", params: [n] }]);
}

describe.skipIf(process.platform === "win32")("S32: database files are readable by their owner only", () => {
  it.each(OPENERS)("S32: a new database, its -wal and its -shm are created 0600 under umask 022 (%s)", async (_name, open) => {
    const path = join(dir, "new", "sesame.db");
    const db = await open(path);
    try {
      await write(db.executor);
      expect(FILES.every((suffix) => existsSync(`${path}${suffix}`))).toBe(true);
      expect(modes(path)).toEqual(ownerOnly);
    } finally {
      db.close();
    }
  });

  it.each(OPENERS)("S32: an existing database left 0644, with its -wal and -shm, is narrowed to 0600 at open (%s)", async (_name, open) => {
    const path = join(dir, "sesame.db");
    // As an earlier version left it: created by SQLite under the umask, and still open (so -wal and -shm exist).
    const earlier = new Database(path);
    earlier.pragma("journal_mode = WAL");
    earlier.exec("CREATE TABLE earlier (n INTEGER); INSERT INTO earlier VALUES (1)");
    expect(modes(path)).toEqual(FILES.map((suffix) => [`sesame.db${suffix}`, 0o644]));
    const db = await open(path);
    try {
      await write(db.executor);
      expect(modes(path)).toEqual(ownerOnly);
    } finally {
      db.close();
      earlier.close();
    }
  });
});
