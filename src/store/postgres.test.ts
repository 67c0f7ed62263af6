import { beforeAll, describe, expect, it } from "vitest";
import { createDatabase, openTestPostgres } from "../../test/postgres.js";
import { inlineParameters, literal } from "./postgres.js";
import { runStoreContract } from "./store.contract.js";

let url: string;
beforeAll(async () => {
  url = await createDatabase();
});

runStoreContract("PostgreSQL", async () => {
  const opened = await openTestPostgres(url);
  return { store: opened.store, close: () => opened.close() };
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

  it("refuses values it cannot write exactly", () => {
    expect(() => literal("nul\u0000byte")).toThrow(/NUL/);
    expect(() => literal(1.5)).toThrow(/safe integers/);
    expect(() => literal(2 ** 60)).toThrow(/safe integers/);
    expect(() => inlineParameters({ sql: "SELECT ?2", params: ["a"] })).toThrow(/no parameter/);
  });
});
