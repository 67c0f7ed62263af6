/**
 * Opens a SQLite file with Bun's `bun:sqlite` and returns a migrated store.
 */
import { Database } from "bun:sqlite";
import { createBunSqliteExecutor } from "./bun-sqlite.js";
import { openSqliteFileWith, type OpenedSqliteFile } from "./open-sqlite-file.js";

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openBunSqliteFile(path: string): Promise<OpenedSqliteFile> {
  return openSqliteFileWith(path, (file) => {
    // strict: false keeps `?1`, `?2`, … bound from positional values.
    const db = new Database(file, { create: true, strict: false });
    return { db, executor: createBunSqliteExecutor(db) };
  });
}
