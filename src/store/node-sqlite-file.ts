/**
 * Opens a SQLite file with `node:sqlite` (Deno; Node from 22.5) and returns a migrated store.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SesameError } from "../core/errors.js";
import { migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { createNodeSqliteExecutor } from "./node-sqlite.js";
import { SqlStore } from "./sql-store.js";
import { SQLITE_FILE_PRAGMAS } from "./sqlite-pragmas.js";
import type { SqlExecutor } from "./executor.js";

export interface OpenedSqliteFile {
  store: SqlStore;
  executor: SqlExecutor;
  close(): void;
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export async function openNodeSqliteFile(path: string): Promise<OpenedSqliteFile> {
  let executor: SqlExecutor;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path);
    executor = createNodeSqliteExecutor(db);
    try {
      db.exec(SQLITE_FILE_PRAGMAS);
    } catch (error) {
      db.close(); // not left open behind a failed start
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
