/**
 * SQLite driver for the SQL store, over a synchronous client with better-sqlite3's
 * shape. Only the methods used are declared, so this file imports no driver and
 * the same code serves any client of that shape.
 */
import type { Row, SqlExecutor, SqlStatement, SqlValue } from "./executor.js";
import { groupCommits } from "./group-commit.js";

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
  // Preparing is the costly part of a query; each distinct text is prepared once.
  const prepared = new Map<string, SqliteStatement>();
  const prepare = (text: string) => {
    let statement = prepared.get(text);
    if (!statement) prepared.set(text, (statement = db.prepare(text)));
    return statement;
  };
  const execute = ({ sql, params }: SqlStatement): Row[] => {
    const statement = prepare(sql);
    // The client binds `?1`, `?2`, … by name: "1", "2", ….
    const named: Record<number, SqlValue> = {};
    for (let i = 0; i < params.length; i++) named[i + 1] = params[i]!;
    if (statement.reader) return statement.all(named) as Row[];
    statement.run(named);
    return [];
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
