/**
 * PostgreSQL going away and coming back: clear 503s while it is gone, and service
 * again without a restart once it returns. Runs its own server, so stopping it
 * disturbs no other test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSesame, DevMailbox, type LogRecord } from "../src/index.js";
import { openPostgres, type PostgresStore } from "../src/store/postgres-pool.js";
import { startPostgresServer, type PostgresServer } from "./postgres-server.js";
import { BASE_URL, Browser, checkedSesame } from "./support.js";

let server: PostgresServer;
let db: PostgresStore;

beforeAll(async () => {
  server = await startPostgresServer();
  db = await openPostgres(server.url, { poolSize: 2, statementTimeoutMs: 2000 });
}, 60_000);

afterAll(async () => {
  await db?.close().catch(() => undefined);
  await server?.close();
});

describe("PostgreSQL unavailable", () => {
  it("answers 503 with a clear page and JSON and a log line, loses nothing, and recovers without a restart", async () => {
    const logs: LogRecord[] = [];
    const mailbox = new DevMailbox({ print: () => {} });
    const sesame = checkedSesame(createSesame({ baseUrl: BASE_URL, store: db.store, mailer: mailbox, rateLimits: false, log: (r) => logs.push(r) }));
    const browser = new Browser(async (request) => sesame.fetch(request));
    const json = (path: string) => sesame.fetch(new Request(`${BASE_URL}${path}`, { headers: { accept: "application/json" } }));

    expect((await browser.post("/magic", { email: "ada@example.com" })).status).toBe(303);
    expect((await json("/healthz")).status).toBe(200);
    expect((await json("/readyz")).status).toBe(200);

    await server.stop();
    const page = await browser.post("/magic", { email: "bob@example.com" });
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("30");
    expect(await page.text()).toContain("cannot reach its database");
    const health = await json("/healthz");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ error: { code: "store_unavailable" } });
    const ready = await json("/readyz");
    expect([ready.status, await ready.json()]).toEqual([503, { ready: false, reason: "database_unreachable" }]);
    expect(logs.some((r) => r.event === "store_unavailable" && r.level === "error")).toBe(true);
    expect(mailbox.list().map((m) => m.to)).toEqual(["ada@example.com"]); // nothing sent for the failed request

    await server.start();
    const back = await json("/healthz");
    expect(back.status).toBe(200);
    expect((await json("/readyz")).status).toBe(200);
    expect((await browser.post("/magic", { email: "bob@example.com" })).status).toBe(303);
    // The link asked for before the outage still works.
    const signup = new URL(mailbox.list().find((m) => m.to === "ada@example.com")!.url);
    expect((await browser.post("/signup", { token: signup.searchParams.get("token")!, name: "Ada" })).status).toBe(303);
  });
});
