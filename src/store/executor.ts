/**
 * The few things the SQL store needs from a database: run some statements as one
 * atomic unit in one round trip, and recognise a uniqueness violation. A driver for
 * a new database is a small file implementing this.
 *
 * Statements use numbered parameters (`?1`, `?2`, …), which SQLite and D1 take as
 * they are and a PostgreSQL driver rewrites to `$1`, `$2`, ….
 */
export type SqlValue = string | number | null;

export type Row = Record<string, SqlValue>;

export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

export interface SqlExecutor {
  readonly dialect: "sqlite" | "postgres";
  /**
   * True when the database runs in this process (SQLite through a driver): a second batch
   * then costs a call, not a network round trip, and a lone read takes no write lock.
   */
  readonly local?: boolean;
  /** Runs the statements in one transaction and one round trip, returning each statement's rows. */
  batch(statements: readonly SqlStatement[]): Promise<Row[][]>;
  /** True when the error is a UNIQUE or PRIMARY KEY violation. */
  isUniqueViolation(error: unknown): boolean;
  close?(): Promise<void> | void;
}

export function sql(text: string, ...params: SqlValue[]): SqlStatement {
  return { sql: text, params };
}
