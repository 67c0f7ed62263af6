import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteFile } from "./sqlite-file.js";
import { runStoreContract } from "./store.contract.js";

runStoreContract("SQLite file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
  const opened = await openSqliteFile(join(dir, "test.db"));
  return {
    store: opened.store,
    close() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("SQLite file", () => {
  it("migrates once, even when opened again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const path = join(dir, "m.db");
    const first = await openSqliteFile(path);
    first.close();
    const second = await openSqliteFile(path);
    const [rows] = await second.executor.batch([{ sql: "SELECT version FROM sesame_migrations", params: [] }]);
    expect(rows).toEqual([{ version: 1 }]);
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a non-canonical address at the database level", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const opened = await openSqliteFile(join(dir, "c.db"));
    await expect(
      opened.executor.batch([{ sql: "INSERT INTO accounts (id, email, created_at) VALUES ('x', 'Ada@Example.com', 0)", params: [] }]),
    ).rejects.toThrow(/CHECK/);
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports an unopenable path as store_unavailable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-store-"));
    const blocker = join(dir, "file");
    (await import("node:fs")).writeFileSync(blocker, "");
    await expect(openSqliteFile(join(blocker, "sub", "x.db"))).rejects.toMatchObject({ code: "store_unavailable" });
    rmSync(dir, { recursive: true, force: true });
  });
});
