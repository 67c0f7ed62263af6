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
 *
 * With `prepareStatements` (and a pool's `connect`), each statement is prepared once per
 * connection and then run as `EXECUTE name(literals)`, in the same one query: parsing
 * and planning the link request's statements cost the server about seven times what
 * executing them does (postgres-prepared.ts).
 */
import type { Row, SqlExecutor, SqlStatement } from "./executor.js";
import { inlineParameters, toNumberedParameters } from "./postgres-literals.js";
import { lastResult, preparedBatch, sqlState, type PgConnection } from "./postgres-prepared.js";

export { inlineParameters, literal, toNumberedParameters } from "./postgres-literals.js";
export type { PgConnection } from "./postgres-prepared.js";

export interface PgResult {
  rows: Row[];
}

export interface PgQueryable {
  /** Without values and with several statements, node-postgres resolves to one result per statement. */
  query(text: string, values?: unknown[]): Promise<PgResult | PgResult[]>;
  /** A pool's: one of its connections, for `prepareStatements`. */
  connect?(): Promise<PgConnection>;
}

export interface PostgresExecutorOptions {
  /** Attempts after a serialization failure or deadlock (SQLSTATE 40001, 40P01). Default 4. */
  retries?: number;
  /**
   * Prepare each statement once per connection (`PREPARE`, then `EXECUTE` in each batch).
   * Needs a pool whose `connect` hands out the same object for the same connection, as
   * node-postgres's and Neon's pools do (not a `Client`), and a session of its own per
   * connection: off behind a pooler in transaction mode (PgBouncer's, Neon's `-pooler` host);
   * should a statement vanish again right after its names were read back, the executor stops
   * preparing for good. A bare parameter in a select list then comes back as text (PostgreSQL
   * infers it so), where a literal in the text was a number. Default false here;
   * `openPostgres` turns it on unless the URL names a pooler.
   */
  prepareStatements?: boolean;
}

const RETRYABLE = new Set(["40001", "40P01"]);

export function createPostgresExecutor(client: PgQueryable, options: PostgresExecutorOptions = {}): SqlExecutor {
  const retries = options.retries ?? 4;
  const pool = options.prepareStatements && client.connect ? (client as PgQueryable & { connect(): Promise<PgConnection> }) : undefined;
  const prepared = { prepare: true };

  async function send(statements: readonly SqlStatement[]): Promise<Row[][]> {
    if (pool) return preparedBatch(pool, statements, prepared);
    if (statements.length === 1) {
      const { sql, params } = statements[0]!;
      const result = await client.query(toNumberedParameters(sql), [...params]);
      return [lastResult(result).rows];
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
