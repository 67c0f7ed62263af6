/**
 * /readyz: 200 only when the database answers with the schema this code expects and the
 * instance is not draining; /healthz stays liveness. (PostgreSQL stopped and started:
 * test/postgres-outage.test.ts.)
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { processSandbox, serve } from "./process.js";
import { makeSesame } from "./support.js";

const box = processSandbox("ready");

const readyz = async (fetcher: (request: Request) => Promise<Response>, base = "http://localhost:8787") => {
  const answer = await fetcher(new Request(`${base}/readyz`));
  return [answer.status, await answer.json()];
};

describe("/readyz", () => {
  it("is ready on a migrated database, not while draining (while /healthz stays 200), nor with the schema behind the code", async () => {
    const t = await makeSesame();
    try {
      expect(await readyz(t.sesame.fetch)).toEqual([200, { ready: true }]);
      t.sesame.drain();
      expect(await readyz(t.sesame.fetch)).toEqual([503, { ready: false, reason: "draining" }]);
      expect((await t.sesame.fetch(new Request("http://localhost:8787/healthz"))).status).toBe(200);

      // A database a version behind: the migration not yet run by this code.
      const raw = new Database(t.dbPath);
      raw.prepare("DELETE FROM sesame_migrations WHERE version = (SELECT MAX(version) FROM sesame_migrations)").run();
      raw.close();
      const behind = await makeSesame();
      const { createSesame } = await import("../src/index.js");
      const { openSqliteFile } = await import("../src/store/sqlite-file.js");
      const db = await openSqliteFile(t.dbPath, { migrate: false });
      const onOld = createSesame({ baseUrl: "http://localhost:8787", store: db.store, mailer: behind.mailbox });
      expect(await readyz(onOld.fetch)).toEqual([503, { ready: false, reason: "schema_outdated" }]);
      db.close();
      behind.close();
    } finally {
      t.close();
    }
  });

  it("answers 503 while another process holds the SQLite file's write lock, and 200 once it lets go", async () => {
    const db = join(box.dir, "locked.db");
    const server = await serve({ SESAME_DB: db, SESAME_MAILER: `file:${join(box.dir, "mail.jsonl")}` }, box.running);
    const get = (request: Request) => fetch(new URL(new URL(request.url).pathname, server.url));
    expect(await readyz(get)).toEqual([200, { ready: true }]);
    // Another process in a long write transaction: readers go on (WAL), writers wait, then fail.
    const holder = new Database(db);
    holder.prepare("BEGIN IMMEDIATE").run();
    try {
      const [status] = await readyz(get);
      expect(status).toBe(503);
    } finally {
      holder.prepare("COMMIT").run();
      holder.close();
    }
    expect(await readyz(get)).toEqual([200, { ready: true }]);
  });

  it("answers 503 while a stopping server drains (SESAME_DRAIN_SECONDS), serving other requests, then exits 0", async () => {
    const server = await serve(
      { SESAME_DB: join(box.dir, "drain.db"), SESAME_MAILER: `file:${join(box.dir, "mail.jsonl")}`, SESAME_DRAIN_SECONDS: "3" },
      box.running,
    );
    const get = (request: Request) => fetch(new URL(new URL(request.url).pathname, server.url));
    expect(await readyz(get)).toEqual([200, { ready: true }]);
    server.process.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readyz(get)).toEqual([503, { ready: false, reason: "draining" }]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("draining for 3 s");
  });
});
