/**
 * Opens a PostgreSQL connection pool with node-postgres (Node only) and returns a
 * migrated store. Engines that speak PostgreSQL's protocol work the same way.
 */
import { SesameError } from "../core/errors.js";
import { loadOptionalPackage } from "../packages/optional.js";
import type { SqlExecutor } from "./executor.js";
import { migrate } from "./migrate.js";
import { postgresMigrations } from "./migrations/postgres.js";
import { createPostgresExecutor, type PgQueryable } from "./postgres.js";
import { SqlStore } from "./sql-store.js";

export interface PostgresOptions {
  /** Connections per process. Default 10. */
  poolSize?: number;
  /** The server cancels a statement running longer than this. Default 5000 ms. */
  statementTimeoutMs?: number;
  /** A schema to work in (created if missing), e.g. to share a database. Default: the server's search_path. */
  schema?: string;
  /** `false` leaves the schema alone. */
  migrate?: boolean;
  /** Run every transaction SERIALIZABLE, as CockroachDB and YugabyteDB do by default. Default: the server's (read committed). */
  serializable?: boolean;
  /** Attempts after a serialization failure or deadlock. Default 4. */
  retries?: number;
  /**
   * Prepare each statement once per connection: the server then spends about half the
   * CPU on a link request, which it spent mostly parsing and planning. `false` behind a
   * pooler in transaction mode (PgBouncer, Neon's `-pooler` host), where a connection's next
   * transaction may run in another session. Default: true, unless the URL names such a
   * pooler (`namesPooler`).
   */
  prepareStatements?: boolean;
}

/** The node-postgres pool, declared as far as callers use it (its types stay an optional install). */
export interface PostgresPool extends PgQueryable {
  end(): Promise<void>;
}

export interface PostgresStore {
  store: SqlStore;
  executor: SqlExecutor;
  pool: PostgresPool;
  close(): Promise<void>;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new SesameError("invalid_options", "schema must be a plain lower-case identifier");
  }
  const { default: pg } = await loadOptionalPackage("pg", "PostgreSQL (sesame/postgres)", () => import("pg"));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    options:
      [options.schema !== undefined ? `-c search_path=${options.schema}` : "", options.serializable ? "-c default_transaction_isolation=serializable" : ""]
        .join(" ")
        .trim() || undefined,
  });
  // An idle connection that dies (a restarted server) is replaced on the next query; without
  // a listener node-postgres would throw the error at the process instead.
  pool.on("error", () => undefined);
  const executor = createPostgresExecutor(pool as unknown as PgQueryable, {
    retries: options.retries ?? 4,
    prepareStatements: options.prepareStatements ?? !namesPooler(url),
  });
  try {
    if (options.schema !== undefined) await executor.batch([{ sql: `CREATE SCHEMA IF NOT EXISTS ${options.schema}`, params: [] }]);
    if (options.migrate !== false) await migrate(executor, postgresMigrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof SesameError) throw error;
    throw new SesameError("store_unavailable", `Cannot reach PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
  return { store: new SqlStore(executor), executor, pool, close: () => pool.end() };
}

/**
 * Whether a URL names a pooler that usually runs in transaction mode: Neon's `-pooler` host,
 * Supabase's pooler port 6543, or `pgbouncer=true` (the parameter other tools read).
 */
export function namesPooler(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.hostname.includes("-pooler.") || parsed.port === "6543" || parsed.searchParams.get("pgbouncer") === "true";
  } catch {
    return false;
  }
}
