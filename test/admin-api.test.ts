/**
 * The admin API (#19), on SQLite and on PostgreSQL: off without a token; 401 (and a log
 * line) without the bearer token or with another; each operation as an operator's tool
 * would call it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSesame, DevMailbox, type LogRecord, type Sesame, type Store } from "../src/index.js";
import { openSqliteFile } from "../src/store/sqlite-file.js";
import { openApiDocument } from "../src/http/openapi/document.js";
import { createAnswerCheck } from "./openapi-check.js";
import { createDatabase, openTestPostgres } from "./postgres.js";
import { BASE_URL, Browser } from "./support.js";

const TOKEN = "an-admin-token-of-at-least-32-characters";
const checkAnswer = createAnswerCheck(openApiDocument({ baseUrl: BASE_URL, admin: true }));
const AUTH = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };

const stores: Record<string, () => Promise<{ store: Store; close(): Promise<void> | void }>> = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-admin-"));
    const db = await openSqliteFile(join(dir, "admin.db"));
    return { store: db.store, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
  },
  PostgreSQL: async () => {
    const db = await openTestPostgres(await createDatabase());
    return { store: db.store, close: () => db.close() };
  },
};

for (const [name, open] of Object.entries(stores)) {
  describe(`the admin API on ${name}`, () => {
    let opened: Awaited<ReturnType<(typeof stores)[string]>>;
    let sesame: Sesame;
    let mailbox: DevMailbox;
    const logs: LogRecord[] = [];
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) => {
      const request = new Request(new URL(path, BASE_URL), {
        method,
        headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const response = await sesame.fetch(request);
      await checkAnswer(request, response); // every answer held to the OpenAPI description
      return response;
    };

    beforeAll(async () => {
      opened = await open();
      mailbox = new DevMailbox({ print: () => {} });
      sesame = createSesame({ baseUrl: BASE_URL, store: opened.store, mailer: mailbox, rateLimits: false, adminToken: TOKEN, log: (r) => logs.push(r) });
    });
    afterAll(() => opened.close());

    async function signUp(email: string, name: string) {
      const browser = new Browser((request) => sesame.fetch(request));
      await browser.post("/magic", { email });
      await sesame.idle();
      const link = new URL(mailbox.list().find((m) => m.to === email)!.url);
      await browser.post("/signup", { token: link.searchParams.get("token")!, name });
      return browser;
    }

    it("answers 401 without the token or with another, logs it, and changes nothing", async () => {
      await signUp("ada@example.com", "Ada");
      const attempts: Record<string, string>[] = [
        { accept: "application/json" },
        { authorization: `Bearer ${TOKEN.replace("a", "b")}` },
        { authorization: TOKEN },
      ];
      for (const headers of attempts) {
        const answer = await call("DELETE", "/admin/api/accounts/ada@example.com", undefined, headers);
        expect(answer.status).toBe(401);
        expect(await answer.json()).toEqual({ error: { code: "unauthenticated", message: "The admin API needs its bearer token." } });
      }
      expect(logs.filter((r) => r.event === "admin.unauthorized")).toHaveLength(3);
      expect(JSON.stringify(logs)).not.toContain(TOKEN.replace("a", "b"));
      expect(await sesame.findAccount("ada@example.com")).not.toBeNull();
    });

    it("lists and searches accounts a page at a time, and shows one with where it is logged in", async () => {
      await signUp("bob@example.org", "Bob");
      await signUp("cy@example.com", "Cy");
      const first = await (await call("GET", "/admin/api/accounts?limit=2")).json();
      expect(first.accounts.map((a: { email: string }) => a.email)).toEqual(["ada@example.com", "bob@example.org"]);
      expect(first.next).toBe("bob@example.org");
      const second = await (await call("GET", `/admin/api/accounts?limit=2&after=${encodeURIComponent(first.next)}`)).json();
      expect(second).toMatchObject({ accounts: [{ email: "cy@example.com", name: "Cy" }], next: null });
      const searched = await (await call("GET", "/admin/api/accounts?search=EXAMPLE.ORG")).json();
      expect(searched.accounts.map((a: { email: string }) => a.email)).toEqual(["bob@example.org"]);
      expect((await call("GET", "/admin/api/accounts?limit=0")).status).toBe(400);

      const byEmail = await (await call("GET", "/admin/api/accounts/Ada@Example.com")).json();
      expect(byEmail.account).toMatchObject({ email: "ada@example.com", name: "Ada" });
      expect(byEmail.sessions).toHaveLength(1);
      expect(Object.keys(byEmail.sessions[0]).sort()).toEqual(["createdAt", "expiresAt", "lastUsedAt", "network", "userAgent"]);
      const byId = await (await call("GET", `/admin/api/accounts/${byEmail.account.id}`)).json();
      expect(byId.account).toEqual(byEmail.account);
      expect((await call("GET", "/admin/api/accounts/nobody@example.com")).status).toBe(404);
    });

    it("logs an account out everywhere, and deletes one (its notice mailed, the address free again)", async () => {
      const browser = await signUp("dee@example.com", "Dee");
      const revoked = await call("POST", "/admin/api/accounts/dee@example.com/sessions/revoke");
      expect(await revoked.json()).toEqual({ revoked: 1 });
      expect((await browser.get("/session")).status).toBe(401);

      const deleted = await call("DELETE", "/admin/api/accounts/dee@example.com");
      expect(deleted.status).toBe(200);
      expect(await deleted.json()).toMatchObject({ deleted: true, account: { email: "dee@example.com" } });
      await sesame.idle();
      expect(mailbox.list()[0]).toMatchObject({ to: "dee@example.com", kind: "account" });
      expect((await call("DELETE", "/admin/api/accounts/dee@example.com")).status).toBe(404);
      expect(await opened.store.findInvariantViolations()).toEqual([]);
    });

    it("shows an account's recent events, newest first, a page at a time, and still once it is deleted", async () => {
      const browser = await signUp("hal@example.com", "Hal");
      expect((await browser.post("/logout", {})).status).toBe(303);
      const id = (await sesame.findAccount("hal@example.com"))!.id;
      const page = await (await call("GET", "/admin/api/accounts/hal@example.com/events")).json();
      expect(page.events.map((e: { type: string }) => e.type)).toEqual([
        "session.revoked",
        expect.stringMatching(/^(account|session)\.created$/),
        expect.any(String),
      ]);
      expect(page.events[0]).toMatchObject({ email: "hal@example.com", detail: { reason: "logout" }, at: expect.any(String) });
      expect(page.next).toBeNull();

      // Two at a time: the cursor leads through all three, across the two of one moment.
      const first = await (await call("GET", "/admin/api/accounts/hal@example.com/events?limit=2")).json();
      const rest = await (await call("GET", `/admin/api/accounts/hal@example.com/events?limit=2&before=${first.next}`)).json();
      expect([...first.events, ...rest.events].map((e: { id: string }) => e.id)).toEqual(page.events.map((e: { id: string }) => e.id));
      expect((await call("GET", "/admin/api/accounts/hal@example.com/events?before=yesterday")).status).toBe(400);

      expect((await call("DELETE", `/admin/api/accounts/${id}`)).status).toBe(200);
      const after = await (await call("GET", `/admin/api/accounts/${id}/events`)).json();
      expect(after.events[0]).toMatchObject({ type: "account.deleted", email: "hal@example.com" });
      expect(after.events).toHaveLength(4);
      expect((await call("GET", "/admin/api/accounts/hal@example.com/events")).status).toBe(404);
      expect((await call("GET", `/admin/api/accounts/${id}/events`, undefined, { accept: "application/json" })).status).toBe(401);
    });

    it("invites: a sign-up link mailed, or returned to pass on; never for an address with an account", async () => {
      const mailed = await call("POST", "/admin/api/invites", { email: "Eve@Example.com" });
      expect(mailed.status).toBe(201);
      const body = await mailed.json();
      expect(body).toEqual({ email: "eve@example.com", expiresAt: expect.any(String) });
      await sesame.idle();
      expect(mailbox.list()[0]).toMatchObject({ to: "eve@example.com", kind: "signup" });

      const returned = await (await call("POST", "/admin/api/invites", { email: "fay@example.com", delivery: "return" })).json();
      expect(returned.url).toMatch(/^http:\/\/localhost:8787\/signup\?token=[A-Za-z0-9_-]{43}$/);
      expect(mailbox.list().some((m) => m.to === "fay@example.com")).toBe(false);
      const fay = new Browser((request) => sesame.fetch(request));
      expect((await fay.post("/signup", { token: new URL(returned.url).searchParams.get("token")!, name: "Fay" })).status).toBe(303);

      expect((await call("POST", "/admin/api/invites", { email: "ada@example.com" })).status).toBe(409);
      expect((await call("POST", "/admin/api/invites", { email: "not an address" })).status).toBe(400);
      expect((await call("POST", "/admin/api/invites", { email: "gus@example.com", delivery: "pigeon" })).status).toBe(400);
    });
  });
}

describe("the admin API, off", () => {
  it("is not there without a token, and refuses a short one at start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sesame-admin-off-"));
    const db = await openSqliteFile(join(dir, "off.db"));
    try {
      const sesame = createSesame({ baseUrl: BASE_URL, store: db.store, mailer: new DevMailbox({ print: () => {} }), log: () => {} });
      expect((await sesame.fetch(new Request(`${BASE_URL}/admin/api/accounts`, { headers: AUTH }))).status).toBe(404);
      expect(() => createSesame({ baseUrl: BASE_URL, store: db.store, mailer: new DevMailbox(), adminToken: "short" })).toThrow(
        "adminToken must be at least 32 characters",
      );
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
