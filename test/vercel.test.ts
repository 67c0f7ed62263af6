/**
 * The Vercel handlers, invoked as Vercel invokes them: with a Request (and, on the Edge
 * runtime, a context carrying waitUntil). The Node handler opens PostgreSQL from
 * DATABASE_URL and mails through Resend's API to a local server that speaks it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSesame, DevMailbox } from "../src/index.js";
import { handle } from "../src/platforms/vercel.js";
import { openSqliteFile } from "../src/store/sqlite-file.js";
import { createDatabase } from "./postgres.js";
import { BASE_URL, Browser, checkedSesame } from "./support.js";

const tokenIn = (text: string) => new URL(text.match(/https?:\/\/\S+token=[A-Za-z0-9_-]{43}/)![0]).searchParams.get("token")!;

describe("handle(): the Edge (or any) runtime with a store passed in", () => {
  async function edgeSesame() {
    const db = await openSqliteFile(":memory:");
    const mailbox = new DevMailbox({ print: () => {} });
    // Uniform answers send the mail after answering: that is the work waitUntil must keep alive.
    const sesame = checkedSesame(
      createSesame({ baseUrl: BASE_URL, store: db.store, mailer: mailbox, rateLimits: false, uniformResponses: true, log: () => {} }),
    );
    return { sesame, mailbox, close: () => db.close() };
  }

  it("signs up and logs in, handing the mail's delivery to the context's waitUntil", async () => {
    const { sesame, mailbox, close } = await edgeSesame();
    const pending: Promise<unknown>[] = [];
    const handler = handle(sesame);
    const ada = new Browser((request) => handler(request, { waitUntil: (promise) => pending.push(promise) }));

    expect((await ada.get("/")).status).toBe(200);
    expect((await ada.post("/magic", { email: "ada@example.com" })).status).toBe(303);
    // The mail's delivery, and the first request's purge of expired rows.
    expect(pending).toHaveLength(2);
    await Promise.all(pending);
    const signup = await ada.post("/signup", { token: new URL(mailbox.list()[0]!.url).searchParams.get("token")!, name: "Ada" });
    expect(signup.status).toBe(303);
    expect(await (await ada.get("/session", { accept: "application/json" })).json()).toMatchObject({ account: { email: "ada@example.com", name: "Ada" } });

    await ada.post("/logout", {});
    await ada.post("/magic", { email: "ada@example.com" });
    await Promise.all(pending);
    expect((await ada.post("/login", { token: new URL(mailbox.list()[0]!.url).searchParams.get("token")! })).status).toBe(303);
    expect((await ada.get("/session", { accept: "application/json" })).status).toBe(200);
    close();
  });

  it("finds waitUntil in Vercel's request context when no context argument is given", async () => {
    const { sesame, mailbox, close } = await edgeSesame();
    const pending: Promise<unknown>[] = [];
    const key = Symbol.for("@vercel/request-context");
    (globalThis as Record<symbol, unknown>)[key] = { get: () => ({ waitUntil: (promise: Promise<unknown>) => pending.push(promise) }) };
    try {
      const response = await handle(sesame)(new Request(`${BASE_URL}/magic`, { method: "POST", body: new URLSearchParams({ email: "bob@example.com" }) }));
      expect(response.status).toBe(303);
      expect(pending).toHaveLength(2);
      await Promise.all(pending);
      expect(mailbox.list()[0]!.to).toBe("bob@example.com");
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
      close();
    }
  });

  it("works without any waitUntil: the delivery just runs on", async () => {
    const { sesame, mailbox, close } = await edgeSesame();
    const response = await handle(sesame)(new Request(`${BASE_URL}/magic`, { method: "POST", body: new URLSearchParams({ email: "cy@example.com" }) }));
    expect(response.status).toBe(303);
    await expect.poll(() => mailbox.list().length).toBe(1);
    close();
  });
});

describe("sesame/vercel-node: PostgreSQL from DATABASE_URL, mail through Resend", () => {
  const mails: { to: string; text: string }[] = [];
  let resend: Server;
  const saved = { ...process.env };

  beforeAll(async () => {
    resend = createServer(async (request, response) => {
      let body = "";
      for await (const chunk of request) body += chunk;
      if (request.headers.authorization !== "Bearer re_test") return void response.writeHead(401).end("{}");
      const mail = JSON.parse(body) as { to: string[]; text: string };
      mails.unshift({ to: mail.to[0]!, text: mail.text });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `mail-${mails.length}` }));
    });
    await new Promise<void>((resolve) => resend.listen(0, "127.0.0.1", () => resolve()));
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => resend?.close(resolve));
  });

  it("answers 503 with the missing setting until configured, then serves the whole flow", async () => {
    const { GET, POST } = await import("../src/platforms/vercel-node.js");
    const route = (request: Request) => (request.method === "POST" ? POST(request) : GET(request));

    delete process.env.SESAME_BASE_URL;
    const unconfigured = await GET(new Request(`${BASE_URL}/`));
    expect(unconfigured.status).toBe(503);
    expect(await unconfigured.text()).toBe("Sesame is not configured: SESAME_BASE_URL is not set");

    Object.assign(process.env, {
      SESAME_BASE_URL: BASE_URL,
      DATABASE_URL: await createDatabase(),
      MAIL_FROM: "Sesame <no-reply@example.com>",
      RESEND_API_KEY: "re_test",
      RESEND_ENDPOINT: `http://127.0.0.1:${(resend.address() as AddressInfo).port}`,
      SESAME_RATE_LIMIT_ADDRESS: "20/60",
    });
    const unsealed = await GET(new Request(`${BASE_URL}/`));
    expect(unsealed.status).toBe(503);
    expect(await unsealed.text()).toBe("Sesame is not configured: SESAME_SECRET is not set (at least 32 characters, the same on every instance)");
    process.env.SESAME_SECRET = "a test secret that is long enough to use";
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ada = new Browser(route);
    expect((await ada.get("/")).status).toBe(200);
    // MAIL_FROM is the old name of SESAME_MAIL_FROM: still read, with one warning line in the log.
    expect(warn.mock.calls.map(([line]) => JSON.parse(String(line)) as unknown)).toEqual([
      { level: "warn", event: "config_warning", message: "MAIL_FROM is renamed SESAME_MAIL_FROM: the old name is read until the next release, so rename it" },
    ]);
    warn.mockRestore();
    expect((await ada.post("/magic", { email: "Ada@Example.com" }, { "x-real-ip": "198.51.100.7" })).status).toBe(303);
    await expect.poll(() => mails.length).toBe(1);
    expect(mails[0]!.to).toBe("ada@example.com");
    expect((await ada.post("/signup", { token: tokenIn(mails[0]!.text), name: "Ada" })).status).toBe(303);
    expect(await (await ada.get("/session", { accept: "application/json" })).json()).toMatchObject({ account: { email: "ada@example.com" } });

    const phone = new Browser(route);
    await phone.post("/magic", { email: "ada@example.com" });
    await expect.poll(() => mails.length).toBe(2);
    expect((await phone.post("/login", { token: tokenIn(mails[0]!.text) })).status).toBe(303);
    expect((await phone.get("/session", { accept: "application/json" })).status).toBe(200);
  });
});
