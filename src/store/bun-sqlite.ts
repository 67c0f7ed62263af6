/**
 * SQLite driver for the SQL store over Bun's built-in `bun:sqlite`. Only the methods
 * used are declared, so this file imports no driver and type-checks outside Bun.
 */
import type { Row, SqlExecutor, SqlStatement } from "./executor.js";
import { groupCommits } from "./group-commit.js";

export interface BunSqliteStatement {
  /** Runs the statement, whatever it is, and returns its rows ([] when it returns none). */
  all(...params: (string | number | null)[]): unknown[];
}

export interface BunSqliteDatabase {
  prepare(sql: string): BunSqliteStatement;
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
  const writer = groupCommits(execute);

  return {
    dialect: "sqlite",
    batch: writer.batch,
    isUniqueViolation(error) {
      const code = (error as { code?: unknown } | null)?.code;
      return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
    },
    close() {
      writer.flush();
      db.close();
    },
  };
}
