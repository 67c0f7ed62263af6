/**
 * Opens a SQLite file with Bun's `bun:sqlite` and returns a migrated store.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Database } from "bun:sqlite";
import { SesameError } from "../core/errors.js";
import { createBunSqliteExecutor } from "./bun-sqlite.js";
import { migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import type { OpenedSqliteFile } from "./node-sqlite-file.js";
import { SqlStore } from "./sql-store.js";
import { SQLITE_FILE_PRAGMAS } from "./sqlite-pragmas.js";
import type { SqlExecutor } from "./executor.js";

/** Opens (creating if needed) the database file and brings its schema up to date. */
export async function openBunSqliteFile(path: string): Promise<OpenedSqliteFile> {
  let executor: SqlExecutor;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    // strict: false keeps `?1`, `?2`, … bound from positional values.
    const db = new Database(path, { create: true, strict: false });
    executor = createBunSqliteExecutor(db);
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
