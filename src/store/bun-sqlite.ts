/**
 * SQLite driver for the SQL store over Bun's built-in `bun:sqlite`. Only the methods
 * used are declared, so this file imports no driver and type-checks outside Bun. The
 * executor itself is sqlite-executor.ts.
 */
import type { Row, SqlExecutor } from "./executor.js";
import { createSqliteExecutorOver, hasUniqueViolationCode } from "./sqlite-executor.js";

export interface BunSqliteStatement {
  /** Runs the statement, whatever it is, and returns its rows ([] when it returns none). */
  all(...params: (string | number | null)[]): unknown[];
}

export interface BunSqliteDatabase {
  prepare(sql: string): BunSqliteStatement;
  close(): unknown;
}

export function createBunSqliteExecutor(db: BunSqliteDatabase): SqlExecutor {
  return createSqliteExecutorOver(db, {
    // Positional values bind to `?1`, `?2`, … in order (with strict: false, as bun-sqlite-file.ts opens it).
    run: (statement, params) => statement.all(...params) as Row[],
    isUniqueViolation: hasUniqueViolationCode,
  });
}
