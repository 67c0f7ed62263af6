/**
 * SQLite driver for the SQL store over `node:sqlite`'s `DatabaseSync`: Deno's built-in
 * SQLite (and Node's from 22.5). Only the methods used are declared, so this file
 * imports no driver and type-checks where `node:sqlite` has no types. The executor
 * itself is sqlite-executor.ts.
 */
import type { Row, SqlExecutor } from "./executor.js";
import { createSqliteExecutorOver } from "./sqlite-executor.js";

export interface NodeSqliteStatement {
  /** Runs the statement, whatever it is, and returns its rows ([] when it returns none). */
  all(...params: (string | number | null)[]): unknown[];
}

export interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement;
  close(): unknown;
}

// SQLite's extended result codes, which node:sqlite reports as `errcode`.
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

export function createNodeSqliteExecutor(db: NodeSqliteDatabase): SqlExecutor {
  return createSqliteExecutorOver(db, {
    // Positional values bind to `?1`, `?2`, … in order.
    run: (statement, params) => statement.all(...params) as Row[],
    isUniqueViolation(error) {
      const errcode = (error as { errcode?: unknown } | null)?.errcode;
      return errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY;
    },
  });
}
