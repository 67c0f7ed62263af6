/**
 * SQLite driver for the SQL store over `node:sqlite`'s `DatabaseSync`: Deno's built-in
 * SQLite (and Node's from 22.5). Only the methods used are declared, so this file
 * imports no driver and type-checks where `node:sqlite` has no types.
 */
import type { Row, SqlExecutor, SqlStatement } from "./executor.js";
import { groupCommits } from "./group-commit.js";

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
  // Preparing is the costly part of a query; each distinct text is prepared once.
  const prepared = new Map<string, NodeSqliteStatement>();
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
      const errcode = (error as { errcode?: unknown } | null)?.errcode;
      return errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY;
    },
    close() {
      writer.flush();
      db.close();
    },
  };
}
