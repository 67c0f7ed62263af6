import { beforeAll, describe, expect, it } from "vitest";
import { createDatabase, openTestPostgres } from "../../test/postgres.js";
import { SesameError } from "../core/errors.js";
import { postgresMigrations } from "./migrations/postgres.js";
import { checkUpgradeToVersion5 } from "./migrations/upgrade.check.js";
import { inlineParameters, literal } from "./postgres.js";
import { openPostgres } from "./postgres-pool.js";
import { runStoreContract } from "./contract/store.contract.js";

let url: string;
beforeAll(async () => {
  url = await createDatabase();
});

runStoreContract("PostgreSQL", async () => {
  const opened = await openTestPostgres(url);
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
  it("writes strings, integers and NULL so that the server reads back exactly the value", async () => {
    const opened = await openTestPostgres(url);
    try {
      const hostile = ["O'Brien", "back\\slash", "\\'; DROP TABLE accounts; --", "$1 ?1 $$", "é ß ı 😀", "line\nbreak", ""];
      const statements = hostile.map((value) => ({ sql: "SELECT ?1 AS v, ?2 AS n, ?3 AS z", params: [value, 42, null] }));
      const results = await opened.executor.batch([...statements, { sql: "SELECT 1 AS done", params: [] }]);
      expect(results.slice(0, -1).map((rows) => rows[0])).toEqual(hostile.map((v) => ({ v, n: 42, z: null })));
      const [[tables]] = (await opened.executor.batch([{ sql: "SELECT count(*) AS n FROM accounts", params: [] }])) as [[{ n: string }]];
      expect(Number(tables.n)).toBe(0);
    } finally {
      await opened.close();
    }
  });

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
