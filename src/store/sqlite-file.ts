/**
 * Opens a SQLite file with better-sqlite3 (Node only) and returns a migrated store.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { SesameError } from "../core/errors.js";
import { migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { SqlStore } from "./sql-store.js";
import { createSqliteExecutor, type SqliteDatabase } from "./sqlite.js";
import type { SqlExecutor } from "./executor.js";

export interface SqliteFileStore {
  store: SqlStore;
  executor: SqlExecutor;
  close(): void;
}

/** Opens (creating if needed) the database file; `migrate: false` leaves the schema alone. */
export async function openSqliteFile(path: string, options: { migrate?: boolean } = {}): Promise<SqliteFileStore> {
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    // Several processes may share the file: wait for its locks instead of failing at once. First, because
    // switching to WAL below needs a lock too when another process is opening the file at the same moment.
    db.pragma("busy_timeout = 5000");
    // WAL lets readers and one writer work at once; NORMAL syncs at checkpoints, which survives a crashed process.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
  } catch (error) {
    throw new SesameError("store_unavailable", `Cannot open the SQLite database at ${path}: ${(error as Error).message}`, { cause: error });
  }
  // better-sqlite3's typings overload `all`/`run` per statement; at run time they take positional values.
  const executor = createSqliteExecutor(db as unknown as SqliteDatabase);
  if (options.migrate !== false) {
    try {
      await migrate(executor, sqliteMigrations);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return { store: new SqlStore(executor), executor, close: () => db.close() };
}
