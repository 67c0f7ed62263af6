/**
 * What the store contract takes for granted of a SQLite driver, checked on the runtime
 * itself: a failed batch leaves nothing behind, and uniqueness violations are told
 * apart from other errors (migrations racing on one file rely on it).
 */
import { describe, expect, it } from "vitest";
import { sql, type SqlExecutor } from "../../src/store/executor.js";

export function runDriverChecks(name: string, open: () => Promise<{ executor: SqlExecutor; close(): void }>): void {
  describe(`${name}: driver`, () => {
    it("runs a batch as one transaction: a failing statement undoes the ones before it", async () => {
      const { executor, close } = await open();
      try {
        await executor.batch([sql("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)")]);
        await expect(executor.batch([sql("INSERT INTO t VALUES (?1, ?2)", "a", 1), sql("INSERT INTO t VALUES (?1, ?2)", "b", null)])).rejects.toThrow();
        expect(await executor.batch([sql("SELECT count(*) AS n FROM t")])).toEqual([[{ n: 0 }]]);
        const [, rows] = await executor.batch([sql("INSERT INTO t VALUES (?2, ?1)", 7, "c"), sql("SELECT k, v FROM t WHERE k = ?1", "c")]);
        expect(rows).toEqual([{ k: "c", v: 7 }]);
      } finally {
        close();
      }
    });

    it("recognises PRIMARY KEY and UNIQUE violations, and nothing else", async () => {
      const { executor, close } = await open();
      try {
        await executor.batch([sql("CREATE TABLE u (k TEXT PRIMARY KEY, e TEXT UNIQUE, n INTEGER NOT NULL)")]);
        await executor.batch([sql("INSERT INTO u VALUES ('a', 'x', 1)")]);
        const failure = async (text: string) =>
          executor.batch([sql(text)]).then(
            () => {
              throw new Error(`no error from ${text}`);
            },
            (error: unknown) => error,
          );
        expect(executor.isUniqueViolation(await failure("INSERT INTO u VALUES ('a', 'y', 1)"))).toBe(true);
        expect(executor.isUniqueViolation(await failure("INSERT INTO u VALUES ('b', 'x', 1)"))).toBe(true);
        expect(executor.isUniqueViolation(await failure("INSERT INTO u VALUES ('c', 'z', NULL)"))).toBe(false);
        expect(executor.isUniqueViolation(await failure("SELECT * FROM no_such_table"))).toBe(false);
      } finally {
        close();
      }
    });
  });
}
