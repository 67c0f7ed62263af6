/**
 * Sesame on the real workerd runtime (through miniflare) with a D1 database: the
 * bundled Worker serves the whole flow, mailing through the Resend provider to a
 * local server that speaks Resend's API; and the store contract runs against D1.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Miniflare } from "miniflare";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorker, WORKER_START_BUDGET, workerSizes } from "../scripts/build-worker.mjs";
import type { D1Database } from "../src/store/d1.js";
import { createD1Executor } from "../src/store/d1.js";
import { migrate } from "../src/store/migrate.js";
import { sqliteMigrations } from "../src/store/migrations/sqlite.js";
import { SqlStore } from "../src/store/sql-store.js";
import { runStoreContract } from "../src/store/contract/store.contract.js";

const BASE = "http://localhost:8787";
let mf: Miniflare;
let resend: Server;
const mails: { to: string; subject: string; text: string; html: string }[] = [];
/** Addresses whose next send the provider refuses (once each), as a provider outage would. */
const refuseNext = new Set<string>();
let refused = 0;
/** Webhooks the same local server received at /hooks and verified; while `hooksDown`, it answers 503. */
const WEBHOOK_SECRET = `whsec_${Buffer.from("the Worker's webhook secret: 32b").toString("base64")}`;
const hooks: { type: string; email: string; id: string }[] = [];
let hooksDown = false;

beforeAll(async () => {
  resend = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    if (request.url === "/hooks") {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      if (hooksDown) return response.writeHead(503).end();
      const event = new Webhook(WEBHOOK_SECRET).verify(body, headers) as { type: string; data: { account: { email: string } } };
      hooks.push({ type: event.type, email: event.data.account.email, id: headers["webhook-id"]! });
      return response.writeHead(204).end();
    }
    if (request.method !== "POST" || request.url !== "/emails" || request.headers.authorization !== "Bearer re_test") {
      response.writeHead(401, { "content-type": "application/json" }).end('{"statusCode":401,"name":"missing_api_key","message":"no"}');
      return;
    }
    const mail = JSON.parse(body) as { to: string[]; subject: string; text: string; html: string };
    if (refuseNext.delete(mail.to[0]!)) {
      refused += 1;
      response.writeHead(500, { "content-type": "application/json" }).end('{"statusCode":500,"name":"internal_server_error","message":"try later"}');
      return;
    }
    mails.unshift({ to: mail.to[0]!, subject: mail.subject, text: mail.text, html: mail.html });
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `mail-${mails.length}` }));
  });
  await new Promise<void>((resolve) => resend.listen(0, "127.0.0.1", () => resolve()));
  mf = new Miniflare({
    modules: true,
    scriptPath: await buildWorker(),
    compatibilityDate: "2025-04-01",
    d1Databases: ["DB"],
    bindings: {
      SESAME_BASE_URL: BASE,
      SESAME_SECRET: "a test secret that is long enough to use",
      SESAME_MAIL_RETRY_SECONDS: "1",
      SESAME_MAIL_FROM: "Sesame <no-reply@example.com>",
      RESEND_API_KEY: "re_test",
      RESEND_ENDPOINT: `http://127.0.0.1:${(resend.address() as AddressInfo).port}`,
      // Each test asks for several links to one address within the minute.
      SESAME_RATE_LIMIT_ADDRESS: "20/60",
      SESAME_WEBHOOK_URL: `http://127.0.0.1:${(resend.address() as AddressInfo).port}/hooks`,
      SESAME_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SESAME_WEBHOOK_RETRY_SECONDS: "1",
    },
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await new Promise((resolve) => resend?.close(resolve));
});

/** A browser-like client over miniflare's dispatchFetch: forms, cookies, no redirects followed. */
function browser() {
  const jar = new Map<string, string>();
  return async (path: string, fields?: Record<string, string>) => {
    const response = await mf.dispatchFetch(`${BASE}${path}`, {
      method: fields ? "POST" : "GET",
      redirect: "manual",
      headers: {
        accept: "text/html",
        "cf-connecting-ip": "192.0.2.1",
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(fields && { "content-type": "application/x-www-form-urlencoded" }),
      },
      ...(fields && { body: new URLSearchParams(fields).toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return { status: response.status, location: response.headers.get("location"), text: await response.text(), headers: response.headers };
  };
}

/** The newest mail once the count has grown past `before`: mail leaves after the answer (waitUntil). */
async function mailAfter(before: number) {
  await expect.poll(() => mails.length).toBeGreaterThan(before);
  return mails[0]!;
}

const tokenIn = (mail: { text: string }) => new URL(mail.text.match(/https?:\/\/\S+token=[A-Za-z0-9_-]{43}/)![0]).searchParams.get("token")!;

describe("the Worker on workerd with D1", () => {
  it("signs up and logs in over HTTP, mailing through the provider", async () => {
    const ada = browser();
    expect((await ada("/")).status).toBe(200);
    const before = mails.length;
    const asked = await ada("/magic", { email: "Ada@Example.com" });
    expect(asked.status).toBe(303);
    expect((await ada("/sent")).text).toContain("No account uses this address yet");
    expect(await mailAfter(before)).toMatchObject({ to: "ada@example.com", subject: expect.stringContaining("Finish signing up") });
    const created = await ada("/signup", { token: tokenIn(mails[0]!), name: "Ada" });
    expect(created.status).toBe(303);
    expect(JSON.parse((await ada("/session")).text)).toMatchObject({ account: { email: "ada@example.com", name: "Ada" } });
    expect((await ada("/logout", {})).status).toBe(303);
    expect((await ada("/session")).status).toBe(401);

    // A login link opened in another browser: the confirmation, then the POST.
    const beforeLogin = mails.length;
    await ada("/magic", { email: "ada@example.com" });
    expect((await mailAfter(beforeLogin)).subject).toContain("login link");
    const phone = browser();
    const confirm = await phone(`/login?token=${tokenIn(mails[0]!)}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("Log in as ada@example.com?");
    expect(confirm.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await phone("/login", { token: tokenIn(mails[0]!) })).status).toBe(303);
    expect((await phone("/session")).status).toBe(200);
    expect((await phone("/login", { token: tokenIn(mails[0]!) })).status).toBe(410);
  });

  it("speaks the browser's language from chunks loaded on first use: an Arabic page, a German mail, a French JSON error", async () => {
    const ask = (path: string, headers: Record<string, string>, body?: string) =>
      mf.dispatchFetch(`${BASE}${path}`, {
        method: body === undefined ? "GET" : "POST",
        redirect: "manual",
        headers: { "cf-connecting-ip": "192.0.2.7", ...headers },
        ...(body !== undefined && { body }),
      });
    const arabic = await (await ask("/", { accept: "text/html", "accept-language": "ar-EG,ar;q=0.9" })).text();
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    expect(arabic).toContain("<h1>تسجيل الدخول أو التسجيل</h1>");
    const before = mails.length;
    const form = { accept: "text/html", "accept-language": "de-AT,de;q=0.9", "content-type": "application/x-www-form-urlencoded" };
    expect((await ask("/magic", form, "email=lena%40example.com")).status).toBe(303);
    expect(await mailAfter(before)).toMatchObject({ to: "lena@example.com", subject: "Registrierung bei Sesame abschließen" });
    const refused = await ask("/magic", { "content-type": "application/json", "accept-language": "fr-CA" }, '{"email":"lena"}');
    expect(await refused.json()).toEqual({
      error: { code: "invalid_email", message: "Une adresse e-mail doit contenir exactement un @, comme dans nom@example.com." },
    });
  });

  it("logs in with the mailed code in the browser that asked", async () => {
    const bob = browser();
    let before = mails.length;
    await bob("/magic", { email: "bob@example.com" });
    await bob("/signup", { token: tokenIn(await mailAfter(before)), name: "Bob" });
    await bob("/logout", {});
    before = mails.length;
    await bob("/magic", { email: "bob@example.com" });
    const code = (await mailAfter(before)).text.match(/^ {4}(\d{6})$/m)![1]!;
    expect((await bob("/code", { code })).status).toBe(303);
    expect((await bob("/session")).status).toBe(200);
  });

  it("retries a mail the provider refused on the cron trigger, and sends it once", async () => {
    const worker = (await mf.getWorker()) as unknown as { scheduled(options: { cron: string }): Promise<{ outcome: string }> };
    refuseNext.add("cy@example.com");
    const cy = browser();
    expect((await cy("/magic", { email: "cy@example.com" })).status).toBe(303);
    // The first try (after the answer) was refused: nothing delivered yet.
    await expect.poll(() => refused).toBe(1);
    expect(mails.filter((mail) => mail.to === "cy@example.com")).toHaveLength(0);
    // The retry is due about a second later (SESAME_MAIL_RETRY_SECONDS=1); each cron run sends what is due.
    await expect
      .poll(
        async () => {
          expect((await worker.scheduled({ cron: "* * * * *" })).outcome).toBe("ok");
          return mails.filter((mail) => mail.to === "cy@example.com").length;
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(1);
    // Delivered rows are not sent again by later runs.
    expect((await worker.scheduled({ cron: "* * * * *" })).outcome).toBe("ok");
    const sent = mails.filter((mail) => mail.to === "cy@example.com");
    expect(sent).toHaveLength(1);
    expect((await cy("/signup", { token: tokenIn(sent[0]!), name: "Cy" })).status).toBe(303);
  });
});

describe("the Worker's cold start", () => {
  it("loads none of what link requests, their redemption and session checks do not use, and stays within its budget", () => {
    // Built by beforeAll; each of these is loaded with the first request (or call, or pass) that needs it.
    const { entry } = workerSizes();
    const deferred = [
      "src/core/cross-device/code.ts",
      "src/core/cross-device/approval.ts",
      "src/core/account/account.ts",
      "src/core/account/email-change.ts",
      "src/core/account/operators.ts",
      "src/core/account/invite.ts",
      "src/core/tokens/access-token.ts",
      "src/core/events/webhooks.ts",
      "src/store/cross-device-sql.ts",
      "src/store/email-change-sql.ts",
      "src/store/account-sql.ts",
      "src/store/event-reads-sql.ts",
      "src/store/outbox-claim-sql.ts",
      "src/store/purge-sql.ts",
      "src/store/signing-key-sql.ts",
      "src/mail/http/send-json.ts",
      "src/mail/http/resend.ts",
      "src/mail/http/postmark.ts",
      "src/mail/http/ses.ts",
      "src/http/routes/cross-device.ts",
      "src/http/routes/tokens.ts",
      "src/http/routes/account.ts",
      "src/http/routes/admin.ts",
      "src/metrics/analytics-engine.ts",
    ];
    expect(entry.sources).toContain("src/core/links/request-link.ts");
    expect(entry.sources.filter((source) => deferred.includes(source))).toEqual([]);
    expect(entry.gzipped).toBeLessThanOrEqual(WORKER_START_BUDGET);
  });
});

describe("the Worker's webhooks", () => {
  it("posts an account's events signed after the answer, and the cron trigger delivers what a receiver that was down missed", async () => {
    const worker = (await mf.getWorker()) as unknown as { scheduled(options: { cron: string }): Promise<{ outcome: string }> };
    const dan = browser();
    const before = mails.length;
    expect((await dan("/magic", { email: "dan@example.com" })).status).toBe(303);
    const mail = await mailAfter(before);
    hooksDown = true;
    expect((await dan("/signup", { token: tokenIn(mail), name: "Dan" })).status).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooks.filter((hook) => hook.email === "dan@example.com")).toEqual([]);
    hooksDown = false;
    await expect
      .poll(
        async () => {
          expect((await worker.scheduled({ cron: "* * * * *" })).outcome).toBe("ok");
          return hooks
            .filter((hook) => hook.email === "dan@example.com")
            .map((hook) => hook.type)
            .sort();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toEqual(["account.created", "session.created"]);
    // A logout: its event goes out with the answer, no cron needed.
    expect((await dan("/logout", {})).status).toBe(303);
    await expect.poll(() => hooks.filter((hook) => hook.email === "dan@example.com" && hook.type === "session.revoked")).toHaveLength(1);
  });
});

describe("the Worker's look, from its variables", () => {
  it("uses SESAME_ACCENT_COLOR and SESAME_LOGO_URL on its pages and in its mail, and refuses a bad one by name", async () => {
    const bindings = {
      SESAME_BASE_URL: BASE,
      SESAME_SECRET: "a test secret that is long enough to use",
      SESAME_MAILER: "dev",
      SESAME_APP_NAME: "Acme",
      SESAME_ACCENT_COLOR: "#0a7d32",
      SESAME_LOGO_URL: "https://cdn.example.com/acme.svg",
    };
    const { SESAME_ACCENT_COLOR: _accent, SESAME_LOGO_URL: _logo, ...bare } = bindings;
    const dressed = new Miniflare({ modules: true, scriptPath: await buildWorker(), compatibilityDate: "2025-04-01", d1Databases: ["DB"], bindings });
    try {
      const home = await (await dressed.dispatchFetch(`${BASE}/`)).text();
      expect(home).toContain('<img class="logo" src="https://cdn.example.com/acme.svg"');
      expect((await (await dressed.dispatchFetch(`${BASE}/assets/sesame.css`)).text()).toLowerCase()).toContain("#0a7d32");
      await dressed.dispatchFetch(`${BASE}/magic`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"gil@example.com"}' });
      const mailbox = async () =>
        ((await (await dressed.dispatchFetch(`${BASE}/_dev/mail`, { headers: { accept: "application/json" } })).json()) as { messages: { html: string }[] })
          .messages;
      await expect.poll(async () => (await mailbox()).length).toBe(1);
      expect((await mailbox())[0]!.html).toContain('bgcolor="#0a7d32"');
      const plain = new Miniflare({
        modules: true,
        scriptPath: await buildWorker(),
        compatibilityDate: "2025-04-01",
        d1Databases: ["DB"],
        bindings: bare,
      });
      try {
        expect(await (await plain.dispatchFetch(`${BASE}/`)).text()).not.toContain("acme.svg");
        expect((await (await plain.dispatchFetch(`${BASE}/assets/sesame.css`)).text()).toLowerCase()).not.toContain("#0a7d32");
      } finally {
        await plain.dispose();
      }
      await dressed.setOptions({
        modules: true,
        scriptPath: await buildWorker(),
        compatibilityDate: "2025-04-01",
        d1Databases: ["DB"],
        bindings: { ...bindings, SESAME_ACCENT_COLOR: "green" },
      });
      const refused = await dressed.dispatchFetch(`${BASE}/`);
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain("SESAME_ACCENT_COLOR");
    } finally {
      await dressed.dispose();
    }
  });
});

describe("the Worker under wrangler dev's settings: the development mailbox", () => {
  it("S28: shows the mail at /_dev/mail on a loopback base URL, and refuses to start on any other", async () => {
    const bindings = { SESAME_BASE_URL: BASE, SESAME_SECRET: "a test secret that is long enough to use", SESAME_MAILER: "dev" };
    const dev = new Miniflare({ modules: true, scriptPath: await buildWorker(), compatibilityDate: "2025-04-01", d1Databases: ["DB"], bindings });
    try {
      const asked = await dev.dispatchFetch(`${BASE}/magic`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: '{"email":"dee@example.com"}',
      });
      expect(asked.status).toBe(202);
      await expect
        .poll(
          async () =>
            ((await (await dev.dispatchFetch(`${BASE}/_dev/mail`, { headers: { accept: "application/json" } })).json()) as { messages: { to: string }[] })
              .messages,
        )
        .toEqual([expect.objectContaining({ to: "dee@example.com", kind: "signup" })]);
      await dev.setOptions({
        modules: true,
        scriptPath: await buildWorker(),
        compatibilityDate: "2025-04-01",
        d1Databases: ["DB"],
        bindings: { ...bindings, SESAME_BASE_URL: "https://auth.example.com" },
      });
      const refused = await dev.dispatchFetch("https://auth.example.com/");
      expect(refused.status).toBe(503);
      expect(await refused.text()).toMatch(/^Sesame is not configured: the development mailbox shows login links/);
    } finally {
      await dev.dispose();
    }
  });
});

describe("two Workers on one D1 database", () => {
  it("S20: asked for their key set at the same moment on a new database, they serve the same one key", async () => {
    const script = await buildWorker();
    const bindings = { SESAME_BASE_URL: BASE, SESAME_SECRET: "a test secret that is long enough to use", SESAME_MAILER: "dev" };
    const worker = (name: string) => ({ name, modules: true, scriptPath: script, compatibilityDate: "2025-04-01", d1Databases: { DB: "shared-d1" }, bindings });
    const pair = new Miniflare({ workers: [worker("first"), worker("second")] });
    try {
      // miniflare's Worker handle has fetch at run time; its type here is the bare service binding.
      const workers = (await Promise.all(["first", "second"].map((name) => pair.getWorker(name)))) as unknown as { fetch(url: string): Promise<Response> }[];
      const answers = await Promise.all(workers.map((w) => w.fetch(`${BASE}/.well-known/jwks.json`)));
      const sets = await Promise.all(answers.map((answer) => answer.json() as Promise<{ keys: { kid: string }[] }>));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(sets[0]!.keys).toHaveLength(1);
      expect(sets[1]).toEqual(sets[0]);
    } finally {
      await pair.dispose();
    }
  });
});

runStoreContract("D1 on workerd", async () => {
  const db = (await mf.getD1Database("DB")) as unknown as D1Database;
  const executor = createD1Executor(db);
  // A fresh database for each test: drop everything, migrate again.
  await executor.batch(
    [
      "webhook_deliveries",
      "account_events",
      "mail_outbox",
      "link_tokens",
      "sessions",
      "rate_limits",
      "email_changes",
      "accounts",
      "signing_keys",
      "sesame_migrations",
    ].map((table) => ({
      sql: `DROP TABLE IF EXISTS ${table}`,
      params: [],
    })),
  );
  await migrate(executor, sqliteMigrations);
  return { store: new SqlStore(executor), close: () => undefined };
});
