/**
 * Opens a SQLite file with `node:sqlite` (Deno; Node from 22.5) and returns a migrated store.
 */
import { DatabaseSync } from "node:sqlite";
import { createNodeSqliteExecutor } from "./node-sqlite.js";
import { openSqliteFileWith, type OpenedSqliteFile } from "./open-sqlite-file.js";

export type { OpenedSqliteFile } from "./open-sqlite-file.js";

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openNodeSqliteFile(path: string): Promise<OpenedSqliteFile> {
  return openSqliteFileWith(path, (file) => {
    const db = new DatabaseSync(file);
    return { db, executor: createNodeSqliteExecutor(db) };
  });
}
