/**
 * Every way Sesame opens a SQLite file, for the tests that hold each of them to the same
 * setup (file modes, pragmas): better-sqlite3's opener, as a library and as `sesame serve`
 * runs it, and the shared one the node:sqlite and bun:sqlite openers go through (driven here
 * by better-sqlite3, since Node 20 has no node:sqlite; test/deno.test.ts and
 * test/bun.test.ts run the real ones).
 */
import Database from "better-sqlite3";
import type { SqlExecutor } from "../executor.js";
import { openSqliteFileWith } from "../open-sqlite-file.js";
import { openSqliteFile } from "../sqlite-file.js";
import { createSqliteExecutor, type SqliteDatabase } from "../sqlite.js";

export interface OpenedSqliteFile {
  executor: SqlExecutor;
  close(): void;
}

export const SQLITE_OPENERS: [string, (path: string) => Promise<OpenedSqliteFile>][] = [
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
