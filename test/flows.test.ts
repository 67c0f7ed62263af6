import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, hiddenValue, makeSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;

describe("the sign-up and login flows, as a browser drives them", () => {
  let t: Harness;
  beforeEach(async () => {
    t = await makeSesame();
  });
  afterEach(() => t.close());

  async function signUp(browser = t.browser(), email = "Ada@Example.com", name = "Ada Lovelace") {
    await browser.post("/magic", { email });
    const link = t.lastLink();
    const form = await (await browser.get(link.pathname + link.search)).text();
    const response = await browser.post("/signup", { token: hiddenValue(form, "token"), name });
    return { browser, response };
  }

  it("signs up a new address: the page names sign-up, the link leads to a form, then an account and a session", async () => {
    const browser = t.browser();
    const home = await browser.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('name="email"');

    const requested = await browser.post("/magic", { email: "  Ada@Example.COM " });
    expect(requested.status).toBe(303);
    expect(requested.headers.get("location")).toBe("/sent");
    const sent = await (await browser.get("/sent")).text();
    expect(sent).toMatch(/sign-up/i);
    expect(sent).toContain("ada@example.com");
    expect(sent).toContain("No account uses this address yet");

    const mail = t.mailbox.list()[0]!;
    expect(mail).toMatchObject({ to: "ada@example.com", kind: "signup" });
    const link = new URL(mail.url);
    expect(link.origin + link.pathname).toBe(`${BASE_URL}/signup`);
    expect(mail.text).toContain(mail.url);

    const form = await browser.get(link.pathname + link.search);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain("ada@example.com");
    expect(formHtml).toContain('name="name"');

    const done = await browser.post("/signup", { token: hiddenValue(formHtml, "token"), name: "Ada Lovelace" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/");

    const session = await browser.get("/session");
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ account: { email: "ada@example.com", name: "Ada Lovelace" } });
    expect(await (await browser.get("/")).text()).toContain("ada@example.com");
  });

  it("logs in a known address: the page names login; a link opened in another browser asks for confirmation, then a session", async () => {
    await signUp();
    const asking = t.browser();
    await asking.post("/magic", { email: "ada@example.com" });
    const sent = await (await asking.get("/sent")).text();
    expect(sent).toMatch(/login link/i);
    expect(sent).not.toContain("No account uses this address yet");

    const mail = t.mailbox.list()[0]!;
    expect(mail).toMatchObject({ to: "ada@example.com", kind: "login" });
    const link = new URL(mail.url);
    expect(link.pathname).toBe("/login");

    const browser = t.browser();
    const confirm = await browser.get(link.pathname + link.search);
    const html = await confirm.text();
    // The full address: the link's holder has the mail, and look-alike accounts must be told apart.
    expect(html).toContain("Log in as ada@example.com?");
    expect(await (await browser.get("/session")).json()).toMatchObject({ error: { code: "unauthenticated" } });

    const done = await browser.post("/login", { token: hiddenValue(html, "token") });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/");
    expect(await (await browser.get("/session")).json()).toMatchObject({ account: { email: "ada@example.com", name: "Ada Lovelace" } });
  });

  it("S19: logout invalidates the session on the server, not only in the browser", async () => {
    const { browser } = await signUp();
    const stolen = new Map(browser.cookies);
    const out = await browser.post("/logout", {});
    expect(out.status).toBe(303);
    expect(browser.cookies.has("sesame_session")).toBe(false);
    const replay = await t.sesame.fetch(new Request(`${BASE_URL}/session`, { headers: { cookie: `sesame_session=${stolen.get("sesame_session")}` } }));
    expect(replay.status).toBe(401);
  });

  it("a sign-up link used again, or after the address got an account, offers a login link instead of a second account", async () => {
    const browser = t.browser();
    await browser.post("/magic", { email: "bo@example.com" });
    const first = t.lastLink();
    await browser.post("/magic", { email: "bo@example.com" });
    const second = t.lastLink();
    expect(second.href).not.toBe(first.href);

    const done = await browser.post("/signup", { token: first.searchParams.get("token")!, name: "Bo" });
    expect(done.status).toBe(303);
    const again = await t.browser().post("/signup", { token: second.searchParams.get("token")!, name: "Bo 2" });
    expect(again.status).toBe(409);
    const page = await again.text();
    expect(page).toContain("bo@example.com");
    expect(page).toContain('action="/magic"');
    const opened = await t.browser().get(second.pathname + second.search);
    expect(opened.status).toBe(409);
  });

  it("each kind of bad link gets its own page with a form to ask again", async () => {
    await signUp();
    const browser = t.browser();
    await browser.post("/magic", { email: "ada@example.com" });
    const token = t.lastLink().searchParams.get("token")!;

    const unknown = await browser.post("/login", { token: "A".repeat(43) });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/not valid/i);

    t.advance(10 * 60_000 + 1000);
    const expired = await browser.post("/login", { token });
    expect(expired.status).toBe(410);
    const expiredPage = await expired.text();
    expect(expiredPage).toMatch(/expired/i);
    expect(expiredPage).toContain('action="/magic"');
  });

  it("a used login link says so", async () => {
    await signUp();
    await t.browser().post("/magic", { email: "ada@example.com" });
    const token = t.lastLink().searchParams.get("token")!;
    expect((await t.browser().post("/login", { token })).status).toBe(303);
    const used = await t.browser().post("/login", { token });
    expect(used.status).toBe(410);
    expect(await used.text()).toMatch(/already (been )?used/i);
  });

  it("the sign-up form's fields are configurable and validated", async () => {
    t.close();
    t = await makeSesame({
      signupFields: [
        { name: "name", label: "Name", required: true, maxLength: 10 },
        { name: "company", label: "Company", maxLength: 20 },
      ],
    });
    const browser = t.browser();
    await browser.post("/magic", { email: "cy@example.com" });
    const token = t.lastLink().searchParams.get("token")!;
    const tooLong = await browser.post("/signup", { token, name: "x".repeat(11), company: "" });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("at most 10 characters");
    const missing = await browser.post("/signup", { token, name: "  ", company: "" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Name is required");
    const ok = await browser.post("/signup", { token, name: "Cy", company: "Acme" });
    expect(ok.status).toBe(303);
    expect(await (await browser.get("/session")).json()).toMatchObject({ account: { name: "Cy", profile: { company: "Acme" } } });
  });

  it("after login, lands on the configured path", async () => {
    t.close();
    t = await makeSesame({ afterLoginPath: "/app/dashboard" });
    const { response } = await signUp();
    expect(response.headers.get("location")).toBe("/app/dashboard");
  });
});

describe("the same endpoints in JSON", () => {
  let t: Harness;
  beforeEach(async () => {
    t = await makeSesame();
  });
  afterEach(() => t.close());

  function json(path: string, body?: unknown, cookie?: string) {
    return t.sesame.fetch(
      new Request(`${BASE_URL}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...(cookie ? { cookie } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  }

  it("requests, signs up, checks the session and logs in again", async () => {
    const first = await json("/magic", { email: "dee@example.com" });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ sent: "signup", approvalNumber: expect.stringMatching(/^[0-9]{2}$/) });

    const token = t.lastLink().searchParams.get("token")!;
    const inspected = await json(`/signup?token=${token}`);
    expect(await inspected.json()).toMatchObject({ kind: "signup", email: "dee@example.com" });

    const created = await json("/signup", { token, name: "Dee" });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ account: { email: "dee@example.com", name: "Dee" } });
    const cookie = created.headers
      .getSetCookie()
      .find((c) => c.startsWith("sesame_session="))!
      .split(";")[0]!;
    expect(await (await json("/session", undefined, cookie)).json()).toMatchObject({ account: { email: "dee@example.com" } });

    const second = await json("/magic", { email: "DEE@example.com" });
    expect(await second.json()).toEqual({ sent: "login", approvalNumber: expect.stringMatching(/^[0-9]{2}$/) });
    const loginToken = t.lastLink().searchParams.get("token")!;
    const login = await json("/login", { token: loginToken });
    expect(login.status).toBe(200);
    const again = await json("/login", { token: loginToken });
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ error: { code: "token_used", message: expect.any(String) } });
  });

  it("errors are JSON with a code and a message", async () => {
    const bad = await json("/magic", { email: "not-an-address" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "invalid_email", message: expect.any(String) } });
    const session = await json("/session");
    expect(session.status).toBe(401);
  });

  it("/healthz answers when the store does", async () => {
    const health = await json("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });
});

describe("when the database is unavailable", () => {
  it("answers 503 with a clear page or JSON, and a log line", async () => {
    const t = await makeSesame();
    try {
      t.db.close();
      const page = await t.browser().post("/magic", { email: "ada@example.com" });
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("30");
      expect(await page.text()).toMatch(/cannot reach its database/);
      const health = await t.sesame.fetch(new Request(`${BASE_URL}/healthz`, { headers: { accept: "application/json" } }));
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ error: { code: "store_unavailable" } });
      expect(t.logs.some((r) => r.event === "store_unavailable" && r.level === "error")).toBe(true);
      expect(t.mailbox.list()).toHaveLength(0);
    } finally {
      t.close();
    }
  });
});

describe("expired rows", () => {
  it("are purged by the instance itself, at most once an hour, a week after they expire", async () => {
    const t = await makeSesame();
    const tokens = async () => Number((await t.db.executor.batch([{ sql: "SELECT count(*) AS n FROM link_tokens", params: [] }]))[0]![0]!.n);
    try {
      await t.browser().post("/magic", { email: "old@example.com" });
      // The link request started a purge in the background; idle() waits for it, as for the mail.
      await t.sesame.idle();
      expect(t.logs.filter((r) => r.event === "purge.done")).toHaveLength(1);
      expect(await tokens()).toBe(1);
      t.advance(8 * 3600_000 + 7 * 24 * 3600_000 - 1000); // the sign-up link expired just under a week ago
      await t.browser().post("/magic", { email: "new@example.com" });
      await t.sesame.idle();
      expect(await tokens()).toBe(2);
      t.advance(2000); // now over a week; but the last purge ran moments ago
      await t.browser().post("/magic", { email: "newer@example.com" });
      await t.sesame.idle();
      expect(await tokens()).toBe(3);
      t.advance(3600_000);
      await t.browser().post("/magic", { email: "newest@example.com" });
      await t.sesame.idle();
      expect(await tokens()).toBe(3);
      expect(t.logs.filter((r) => r.event === "purge.done").map((r) => r.linkTokens)).toEqual([0, 0, 1]);
    } finally {
      t.close();
    }
  });

  it("are left to the next purge by a draining instance: none starts, and one under way stops after its step", async () => {
    const backlog = 5000; // three steps of at most 2 000 rows
    const limits = async (t: Harness) =>
      Number((await t.db.executor.batch([{ sql: "SELECT count(*) AS n FROM rate_limits WHERE tat = 1", params: [] }]))[0]![0]!.n);
    // Not settled: the answer comes back while the work it started (the purge) is under way.
    const withBacklog = async () => {
      const t = await makeSesame({}, { settle: false });
      await t.db.executor.batch([
        {
          sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) INSERT INTO rate_limits (key, tat) SELECT 'old-' || i, 1 FROM n`,
          params: [backlog],
        },
      ]);
      return t;
    };

    const drained = await withBacklog();
    try {
      drained.sesame.drain();
      expect((await drained.browser().post("/magic", { email: "ada@example.com" })).status).toBe(303);
      await drained.sesame.idle();
      expect(drained.logs.filter((r) => String(r.event).startsWith("purge."))).toEqual([]);
      expect(await limits(drained)).toBe(backlog);
    } finally {
      drained.close();
    }

    const stopping = await withBacklog();
    try {
      expect((await stopping.browser().post("/magic", { email: "ada@example.com" })).status).toBe(303);
      // The purge the request started is under way (its first step at most): the server begins to stop.
      stopping.sesame.drain();
      await stopping.sesame.idle();
      expect(await limits(stopping)).toBeGreaterThanOrEqual(backlog - 2000);
      const [stopped, ...more] = stopping.logs.filter((r) => String(r.event).startsWith("purge."));
      expect(more).toEqual([]);
      expect(stopped).toMatchObject({ event: "purge.stopped", stopped: true });
      expect(await limits(stopping)).toBe(backlog - Number(stopped!.rateLimits));
    } finally {
      stopping.close();
    }
  });
});

describe("the library API", () => {
  it("runs the flows as methods returning outcomes, and authenticates a host app's requests", async () => {
    const t = await makeSesame();
    try {
      const { sesame } = t;
      expect(await sesame.requestLink("nope")).toMatchObject({ ok: false, reason: "invalid_email" });
      expect(await sesame.requestLink("Eve@Example.com")).toEqual({ ok: true, kind: "signup", email: "eve@example.com" });
      const token = t.lastLink().searchParams.get("token")!;
      expect(await sesame.inspectLink("signup", token)).toMatchObject({ status: "valid", email: "eve@example.com" });
      const created = await sesame.completeSignup(token, { name: "Eve" });
      if (!created.ok) throw new Error(created.reason);
      expect(created.account).toMatchObject({ email: "eve@example.com", name: "Eve" });

      const request = new Request("http://localhost:8787/app", { headers: { cookie: `theme=dark; sesame_session=${created.session.token}` } });
      expect(await sesame.authenticate(request)).toMatchObject({ account: { email: "eve@example.com" } });
      expect(await sesame.authenticate(new Request("http://localhost:8787/app"))).toBeNull();
      // Headers alone, as Next.js's headers() gives them in a server component.
      expect(await sesame.authenticate(new Headers(request.headers))).toMatchObject({ account: { email: "eve@example.com" } });

      await sesame.revokeSession(created.session.token);
      expect(await sesame.validateSession(created.session.token)).toBeNull();

      await sesame.requestLink("eve@example.com");
      const login = await sesame.redeemLogin(t.lastLink().searchParams.get("token")!);
      expect(login.ok).toBe(true);
      expect(await sesame.redeemLogin("x")).toEqual({ ok: false, reason: "invalid" });
    } finally {
      t.close();
    }
  });

  it("refuses bad options with a stable error code", async () => {
    const { createSesame } = await import("../src/index.js");
    const t = await makeSesame();
    try {
      const base = { store: t.db.store, mailer: t.mailbox };
      for (const options of [
        { ...base, baseUrl: "not a url" },
        { ...base, baseUrl: "ftp://example.com" },
        { ...base, baseUrl: "https://example.com/?x=1" },
        { ...base, baseUrl: "https://example.com", signupLinkTtlSeconds: 25 * 3600 },
        { ...base, baseUrl: "https://example.com", afterLoginPath: "//evil.example" },
        { ...base, baseUrl: "https://example.com", signupFields: [{ name: "email", label: "E-mail" }] },
      ]) {
        expect(() => createSesame(options), JSON.stringify(options.baseUrl)).toThrow(expect.objectContaining({ code: "invalid_options" }));
      }
    } finally {
      t.close();
    }
  });
});

describe("sign-up fields named like built-in properties", () => {
  it("are read from the form, not from Object.prototype", async () => {
    const t = await makeSesame({ signupFields: [{ name: "constructor", label: "Builder", required: true }] });
    try {
      const browser = t.browser();
      await browser.post("/magic", { email: "bob@example.com" });
      const token = t.lastLink().searchParams.get("token")!;
      const missing = await browser.post("/signup", { token });
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain("Builder is required");
      expect((await browser.post("/signup", { token, constructor: "Bob" })).status).toBe(303);
    } finally {
      t.close();
    }
  });
});
