/**
 * The security checklist, requirement by requirement, over HTTP. Each test names
 * the requirement it proves and would fail without it.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mailerUnavailable, mailRejected } from "../src/core/errors.js";
import { generateToken } from "../src/core/token.js";
import { createSesame } from "../src/index.js";
import { BASE_URL, makeSesame, T0, checkedSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;

async function count(t: Harness, table: string): Promise<number> {
  const [rows] = await t.db.executor.batch([{ sql: `SELECT count(*) AS n FROM ${table}`, params: [] }]);
  return Number(rows![0]!.n);
}

describe("security checklist over HTTP", () => {
  let t: Harness;
  beforeEach(async () => {
    t = await makeSesame();
  });
  afterEach(() => t.close());

  async function account(email = "ada@example.com") {
    const browser = t.browser();
    await browser.post("/magic", { email });
    await browser.post("/signup", { token: t.lastLink(email).searchParams.get("token")!, name: "Ada" });
    return browser;
  }

  async function loginToken(email = "ada@example.com") {
    await t.browser().post("/magic", { email });
    const link = t.lastLink(email);
    expect(link.pathname).toBe("/login");
    return link.searchParams.get("token")!;
  }

  it("S01: link tokens are 32 random bytes from the injected CSPRNG, base64url", async () => {
    const sizes: number[] = [];
    const random = (bytes: Uint8Array) => {
      sizes.push(bytes.length);
      return crypto.getRandomValues(bytes);
    };
    const token = generateToken(random);
    expect(sizes).toEqual([32]);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const many = new Set(Array.from({ length: 1000 }, () => generateToken((b) => crypto.getRandomValues(b))));
    expect(many.size).toBe(1000);
    await t.browser().post("/magic", { email: "ada@example.com" });
    expect(t.lastLink().searchParams.get("token")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("S02: no raw link token, session secret, pending secret or code in the database file, its WAL, or the logs", async () => {
    const browser = await account();
    const signupToken = t.mailbox.list()[0]!.url.split("token=")[1]!;
    const token = await loginToken();
    await browser.post("/login", { token });
    const session = browser.cookies.get("sesame_session")!;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const asking = t.browser();
    await asking.post("/magic", { email: "ada@example.com" });
    const pending = asking.cookies.get("sesame_pending")!;
    const code = t.mailbox.list()[0]!.text.match(/^ {4}(\d{6})$/m)![1]!;
    expect(pending).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bytes = [t.dbPath, `${t.dbPath}-wal`]
      .filter(existsSync)
      .map((p) => readFileSync(p).toString("latin1"))
      .join("");
    expect(bytes).toContain("ada@example.com"); // the scan does see the data
    expect(t.logText()).not.toContain(`"${code}"`);
    for (const secret of [signupToken, token, session, pending]) {
      expect(bytes).not.toContain(secret);
      expect(t.logText()).not.toContain(secret);
    }
  });

  it("S03: 50 parallel POST /login with one token give exactly one session", async () => {
    await account();
    const token = await loginToken();
    const sessionsBefore = await count(t, "sessions");
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.browser().post("/login", { token })));
    const winners = responses.filter((r) => r.status === 303 && r.headers.getSetCookie().some((c) => c.startsWith("sesame_session=")));
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 410)).toHaveLength(49);
    expect(await count(t, "sessions")).toBe(sessionsBefore + 1);
  });

  it("S03: 20 parallel POST /signup with one token create one account", async () => {
    await t.browser().post("/magic", { email: "bo@example.com" });
    const token = t.lastLink().searchParams.get("token")!;
    const responses = await Promise.all(Array.from({ length: 20 }, () => t.browser().post("/signup", { token, name: "Bo" })));
    expect(responses.filter((r) => r.status === 303)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await count(t, "accounts")).toBe(1);
  });

  it("S03: two sign-up tokens for one address redeemed in parallel create one account", async () => {
    await t.browser().post("/magic", { email: "cy@example.com" });
    const first = t.lastLink().searchParams.get("token")!;
    await t.browser().post("/magic", { email: "CY@example.com" });
    const second = t.lastLink().searchParams.get("token")!;
    expect(first).not.toBe(second);
    const responses = await Promise.all([first, second].map((token) => t.browser().post("/signup", { token, name: "Cy" })));
    expect(responses.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await count(t, "accounts")).toBe(1);
  });

  it("S04: a sign-up token fails at /login, and a login token at /signup", async () => {
    await t.browser().post("/magic", { email: "dee@example.com" });
    const signupToken = t.lastLink().searchParams.get("token")!;
    expect((await t.browser().post("/login", { token: signupToken })).status).toBe(400);
    expect((await t.browser().get(`/login?token=${signupToken}`)).status).toBe(400);
    await account("eve@example.com");
    const token = await loginToken("eve@example.com");
    expect((await t.browser().post("/signup", { token, name: "Mallory" })).status).toBe(400);
    expect((await t.browser().get(`/signup?token=${token}`)).status).toBe(400);
    expect(await count(t, "accounts")).toBe(1);
    // Both still work where they belong.
    expect((await t.browser().post("/signup", { token: signupToken, name: "Dee" })).status).toBe(303);
    expect((await t.browser().post("/login", { token })).status).toBe(303);
  });

  it("S05: with the injected clock, a login link works 1 s before 10 minutes and not 1 s after; sign-up likewise at 8 hours", async () => {
    await account();
    const early = await loginToken();
    const late = await loginToken();
    t.advance(10 * 60_000 - 1000);
    expect((await t.browser().post("/login", { token: early })).status).toBe(303);
    t.advance(2000);
    expect((await t.browser().post("/login", { token: late })).status).toBe(410);

    await t.browser().post("/magic", { email: "fay@example.com" });
    const signupEarly = t.lastLink().searchParams.get("token")!;
    await t.browser().post("/magic", { email: "gus@example.com" });
    const signupLate = t.lastLink().searchParams.get("token")!;
    t.advance(8 * 3600_000 - 1000);
    expect((await t.browser().post("/signup", { token: signupEarly, name: "Fay" })).status).toBe(303);
    t.advance(2000);
    const expired = await t.browser().post("/signup", { token: signupLate, name: "Gus" });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/i);
  });

  it("S07/S08: five GETs and five HEADs leave the link usable; token pages send no-referrer and no-store; the landing URL has no token", async () => {
    await account();
    const token = await loginToken();
    for (let i = 0; i < 5; i++) {
      const get = await t.sesame.fetch(new Request(`${BASE_URL}/login?token=${token}`));
      expect(get.status).toBe(200);
      expect(get.headers.get("referrer-policy")).toBe("no-referrer");
      expect(get.headers.get("cache-control")).toBe("no-store");
      const head = await t.sesame.fetch(new Request(`${BASE_URL}/login?token=${token}`, { method: "HEAD" }));
      expect(head.status).toBe(200);
    }
    const redeemed = await t.browser().post("/login", { token });
    expect(redeemed.status).toBe(303);
    expect(redeemed.headers.get("location")).toBe("/"); // the token travelled in the POST body; the landing URL is clean
    expect(redeemed.headers.get("referrer-policy")).toBe("no-referrer");

    await t.browser().post("/magic", { email: "new@example.com" });
    const signupToken = t.lastLink().searchParams.get("token")!;
    for (let i = 0; i < 5; i++) {
      await t.sesame.fetch(new Request(`${BASE_URL}/signup?token=${signupToken}`));
      await t.sesame.fetch(new Request(`${BASE_URL}/signup?token=${signupToken}`, { method: "HEAD" }));
    }
    const created = await t.browser().post("/signup", { token: signupToken, name: "New" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/");
  });

  it("S09: the link's origin comes from configuration, never the Host or X-Forwarded-Host header", async () => {
    const response = await t.sesame.fetch(
      new Request("http://evil.example/magic", {
        method: "POST",
        headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "content-type": "application/json" },
        body: JSON.stringify({ email: "hal@example.com" }),
      }),
    );
    expect(response.status).toBe(202);
    const mail = t.mailbox.list()[0]!;
    expect(new URL(mail.url).origin).toBe(BASE_URL);
    expect(mail.text + mail.html).not.toContain("evil.example");
  });

  it("S15: state-changing POSTs from another site are refused and change nothing; same-origin forms and non-browser clients pass", async () => {
    const browser = await account();
    const token = await loginToken();
    const crossSite: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site", origin: "https://sub.localhost:8787" },
      { "sec-fetch-site": "cross-site", origin: "null" },
      { origin: "https://evil.example" },
    ];
    for (const headers of crossSite) {
      for (const [path, fields] of [
        ["/magic", { email: "eve@example.com" }],
        ["/login", { token }],
        ["/logout", {}],
        ["/signup", { token, name: "x" }],
      ] as const) {
        const response = await t.browser().post(path, fields, headers);
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(await response.text()).toContain("sent from another site");
      }
    }
    expect(t.mailbox.list().filter((m) => m.to === "eve@example.com")).toHaveLength(0);
    expect((await browser.get("/session")).status).toBe(200); // the cross-site logout did nothing

    // What Chromium sends for a same-origin form on a no-referrer page: Origin null, Sec-Fetch-Site same-origin.
    const sameOrigin = await t.browser().post("/login", { token }, { "sec-fetch-site": "same-origin", origin: "null" });
    expect(sameOrigin.status).toBe(303);
    const json = await t.sesame.fetch(
      new Request(`${BASE_URL}/magic`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"eve@example.com"}' }),
    );
    expect(json.status).toBe(202);
  });

  it("S16: the mail goes to the canonical address, and look-alike spellings reach the same account", async () => {
    await account("kate@example.com");
    // U+212A KELVIN SIGN is canonically equivalent to K: NFC folds it, and the mail goes to the stored address.
    const response = await t.browser().post("/magic", { email: "\u212Aate@EXAMPLE.com" });
    expect(response.status).toBe(303);
    expect(t.mailbox.list()[0]).toMatchObject({ to: "kate@example.com", kind: "login" });
    for (const trick of [
      "\u0131da@example.com",
      "\u017Fam@example.com",
      "kate\uFF20example.com",
      "kate@example.com\r\nBcc: x@evil.example",
      "kate@example.com,x@evil.example",
    ]) {
      const refused = await t.browser().post("/magic", { email: trick });
      expect(refused.status, trick).toBe(400);
    }
    expect(await count(t, "link_tokens")).toBe(2);
  });

  it("S17: logging in replaces the browser's session with a new id and ends the old one on the server", async () => {
    const browser = await account();
    const before = browser.cookies.get("sesame_session")!;
    const token = await loginToken();
    await browser.post("/login", { token });
    const after = browser.cookies.get("sesame_session")!;
    expect(after).not.toBe(before);
    const old = await t.sesame.fetch(new Request(`${BASE_URL}/session`, { headers: { cookie: `sesame_session=${before}` } }));
    expect(old.status).toBe(401);
    expect((await browser.get("/session")).status).toBe(200);
  });

  it("S18: the session cookie is HttpOnly, SameSite=Lax, Path=/, without Domain; on https also Secure with the __Host- prefix", async () => {
    await t.browser().post("/magic", { email: "ivy@example.com" });
    const created = await t.browser().post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ivy" });
    const cookie = created.headers.getSetCookie().find((c) => c.startsWith("sesame_session="))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).not.toMatch(/; Secure/i);

    const secure = await makeSesame({ baseUrl: "https://auth.example.com" });
    try {
      await secure.sesame.fetch(
        new Request("https://auth.example.com/magic", { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"jo@example.com"}' }),
      );
      const token = secure.lastLink().searchParams.get("token")!;
      const response = await secure.sesame.fetch(
        new Request("https://auth.example.com/signup", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `token=${token}&name=Jo`,
        }),
      );
      const hostCookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-sesame_session="))!;
      expect(hostCookie).toMatch(/; Secure/i);
      expect(hostCookie).toMatch(/; Path=\//i);
      expect(hostCookie).toMatch(/; HttpOnly/i);
      expect(hostCookie).not.toMatch(/Domain=/i);
    } finally {
      secure.close();
    }
  });

  it("S19: a session ends after the idle timeout, and is extended by use", async () => {
    t.close();
    t = await makeSesame({ sessionIdleTimeoutSeconds: 3600, sessionAbsoluteTimeoutSeconds: 4 * 3600 });
    const browser = await account();
    t.advance(50 * 60_000);
    expect((await browser.get("/session")).status).toBe(200); // used with 10 min left: extended to an hour from now
    t.advance(50 * 60_000);
    expect((await browser.get("/session")).status).toBe(200);
    t.advance(61 * 60_000);
    expect((await browser.get("/session")).status).toBe(401);
  });

  it("S19: a session ends at the absolute timeout however often it is used", async () => {
    t.close();
    t = await makeSesame({ sessionIdleTimeoutSeconds: 3600, sessionAbsoluteTimeoutSeconds: 2 * 3600 });
    const browser = await account();
    for (let i = 0; i < 4; i++) {
      t.advance(40 * 60_000);
      const status = (await browser.get("/session")).status;
      expect(status).toBe(i < 2 ? 200 : 401);
    }
  });

  it("S23: authentication events are structured records with masked addresses and no tokens", async () => {
    t.close();
    t = await makeSesame({ rateLimits: { perAddress: [{ limit: 3, periodSeconds: 3600 }], perClient: [] } });
    const browser = await account("lena@example.com");
    const token = await loginToken("lena@example.com");
    await browser.post("/login", { token });
    await browser.post("/login", { token });
    await browser.post("/logout", {});
    await browser.post("/magic", { email: "lena@example.com" });
    await browser.post("/magic", { email: "lena@example.com" }); // the fourth within the hour: refused
    await browser.post("/magic", { email: "lena@example.com", website: "bot" });
    const events = t.logs.map((record) => record.event);
    expect(events).toEqual(
      expect.arrayContaining([
        "link.requested",
        "link.sent",
        "signup.succeeded",
        "login.succeeded",
        "login.failed",
        "logout",
        "rate_limit.hit",
        "honeypot.hit",
      ]),
    );
    for (const record of t.logs) expect(typeof record.level).toBe("string");
    const text = t.logText();
    expect(text).toContain("l…@example.com");
    expect(text).not.toContain("lena@example.com");
    expect(text).not.toContain(token);
    expect(t.logs.find((r) => r.event === "login.failed")).toMatchObject({ level: "warn", reason: "used" });
  });

  it("S22: every page carries a strict CSP without inline script, frame-ancestors 'none' and nosniff", async () => {
    for (const path of ["/", "/sent", "/login?token=x", "/signup?token=x", "/nowhere", "/_dev/mail"]) {
      const response = await t.browser().get(path);
      const csp = response.headers.get("content-security-policy")!;
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await response.text();
      expect(body).not.toMatch(/<script/i);
    }
  });

  it("S22: GET /session, built apart from the pages, carries the same security headers, logged in or not", async () => {
    const reference = await t.browser().get("/nowhere", { accept: "application/json" });
    const names = [
      "content-security-policy",
      "x-content-type-options",
      "x-frame-options",
      "referrer-policy",
      "cross-origin-opener-policy",
      "cross-origin-resource-policy",
      "cache-control",
    ];
    const anonymous = await t.browser().get("/session");
    const browser = t.browser();
    await browser.post("/magic", { email: "sam@example.com" });
    await browser.post("/signup", { token: new URL(t.mailbox.list()[0]!.url).searchParams.get("token")!, name: "Sam" });
    const signedIn = await browser.get("/session");
    expect([anonymous.status, signedIn.status]).toEqual([401, 200]);
    for (const response of [anonymous, signedIn]) {
      for (const name of names) expect(response.headers.get(name), name).toBe(reference.headers.get(name));
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-type")).toBe("application/json");
    }
  });
});

describe("S21: a mail the mail service refuses stays queued, sealed, and goes once when it can", () => {
  it("an instance with another secret leaves a queued mail for one that can open it, and never sends it", async () => {
    let down = true;
    const sent: string[] = [];
    const mailer = {
      send: async (message: { to: string }) => {
        if (down) throw new Error("connection refused");
        sent.push(message.to);
      },
    };
    const t = await makeSesame({ secret: "the secret this instance sealed with, 32+", mailer });
    try {
      await t.browser().post("/magic", { email: "rui@example.com" });
      await t.sesame.idle();
      down = false;
      t.advance(6_000);
      const misconfigured = createSesame({
        baseUrl: BASE_URL,
        store: t.db.store,
        mailer,
        secret: "some other secret, also 32 characters",
        now: () => T0 + 6_000,
        log: () => {},
        rateLimits: false,
      });
      expect(await misconfigured.deliverQueuedMail()).toEqual({ delivered: 0, retrying: 1, dropped: 0 });
      expect(sent).toEqual([]);
      t.advance(20_000);
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 1, retrying: 0, dropped: 0 });
      expect(sent).toEqual(["rui@example.com"]);
    } finally {
      t.close();
    }
  });

  it("two deliverers on one database, passing at once, send each of 20 queued mails exactly once", async () => {
    const secret = "one secret shared by both instances, 32+";
    let down = true;
    const sent: string[] = [];
    const mailer = {
      send: async (message: { to: string }) => {
        if (down) throw new Error("connection refused");
        await new Promise((resolve) => setTimeout(resolve, 2)); // a send takes a moment, so the passes overlap
        sent.push(message.to);
      },
    };
    const t = await makeSesame({ secret, mailer });
    try {
      for (let i = 0; i < 20; i++) await t.browser().post("/magic", { email: `q${i}@example.com` });
      await t.sesame.idle();
      down = false;
      t.advance(6_000);
      const other = checkedSesame(
        createSesame({ baseUrl: BASE_URL, store: t.db.store, mailer, secret, now: () => T0 + 6_000, log: () => {}, rateLimits: false }),
      );
      const [mine, theirs] = await Promise.all([t.sesame.deliverQueuedMail(), other.deliverQueuedMail()]);
      console.log(`two deliverers at once: ${mine.delivered} + ${theirs.delivered} delivered, ${sent.length} sent, ${new Set(sent).size} distinct`);
      expect(mine.delivered + theirs.delivered).toBe(20);
      expect(sent).toHaveLength(20);
      expect(new Set(sent).size).toBe(20);
    } finally {
      t.close();
    }
  });

  it("retries with backoff, sends it once, and drops a mail whose link expired instead of sending it late", async () => {
    let down = true;
    let attempts = 0;
    const sent: string[] = [];
    const t = await makeSesame({
      mailer: {
        send: async (message) => {
          attempts++;
          if (down) throw new Error("connection refused");
          sent.push(message.url);
        },
      },
    });
    try {
      // The answer does not wait for the mail service: the link and its mail are stored together.
      const response = await t.browser().post("/magic", { email: "kim@example.com" });
      expect(response.status).toBe(303);
      await t.sesame.idle();
      expect(attempts).toBe(1);
      expect(await count(t, "link_tokens")).toBe(1);
      const [rows] = await t.db.executor.batch([{ sql: "SELECT attempts, delivered_at, sealed FROM mail_outbox", params: [] }]);
      expect(rows).toEqual([{ attempts: 1, delivered_at: null, sealed: expect.stringMatching(/^v1\.[A-Za-z0-9_-]+$/) }]);
      expect(t.logs.filter((r) => r.event === "mail.failed")).toHaveLength(1);

      // Not due yet: a pass sends nothing.
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 0, retrying: 0, dropped: 0 });
      t.advance(6_000); // past the first delay (5 s ±20 %), still down
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 0, retrying: 1, dropped: 0 });
      expect(attempts).toBe(2);

      down = false;
      t.advance(60_000); // past the second delay (10 s ±20 %)
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 1, retrying: 0, dropped: 0 });
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 0, retrying: 0, dropped: 0 });
      expect(sent).toHaveLength(1);
      const token = new URL(sent[0]!).searchParams.get("token")!;
      expect((await t.browser().post("/signup", { token, name: "Kim" })).status).toBe(303);

      // Down again, and for longer than the link lives: the mail is dropped, never sent late.
      down = true;
      await t.browser().post("/magic", { email: "lee@example.com" });
      await t.sesame.idle();
      const tried = attempts;
      down = false;
      t.advance(8 * 86_400_000);
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 0, retrying: 0, dropped: 1 });
      expect(attempts).toBe(tried);
      expect(sent).toHaveLength(1);
    } finally {
      t.close();
    }
  });
});

describe("S29/S32: what the outbox does with a refusal, a late send and a finished mail", () => {
  it("S29: a permanent refusal drops the mail at once with mail.bounced, and the log masks the address the service named", async () => {
    let tries = 0;
    const t = await makeSesame({
      mailer: {
        send: async () => {
          tries++;
          throw mailRejected(new Error("550 5.1.1 <nobody.here@example.com>: Recipient address rejected"));
        },
      },
    });
    try {
      await t.browser().post("/magic", { email: "nobody.here@example.com" });
      await t.sesame.idle();
      expect(t.logs.find((r) => r.event === "mail.bounced")).toMatchObject({ level: "warn", email: "n…@example.com" });
      expect(t.logText()).not.toContain("nobody.here@example.com");
      t.advance(10 * 60_000);
      expect(await t.sesame.deliverQueuedMail()).toEqual({ delivered: 0, retrying: 0, dropped: 0 });
      expect(tries).toBe(1);
      const [rows] = await t.db.executor.batch([{ sql: "SELECT dropped_at, sealed, last_error FROM mail_outbox", params: [] }]);
      expect(rows).toEqual([{ dropped_at: T0, sealed: "", last_error: expect.stringMatching(/^bounced: .*n…@example\.com/) }]);
    } finally {
      t.close();
    }
  });

  it("S29: a temporary failure's log masks every address in the service's reply too", async () => {
    const t = await makeSesame({
      mailer: {
        send: async () => {
          throw mailerUnavailable(new Error("451 4.7.1 <greylisted.person@example.org>: try again later"));
        },
      },
    });
    try {
      await t.browser().post("/magic", { email: "greylisted.person@example.org" });
      await t.sesame.idle();
      expect(t.logs.find((r) => r.event === "mail.failed")).toMatchObject({ reason: expect.stringContaining("g…@example.org") });
      expect(t.logText()).not.toContain("greylisted.person@");
    } finally {
      t.close();
    }
  });

  it("S29: a mail sent late says the time its link really has left", async () => {
    let down = false;
    const sent: { kind: string; text: string; url: string }[] = [];
    const t = await makeSesame({
      mailer: {
        send: async (message) => {
          if (down) throw new Error("connection refused");
          sent.push(message);
        },
      },
    });
    try {
      await t.browser().post("/magic", { email: "late@example.com" });
      await t.sesame.idle();
      expect(sent[0]!.text).toContain("This link is valid for 8 hours.");
      const token = new URL(sent[0]!.url).searchParams.get("token")!;
      expect((await t.browser().post("/signup", { token, name: "Late" })).status).toBe(303);
      down = true;
      await t.browser().post("/magic", { email: "late@example.com" });
      await t.sesame.idle();
      down = false;
      t.advance(9 * 60_000);
      expect(await t.sesame.deliverQueuedMail()).toMatchObject({ delivered: 1 });
      expect(sent[1]!.kind).toBe("login");
      expect(sent[1]!.text).toContain("This link is valid for 1 minute and can be used only once.");
    } finally {
      t.close();
    }
  });

  it("S32: a delivered mail keeps no sealed link in its row", async () => {
    const t = await makeSesame();
    try {
      await t.browser().post("/magic", { email: "kept@example.com" });
      await t.sesame.idle();
      const [rows] = await t.db.executor.batch([{ sql: "SELECT delivered_at, sealed FROM mail_outbox", params: [] }]);
      expect(rows).toEqual([{ delivered_at: T0, sealed: "" }]);
    } finally {
      t.close();
    }
  });
});
