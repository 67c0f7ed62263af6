import { beforeAll, describe, expect, it } from "vitest";
import { createDatabase, openTestPostgres } from "../../test/postgres.js";
import { SesameError } from "../core/errors.js";
import { postgresMigrations } from "./migrations/postgres.js";
import { checkUpgradeToVersion5 } from "./migrations/upgrade.check.js";
import { createPostgresExecutor, inlineParameters, literal, type PgConnection } from "./postgres.js";
import { namesPooler, openPostgres } from "./postgres-pool.js";
import { runStoreContract } from "./contract/store.contract.js";

let url: string;
beforeAll(async () => {
  url = await createDatabase();
});

runStoreContract("PostgreSQL", async () => {
  const opened = await openTestPostgres(url);
  return { store: opened.store, close: () => opened.close() };
});

// As behind a pooler in transaction mode (SESAME_PG_PREPARE=off): every statement as text.
runStoreContract("PostgreSQL, nothing prepared", async () => {
  const opened = await openTestPostgres(url, { prepareStatements: false });
  return { store: opened.store, close: () => opened.close() };
});

describe("PostgreSQL under SERIALIZABLE, as CockroachDB and YugabyteDB run", () => {
  it("retries serialization failures: 12 parallel redemptions of one token give one session and no error", async () => {
    const opened = await openPostgres(url, { schema: `ser_${Date.now().toString(36)}`, poolSize: 12, serializable: true, retries: 8 });
    try {
      const { store, executor } = opened;
      const [[isolation]] = (await executor.batch([{ sql: "SHOW transaction_isolation", params: [] }])) as [[{ transaction_isolation: string }]];
      expect(isolation.transaction_isolation).toBe("serializable");
      const at = Date.UTC(2030, 0, 1);
      await store.createLinkToken({ email: "ser@example.com", tokenHash: "signup", now: at, signupExpiresAt: at + 3600_000, loginExpiresAt: at });
      const session = (id: string) => ({
        idHash: id,
        createdAt: at,
        idleExpiresAt: at + 3600_000,
        absoluteExpiresAt: at + 7200_000,
        userAgent: null,
        network: null,
      });
      await store.completeSignup({ key: { tokenHash: "signup" }, now: at, account: { id: "ser", name: null, profile: {} }, session: session("first") });
      await store.createLinkToken({ email: "ser@example.com", tokenHash: "login", now: at, signupExpiresAt: at + 3600_000, loginExpiresAt: at + 600_000 });
      // Open all twelve connections first, so the redemptions really overlap.
      await Promise.all(Array.from({ length: 12 }, () => executor.batch([{ sql: "SELECT pg_sleep(0.05)", params: [] }])));
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.redeemLoginToken({ tokenHash: "login", now: at + 1000, session: session(`s${i}`) })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === "used")).toHaveLength(11);
    } finally {
      await opened.close();
    }
  });
});

describe("PostgreSQL schema upgrades", () => {
  it("S32: an outbox from before version 5 is rebuilt with every row, and a sent mail's sealed link erased", async () => {
    const opened = await openPostgres(url, { schema: `upgrade_${Date.now().toString(36)}`, migrate: false });
    try {
      await checkUpgradeToVersion5(opened.executor, postgresMigrations);
    } finally {
      await opened.close();
    }
  });
});

describe("PostgreSQL literals for batched statements", () => {
  for (const prepareStatements of [true, false]) {
    it(`writes strings, integers and NULL so that the server reads back exactly the value (${prepareStatements ? "prepared" : "as text"})`, async () => {
      const opened = await openTestPostgres(url);
      try {
        const executor = createPostgresExecutor(opened.pool, { prepareStatements });
        const hostile = ["O'Brien", "back\\slash", "\\'; DROP TABLE accounts; --", "$1 ?1 $$", "é ß ı 😀", "line\nbreak", ""];
        // Typed: a prepared statement's bare parameter would be text, where a literal in the text is an integer.
        const statements = hostile.map((value) => ({
          sql: "SELECT CAST(?1 AS TEXT) AS v, CAST(?2 AS INTEGER) AS n, CAST(?3 AS TEXT) AS z",
          params: [value, 42, null],
        }));
        const results = await executor.batch([...statements, { sql: "SELECT 1 AS done", params: [] }]);
        expect(results.slice(0, -1).map((rows) => rows[0])).toEqual(hostile.map((v) => ({ v, n: 42, z: null })));
        const [[tables]] = (await executor.batch([{ sql: "SELECT count(*) AS n FROM accounts", params: [] }])) as [[{ n: string }]];
        expect(Number(tables.n)).toBe(0);
      } finally {
        await opened.close();
      }
    });
  }

  it("refuses values it cannot write exactly, with a SesameError and its code", () => {
    const refusal = (message: RegExp) => expect.objectContaining({ code: "store_unavailable", message: expect.stringMatching(message) });
    expect(() => literal("nul\u0000byte")).toThrow(refusal(/NUL/));
    expect(() => literal(1.5)).toThrow(refusal(/safe integers/));
    expect(() => literal(2 ** 60)).toThrow(refusal(/safe integers/));
    expect(() => inlineParameters({ sql: "SELECT ?2", params: ["a"] })).toThrow(refusal(/no parameter/));
    expect(() => literal(1.5)).toThrow(SesameError);
  });

  it("rejects a batch holding such a value with that SesameError, and sends none of it", async () => {
    const opened = await openTestPostgres(url);
    try {
      const batch = opened.executor.batch([
        { sql: "INSERT INTO accounts (id, email, created_at) VALUES (?1, ?2, 0)", params: ["nul", "nul@example.com"] },
        { sql: "SELECT ?1 AS v", params: ["nul\u0000byte"] },
      ]);
      await expect(batch).rejects.toThrow(SesameError);
      await expect(batch).rejects.toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/NUL/) });
      const [[accounts]] = (await opened.executor.batch([{ sql: "SELECT count(*) AS n FROM accounts", params: [] }])) as [[{ n: string }]];
      expect(Number(accounts.n)).toBe(0);
    } finally {
      await opened.close();
    }
  });
});

describe("PostgreSQL statements prepared once per connection", () => {
  /** A store on one connection whose queries are recorded, and the executor openPostgres makes. */
  async function recorded() {
    const opened = await openPostgres(url, { schema: `prep_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`, poolSize: 1 });
    const pool = opened.pool as unknown as { connect(): Promise<PgConnection>; query(text: string): Promise<unknown> };
    const queries: string[] = [];
    const wrappers = new WeakMap<PgConnection, PgConnection>();
    const connect = async () => {
      const connection = await pool.connect();
      const wrapper = wrappers.get(connection) ?? {
        query: (text: string, values?: unknown[]) => (queries.push(text), connection.query(text, values)),
        release: (error?: Error) => connection.release(error),
      };
      wrappers.set(connection, wrapper);
      return wrapper;
    };
    const executor = createPostgresExecutor({ query: () => Promise.reject(new Error("not through the pool")), connect }, { prepareStatements: true });
    await executor.batch([{ sql: "CREATE TABLE words (word TEXT PRIMARY KEY)", params: [] }]);
    queries.length = 0;
    return { executor, queries, raw: pool, close: () => opened.close() };
  }
  const insert = (word: string) => ({ sql: "INSERT INTO words (word) VALUES (?1)", params: [word] });
  const count = { sql: "SELECT count(*) AS n FROM words", params: [] };

  it("prepares a statement in the first batch that uses it on a connection, then only executes it, one query each time", async () => {
    const { executor, queries, close } = await recorded();
    try {
      expect(await executor.batch([insert("a"), count])).toEqual([[], [{ n: "1" }]]);
      expect(await executor.batch([insert("b"), count])).toEqual([[], [{ n: "2" }]]);
      expect(queries).toHaveLength(2);
      expect(queries[0]!.match(/PREPARE sesame_\w+ AS/g)).toHaveLength(2);
      expect(queries[1]).not.toMatch(/PREPARE/);
      expect(queries[1]).toMatch(/^EXECUTE sesame_\w+\(E'b'\);\nEXECUTE sesame_\w+$/);
    } finally {
      await close();
    }
  });

  it("runs as text a statement PREPARE refuses (a parameter without a type), from then on", async () => {
    const { executor, queries, close } = await recorded();
    try {
      const untyped = { sql: "SELECT ?1 IS NULL AS missing", params: [null] };
      expect(await executor.batch([untyped])).toEqual([[{ missing: true }]]);
      expect(await executor.batch([untyped])).toEqual([[{ missing: true }]]);
      // Refused, the names read back, the batch as text; then as text at once.
      expect(queries).toEqual([
        expect.stringMatching(/^PREPARE sesame_\w+ AS SELECT \$1 IS NULL/),
        expect.stringContaining("pg_prepared_statements"),
        "SELECT NULL IS NULL AS missing",
        "SELECT NULL IS NULL AS missing",
      ]);
    } finally {
      await close();
    }
  });

  it("after a batch that failed part way, reads back what the connection holds: nothing written, and the next batch prepares what did not run", async () => {
    const { executor, queries, close } = await recorded();
    try {
      await executor.batch([insert("a")]);
      const failing = executor.batch([
        insert("b"),
        { sql: "INSERT INTO words (word) SELECT ?1", params: ["a"] },
        { sql: "SELECT word FROM words WHERE word = ?1", params: ["b"] },
      ]);
      await expect(failing).rejects.toSatisfy((error) => executor.isUniqueViolation(error));
      queries.length = 0;
      expect(await executor.batch([{ sql: "SELECT word FROM words WHERE word = ?1", params: ["a"] }, count])).toEqual([[{ word: "a" }], [{ n: "1" }]]);
      expect(queries).toEqual([expect.stringContaining("pg_prepared_statements"), expect.stringMatching(/^PREPARE sesame_\w+ AS SELECT word FROM words/)]);
    } finally {
      await close();
    }
  });

  it("recovers when the connection lost its statements (DEALLOCATE ALL): the batch is sent again with them", async () => {
    const { executor, raw, close } = await recorded();
    try {
      await executor.batch([insert("a"), count]);
      await raw.query("DEALLOCATE ALL"); // the pool's one connection
      expect(await executor.batch([insert("b"), count])).toEqual([[], [{ n: "2" }]]);
    } finally {
      await close();
    }
  });

  it("survives the server ending a session while it is checked out between two queries: an error for that batch, not for the process", async () => {
    const opened = await openPostgres(url, { schema: `ended_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`, poolSize: 1 });
    const pool = opened.pool as unknown as { connect(): Promise<PgConnection & { listenerCount(event: "error"): number }> };
    const admin = await openPostgres(url, { poolSize: 1, migrate: false });
    let end = false;
    let released: Error | undefined | "not yet" = "not yet";
    let listeners = 0;
    const connect = async () => {
      const connection = await pool.connect();
      return {
        ...connection,
        on: connection.on?.bind(connection),
        removeListener: connection.removeListener?.bind(connection),
        release: (error?: Error) => ((released = error), connection.release(error)),
        query: async (text: string, values?: unknown[]) => {
          if (end) {
            // The session ends while no query of this batch is running: the server says so at once,
            // as an error event that, unheard, node-postgres throws at the process.
            listeners = connection.listenerCount("error");
            const pid = (await connection.query("SELECT pg_backend_pid() AS pid")) as { rows: { pid: number }[] };
            await admin.pool.query(`SELECT pg_terminate_backend(${pid.rows[0]!.pid})`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          return connection.query(text, values);
        },
      };
    };
    const executor = createPostgresExecutor({ query: () => Promise.reject(new Error("not through the pool")), connect }, { prepareStatements: true });
    try {
      expect(await executor.batch([{ sql: "SELECT 1 AS one", params: [] }])).toEqual([[{ one: 1 }]]);
      expect(released).toBeUndefined();
      end = true;
      await expect(executor.batch([{ sql: "SELECT 2 AS two", params: [] }])).rejects.toThrow();
      expect(listeners).toBe(1);
      // The pool was told, so it closes that connection rather than handing it out again.
      expect(released).toBeInstanceOf(Error);
      end = false;
      expect(await executor.batch([{ sql: "SELECT 3 AS three", params: [] }])).toEqual([[{ three: 3 }]]);
    } finally {
      await admin.close();
      await opened.close();
    }
  });
});

describe("PostgreSQL behind a pooler in transaction mode", () => {
  it("names such poolers in a URL, so that openPostgres does not prepare there by default", () => {
    expect(namesPooler("postgres://u:p@ep-cool-name-123-pooler.eu-central-1.aws.neon.tech/db")).toBe(true);
    expect(namesPooler("postgres://u:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres")).toBe(true);
    expect(namesPooler("postgres://u:p@db.example.com:5432/app?pgbouncer=true")).toBe(true);
    expect(namesPooler("postgres://u:p@db.example.com:5432/app")).toBe(false);
    expect(namesPooler("not a url")).toBe(false);
  });

  it("stops preparing when statements vanish between queries even right after a read-back, and the batch still succeeds", async () => {
    const opened = await openPostgres(url, { schema: `pooler_${Date.now().toString(36)}`, poolSize: 2, prepareStatements: false });
    const pool = opened.pool as unknown as { connect(): Promise<PgConnection> };
    try {
      // One object to the executor, two server sessions behind it, taking turns per query: what a
      // transaction-mode pooler does to a client's connection.
      const sessions = [await pool.connect(), await pool.connect()];
      let turn = 0;
      const queries: string[] = [];
      const pooled: PgConnection = {
        query: (text: string, values?: unknown[]) => (queries.push(text), sessions[turn++ % 2]!.query(text, values)),
        release: () => undefined,
      };
      const executor = createPostgresExecutor(
        { query: () => Promise.reject(new Error("not through the pool")), connect: async () => pooled },
        { prepareStatements: true },
      );
      await executor.batch([{ sql: "CREATE TABLE words (word TEXT PRIMARY KEY)", params: [] }]);
      const insert = (word: string) => ({ sql: "INSERT INTO words (word) VALUES (?1)", params: [word] });
      const count = { sql: "SELECT count(*) AS n FROM words", params: [] };
      expect(await executor.batch([insert("a"), count])).toEqual([[], [{ n: "1" }]]); // prepared on one session
      expect(await executor.batch([insert("b"), count])).toEqual([[], [{ n: "2" }]]); // missing on the other: read back, again, then as text
      expect(await executor.batch([insert("c"), count])).toEqual([[], [{ n: "3" }]]);
      expect(queries.at(-1)).toBe("INSERT INTO words (word) VALUES (E'c');\nSELECT count(*) AS n FROM words");
      expect(queries.filter((text) => text.includes("pg_prepared_statements"))).toHaveLength(1);
      for (const session of sessions) session.release();
    } finally {
      await opened.close();
    }
  });
});
