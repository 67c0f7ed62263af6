/**
 * What opening a SQLite file means for the Deno and Bun drivers alike: create its
 * folder, apply the file pragmas, migrate, and leave nothing open when any step fails.
 * Each driver supplies only how to open its client.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SesameError } from "../core/errors.js";
import type { SqlExecutor } from "./executor.js";
import { migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { SqlStore } from "./sql-store.js";
import { SQLITE_FILE_PRAGMAS } from "./sqlite-pragmas.js";

export interface OpenedSqliteFile {
  store: SqlStore;
  executor: SqlExecutor;
  close(): void;
}

export interface SqliteClient {
  exec(sql: string): unknown;
  close(): unknown;
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export async function openSqliteFileWith(path: string, connect: (path: string) => { db: SqliteClient; executor: SqlExecutor }): Promise<OpenedSqliteFile> {
  let executor: SqlExecutor;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const opened = connect(path);
    executor = opened.executor;
    try {
      opened.db.exec(SQLITE_FILE_PRAGMAS);
    } catch (error) {
      opened.db.close(); // not left open behind a failed start
      throw error;
    }
  } catch (error) {
    throw new SesameError("store_unavailable", `Cannot open the SQLite database at ${path}: ${(error as Error).message}`, { cause: error });
  }
  const close = () => void executor.close?.();
  try {
    await migrate(executor, sqliteMigrations);
  } catch (error) {
    close();
    throw error;
  }
  return { store: new SqlStore(executor), executor, close };
}
