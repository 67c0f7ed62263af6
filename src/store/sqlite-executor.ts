/**
 * The one SQLite executor behind the three SQLite drivers (better-sqlite3 on Node,
 * `node:sqlite` on Deno, `bun:sqlite` on Bun): each distinct text prepared once, batches
 * group-committed (group-commit.ts), and what is queued run before the connection closes.
 * A driver (sqlite.ts, node-sqlite.ts, bun-sqlite.ts) supplies only how its client runs a
 * prepared statement and how its errors tell a uniqueness violation; it declares the few
 * client methods it uses, so no file here imports a driver.
 */
import type { Row, SqlExecutor, SqlValue } from "./executor.js";
import { groupCommits } from "./group-commit.js";

/** A synchronous SQLite connection, as far as the executor uses it. */
export interface SqliteConnection<Statement> {
  prepare(sql: string): Statement;
  close(): unknown;
}

/** What differs from one SQLite client to the next. */
export interface SqliteDriver<Statement> {
  /** Runs a prepared statement, whatever it is, with `params` bound to `?1`, `?2`, … in order, and returns its rows ([] when it returns none). */
  run(statement: Statement, params: readonly SqlValue[]): Row[];
  /** True when the client's error is a UNIQUE or PRIMARY KEY violation. */
  isUniqueViolation(error: unknown): boolean;
}

export function createSqliteExecutorOver<Statement>(db: SqliteConnection<Statement>, driver: SqliteDriver<Statement>): SqlExecutor {
  // Preparing is the costly part of a query; each distinct text is prepared once.
  const prepared = new Map<string, Statement>();
  const writer = groupCommits(({ sql, params }) => {
    let statement = prepared.get(sql);
    if (statement === undefined) prepared.set(sql, (statement = db.prepare(sql)));
    return driver.run(statement, params);
  });

  return {
    dialect: "sqlite",
    local: true,
    batch: writer.batch,
    isUniqueViolation: (error) => driver.isUniqueViolation(error),
    close() {
      writer.flush();
      db.close();
    },
  };
}

/** A uniqueness violation as better-sqlite3 and bun:sqlite tell it: the extended result code's name in `code`. */
export function hasUniqueViolationCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
