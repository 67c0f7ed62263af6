/**
 * SQLite driver for the SQL store, over a synchronous client with better-sqlite3's
 * shape. Only the methods used are declared, so this file imports no driver and
 * the same code serves any client of that shape. The executor itself is sqlite-executor.ts.
 */
import type { Row, SqlExecutor, SqlValue } from "./executor.js";
import { createSqliteExecutorOver, hasUniqueViolationCode } from "./sqlite-executor.js";

export interface SqliteStatement {
  /** True when the statement returns rows (SELECT, or anything with RETURNING). */
  readonly reader: boolean;
  all(params: Record<number, SqlValue>): unknown[];
  run(params: Record<number, SqlValue>): unknown;
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  close(): unknown;
}

export function createSqliteExecutor(db: SqliteDatabase): SqlExecutor {
  return createSqliteExecutorOver(db, {
    run(statement, params) {
      // The client binds `?1`, `?2`, … by name: "1", "2", ….
      const named: Record<number, SqlValue> = {};
      for (let i = 0; i < params.length; i++) named[i + 1] = params[i]!;
      if (statement.reader) return statement.all(named) as Row[];
      statement.run(named);
      return [];
    },
    isUniqueViolation: hasUniqueViolationCode,
  });
}
