/**
 * SQLite driver for the SQL store over Bun's built-in `bun:sqlite`. Only the methods
 * used are declared, so this file imports no driver and type-checks outside Bun.
 */
import type { Row, SqlExecutor, SqlStatement } from "./executor.js";

export interface BunSqliteStatement {
  /** Runs the statement, whatever it is, and returns its rows ([] when it returns none). */
  all(...params: (string | number | null)[]): unknown[];
}

export interface BunSqliteDatabase {
  prepare(sql: string): BunSqliteStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  close(): unknown;
}

export function createBunSqliteExecutor(db: BunSqliteDatabase): SqlExecutor {
  // Preparing is the costly part of a query; each distinct text is prepared once.
  const prepared = new Map<string, BunSqliteStatement>();
  const execute = ({ sql, params }: SqlStatement): Row[] => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    // Positional values bind to `?1`, `?2`, … in order.
    return statement.all(...params) as Row[];
  };
  // IMMEDIATE takes the write lock up front, so a batch never reads a snapshot it then cannot write from.
  const inTransaction = db.transaction((statements: readonly SqlStatement[]) => statements.map(execute));

  return {
    dialect: "sqlite",
    async batch(statements) {
      return statements.length === 1 ? [execute(statements[0]!)] : inTransaction.immediate(statements);
    },
    isUniqueViolation(error) {
      const code = (error as { code?: unknown } | null)?.code;
      return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
    },
    close() {
      db.close();
    },
  };
}
