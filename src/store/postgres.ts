/**
 * PostgreSQL driver for the SQL store, over a client with node-postgres's `query`
 * (a Pool, or Neon's serverless Pool, which shares its API). Only that method is
 * declared here, so this file imports no driver.
 *
 * One round trip per batch: a lone statement goes as a parameterised query; a batch
 * of several goes as one simple-protocol query, which PostgreSQL runs as a single
 * implicit transaction (all or nothing) with each statement seeing the ones before
 * it. The simple protocol takes no parameters, so their values are written into the
 * text as literals: only strings, integers and NULL ever are, each strictly encoded.
 */
import { SesameError } from "../core/errors.js";
import type { Row, SqlExecutor, SqlStatement, SqlValue } from "./executor.js";

export interface PgResult {
  rows: Row[];
}

export interface PgQueryable {
  /** Without values and with several statements, node-postgres resolves to one result per statement. */
  query(text: string, values?: unknown[]): Promise<PgResult | PgResult[]>;
}

export interface PostgresExecutorOptions {
  /** Attempts after a serialization failure or deadlock (SQLSTATE 40001, 40P01). Default 4. */
  retries?: number;
}

const RETRYABLE = new Set(["40001", "40P01"]);

export function createPostgresExecutor(client: PgQueryable, options: PostgresExecutorOptions = {}): SqlExecutor {
  const retries = options.retries ?? 4;

  async function send(statements: readonly SqlStatement[]): Promise<Row[][]> {
    if (statements.length === 1) {
      const { sql, params } = statements[0]!;
      const result = await client.query(toNumberedParameters(sql), [...params]);
      return [single(result).rows];
    }
    const results = await client.query(statements.map(inlineParameters).join(";\n"));
    return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
  }

  return {
    dialect: "postgres",
    async batch(statements) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await send(statements);
        } catch (error) {
          if (attempt >= retries || !RETRYABLE.has(sqlState(error))) throw error;
          // Bounded, jittered backoff: 5, 10, 20, 40 ms on average.
          await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * (0.5 + Math.random())));
        }
      }
    },
    isUniqueViolation: (error) => sqlState(error) === "23505",
  };
}

function sqlState(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

function single(result: PgResult | PgResult[]): PgResult {
  return Array.isArray(result) ? result[result.length - 1]! : result;
}

/** `?1` → `$1`: the store's numbered parameters in PostgreSQL's spelling. */
export function toNumberedParameters(sql: string): string {
  return sql.replace(/\?(\d+)/g, "$$$1");
}

export function inlineParameters({ sql, params }: SqlStatement): string {
  return sql.replace(/\?(\d+)/g, (_match, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= params.length) throw cannotWrite(`statement has no parameter ?${index}`);
    return literal(params[position]!);
  });
}

/** A value as an SQL literal: NULL, a safe integer, or an E'' string with quotes and backslashes escaped. */
export function literal(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw cannotWrite(`only safe integers are written as literals, got ${value}`);
    return String(value);
  }
  if (value.includes("\u0000")) throw cannotWrite("PostgreSQL text cannot hold NUL characters");
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * A statement the store cannot send as it is: store_unavailable, the code the store gives
 * any write the database did not take (and SqlStore wraps every executor error in).
 */
function cannotWrite(message: string): SesameError {
  return new SesameError("store_unavailable", message);
}
