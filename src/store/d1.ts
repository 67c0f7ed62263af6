/**
 * Cloudflare D1 driver for the SQL store. D1 speaks SQLite, so the SQLite schema and
 * statements serve as they are; its batch() is one transaction in one round trip.
 * Only the methods used are declared, so this file needs no Workers types.
 */
import type { Row, SqlExecutor, SqlStatement } from "./executor.js";

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  all(): Promise<{ results: unknown[] }>;
}

export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<{ results: unknown[] }[]>;
}

export function createD1Executor(db: D1Database): SqlExecutor {
  const bind = ({ sql, params }: SqlStatement) => db.prepare(sql).bind(...params);
  return {
    dialect: "sqlite",
    async batch(statements) {
      if (statements.length === 1) return [(await bind(statements[0]!).all()).results as Row[]];
      const results = await db.batch(statements.map(bind));
      return results.map((result) => (result.results ?? []) as Row[]);
    },
    isUniqueViolation(error) {
      // D1 reports SQLite's error text, not its code.
      return /UNIQUE constraint failed|PRIMARY KEY constraint failed/.test(String((error as Error | null)?.message ?? ""));
    },
  };
}
