/**
 * One database round trip per state change: counted at the driver, for each
 * endpoint, on SQLite (executor batches) and PostgreSQL (queries sent to the server).
 * A link request's mail is queued in its one round trip; recording that it went out
 * is a second, after the answer (and shared by the mails that finish together).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSesame, DevMailbox } from "../src/index.js";
import type { SqlExecutor } from "../src/store/executor.js";
import { createPostgresExecutor, type PgConnection, type PgQueryable } from "../src/store/postgres.js";
import { SqlStore } from "../src/store/sql-store.js";
import { openSqliteFile } from "../src/store/sqlite-file.js";
import { createDatabase, openTestPostgres } from "./postgres.js";
import { BASE_URL, Browser, T0, checkedSesame } from "./support.js";

interface Counted {
  executor: SqlExecutor;
  trips(): number;
  close(): Promise<void> | void;
}

const stores: Record<string, () => Promise<Counted>> = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-trips-"));
    const db = await openSqliteFile(join(dir, "t.db"));
    let trips = 0;
    const executor: SqlExecutor = { ...db.executor, batch: (statements) => (trips++, db.executor.batch(statements)) };
    return { executor, trips: () => trips, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
  },
  PostgreSQL: async () => {
    const db = await openTestPostgres(await createDatabase());
    let trips = 0;
    // Counted on each pooled connection, as openPostgres runs (statements prepared per connection):
    // one wrapper per connection, so that what was prepared on it is known the next time.
    const pool = db.pool as unknown as { connect(): Promise<PgConnection> };
    const wrappers = new WeakMap<PgConnection, PgConnection>();
    const counting: PgQueryable = {
      query: () => Promise.reject(new Error("a prepared executor queries its connections, not the pool")),
      connect: async () => {
        const connection = await pool.connect();
        const wrapper = wrappers.get(connection) ?? {
          query: (text: string, values?: unknown[]) => (trips++, connection.query(text, values)),
          release: (error?: Error) => connection.release(error),
        };
        wrappers.set(connection, wrapper);
        return wrapper;
      },
    };
    return { executor: createPostgresExecutor(counting, { prepareStatements: true }), trips: () => trips, close: () => db.close() };
  },
};

for (const [name, open] of Object.entries(stores)) {
  describe(`round trips per request on ${name}`, () => {
    let counted: Counted;
    beforeAll(async () => {
      counted = await open();
    });
    afterAll(() => counted.close());

    it("is one for each state change and each read, two only on a failure path", async () => {
      const mailbox = new DevMailbox({ print: () => {} });
      let now = T0;
      // Limits on (the default): they are checked and charged inside the same round trip.
      const sesame = checkedSesame(createSesame({ baseUrl: BASE_URL, store: new SqlStore(counted.executor), mailer: mailbox, now: () => now, log: () => {} }));
      await sesame.purgeExpired(); // the hourly opportunistic purge, out of the way of the counts
      const env = { incoming: { socket: { remoteAddress: "192.0.2.1" } } };
      const browser = new Browser(async (request) => sesame.fetch(request, env));
      const counts: Record<string, number> = {};
      async function measure(label: string, step: () => Promise<Response>, expectedStatus: number) {
        await sesame.idle(); // the mails of earlier, unmeasured link requests recorded first
        const before = counted.trips();
        const response = await step();
        expect(response.status, label).toBe(expectedStatus);
        const answered = counted.trips();
        counts[label] = answered - before;
        // What the request set going after its answer: recording a mail's delivery.
        await sesame.idle();
        if (counted.trips() > answered) counts[`${label}, after the answer`] = counted.trips() - answered;
        return response;
      }
      const newestToken = () => new URL(mailbox.list()[0]!.url).searchParams.get("token")!;

      await measure("POST /magic (new address: sign-up link)", () => browser.post("/magic", { email: "ada@example.com" }), 303);
      const signupToken = newestToken();
      await measure("GET /signup?token", () => browser.get(`/signup?token=${signupToken}`), 200);
      await measure("POST /signup", () => browser.post("/signup", { token: signupToken, name: "Ada" }), 303);
      await measure("GET /session", () => browser.get("/session"), 200);
      now += 61_000; // past the one-a-minute limit for the address
      await measure("POST /magic (known address: login link)", () => browser.post("/magic", { email: "ada@example.com" }), 303);
      expect(mailbox.list()[0]!.kind).toBe("login");
      const sameBrowser = newestToken();
      await measure("GET /login?token (the browser that asked: one click)", () => browser.get(`/login?token=${sameBrowser}`), 303);

      now += 61_000;
      await browser.post("/magic", { email: "ada@example.com" });
      const loginToken = newestToken();
      const elsewhere = new Browser(async (request) => sesame.fetch(request, env));
      await measure("GET /login?token (another browser: confirmation)", () => elsewhere.get(`/login?token=${loginToken}`), 200);
      const number = (await (await browser.get("/sent")).text()).match(/id="approval-number">(\d{2})</)![1]!;
      const wrongNumber = number === "00" ? "11" : "00";
      await measure(
        "POST /approve (wrong number: counted per link and per address)",
        () => elsewhere.post("/approve", { token: loginToken, number: wrongNumber }),
        400,
      );
      await measure("POST /approve", () => elsewhere.post("/approve", { token: loginToken, number }), 200);
      await measure("POST /continue (approved: logged in)", () => browser.post("/continue", {}, { accept: "application/json" }), 200);
      await measure("POST /login (already used: failure path)", () => elsewhere.post("/login", { token: loginToken }), 410);

      now += 61_000;
      await browser.post("/magic", { email: "ada@example.com" });
      await measure("POST /continue (waiting)", () => browser.post("/continue", {}, { accept: "application/json" }), 200);
      const code = mailbox.list()[0]!.text.match(/^ {4}(\d{6})$/m)![1]!;
      await measure(
        "POST /code (wrong code: counted per link and per address)",
        () => browser.post("/code", { code: code === "000000" ? "111111" : "000000" }),
        400,
      );
      await measure("POST /code (right code)", () => browser.post("/code", { code }), 303);

      now += 61_000;
      await browser.post("/magic", { email: "ada@example.com" });
      const directToken = newestToken();
      await measure("POST /login (success)", () => elsewhere.post("/login", { token: directToken }), 303);

      // A login from a browser that holds a session replaces it inside the same batch.
      now += 3_600_000; // the address's hourly limit frees up
      await browser.post("/magic", { email: "ada@example.com" });
      const replacing = newestToken();
      await measure("POST /login (success, replacing the browser's session)", () => browser.post("/login", { token: replacing }), 303);
      await measure("GET /session (again)", () => browser.get("/session"), 200);
      // Last used over five minutes ago, the check marks it used and moves the idle expiry on:
      // over a network in the check's own round trip; in SQLite's process a second call (no
      // network, and no write lock for the checks in between).
      now += 6 * 60_000;
      await measure("GET /session (last used minutes ago: marks it)", () => browser.get("/session"), 200);
      await measure("GET /session (just marked)", () => browser.get("/session"), 200);
      await measure("POST /logout", () => browser.post("/logout", {}), 303);

      // A link opened in the browser that asked, after it expired: why, from the same batch.
      now += 61_000;
      await browser.post("/magic", { email: "ada@example.com" });
      const expiring = newestToken();
      const otherRequest = new Browser(async (request) => sesame.fetch(request, env));
      await otherRequest.post("/magic", { email: "bob@example.com" });
      await measure("GET /login?token (a browser that asked for another link: confirmation)", () => otherRequest.get(`/login?token=${expiring}`), 200);
      now += 11 * 60_000;
      await measure("GET /login?token (the browser that asked, link expired: failure)", () => browser.get(`/login?token=${expiring}`), 410);
      console.log(
        `${name}:\n${Object.entries(counts)
          .map(([label, n]) => `  ${n}  ${label}`)
          .join("\n")}`,
      );

      expect(counts).toEqual({
        "POST /magic (new address: sign-up link)": 1,
        "POST /magic (new address: sign-up link), after the answer": 1,
        "GET /signup?token": 1,
        "POST /signup": 1,
        "GET /session": 1,
        "POST /magic (known address: login link)": 1,
        "POST /magic (known address: login link), after the answer": 1,
        "GET /login?token (the browser that asked: one click)": 1,
        "GET /login?token (another browser: confirmation)": 1,
        // The batch counts the guess; the page shown again reads the link (a failure path).
        "POST /approve (wrong number: counted per link and per address)": 2,
        "POST /approve": 1,
        "POST /continue (approved: logged in)": 1,
        // The login notice goes after the answer; recording its delivery is the one trip.
        "POST /continue (approved: logged in), after the answer": 1,
        "POST /login (already used: failure path)": 1,
        "POST /continue (waiting)": 1,
        "POST /code (wrong code: counted per link and per address)": 1,
        "POST /code (right code)": 1,
        "POST /code (right code), after the answer": 1,
        "POST /login (success)": 1,
        "POST /login (success, replacing the browser's session)": 1,
        "GET /session (again)": 1,
        "GET /session (last used minutes ago: marks it)": name === "SQLite" ? 2 : 1,
        "GET /session (just marked)": 1,
        "POST /logout": 1,
        "GET /login?token (a browser that asked for another link: confirmation)": 1,
        "GET /login?token (the browser that asked, link expired: failure)": 1,
      });
    });
  });
}
