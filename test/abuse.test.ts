/**
 * Abuse protection over HTTP: rate limits (S10), the honeypot and captcha (S12),
 * uniform answers (S13), redirect targets (S14) and headers with a captcha (S22).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSesame, DevMailbox, type Mailer, type MailMessage } from "../src/index.js";
import { openSqliteFile } from "../src/store/sqlite-file.js";
import { BASE_URL, makeSesame, T0, checkedSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(options: Parameters<typeof makeSesame>[0] = {}, settings: Parameters<typeof makeSesame>[1] = {}): Promise<Harness> {
  const t = await makeSesame(options, settings);
  cleanups.push(() => t.close());
  return t;
}

function postJson(t: { sesame: { fetch: (r: Request) => Response | Promise<Response> } }, path: string, body: unknown, headers: Record<string, string> = {}) {
  return t.sesame.fetch(
    new Request(`${BASE_URL}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
  );
}

async function count(t: Harness, table: string): Promise<number> {
  const [rows] = await t.db.executor.batch([{ sql: `SELECT count(*) AS n FROM ${table}`, params: [] }]);
  return Number(rows![0]!.n);
}

describe("S10: rate limits", () => {
  it("with the defaults, a second link for one address within a minute is refused with 429, Retry-After and a page that says when", async () => {
    const t = await harness({ rateLimits: undefined });
    expect((await t.browser().post("/magic", { email: "ada@example.com" })).status).toBe(303);
    t.advance(10_000);
    const refused = await t.browser().post("/magic", { email: "ADA@example.com" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    const page = await refused.text();
    expect(page).toContain("Try again in 50 seconds");
    expect(page).toContain("no new link was sent");
    expect(t.mailbox.list()).toHaveLength(1);
    expect(await count(t, "link_tokens")).toBe(1);
    t.advance(50_000);
    expect((await t.browser().post("/magic", { email: "ada@example.com" })).status).toBe(303);
  });

  it("N+1 requests for one address within the window give exactly N mails and one 429 (JSON)", async () => {
    const t = await harness({ rateLimits: { perAddress: [{ limit: 4, periodSeconds: 3600 }], perClient: [] } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson(t, "/magic", { email: "bo@example.com" })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    expect(t.mailbox.list()).toHaveLength(4);
    const refused = await postJson(t, "/magic", { email: "bo@example.com" });
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("Try again"), retryAfter: 900 } });
    expect(refused.headers.get("retry-after")).toBe("900");
    expect(t.logs.filter((r) => r.event === "rate_limit.hit")).toHaveLength(2);
  });

  it("the same limit holds across two app instances sharing one SQLite file", async () => {
    const t = await harness({ rateLimits: { perAddress: [{ limit: 3, periodSeconds: 3600 }], perClient: [] } });
    const second = await openSqliteFile(t.dbPath);
    cleanups.push(() => second.close());
    const otherMailbox = new DevMailbox({ print: () => {} });
    const other = checkedSesame(
      createSesame({
        baseUrl: BASE_URL,
        store: second.store,
        mailer: otherMailbox,
        rateLimits: { perAddress: [{ limit: 3, periodSeconds: 3600 }], perClient: [] },
        now: () => T0, // the same clock as the first instance's
        log: () => {},
      }),
    );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postJson(i % 2 ? t : { sesame: other }, "/magic", { email: "cy@example.com" })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(t.mailbox.list().length + otherMailbox.list().length).toBe(3);
  });

  it("limits each client across addresses; requests with no known client address are limited per address only", async () => {
    const t = await harness({ rateLimits: { perAddress: [], perClient: [{ limit: 2, periodSeconds: 3600 }] } });
    const from = (ip: string, email: string) =>
      t.sesame.fetch(new Request(`${BASE_URL}/magic`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) }), {
        incoming: { socket: { remoteAddress: ip } },
      });
    expect([(await from("192.0.2.1", "a@example.com")).status, (await from("192.0.2.1", "b@example.com")).status]).toEqual([202, 202]);
    expect((await from("192.0.2.1", "c@example.com")).status).toBe(429);
    expect((await from("192.0.2.2", "c@example.com")).status).toBe(202);
    // Another address in the same IPv6 /64 is the same client.
    await from("2001:db8::1", "d@example.com");
    await from("2001:db8::2", "e@example.com");
    expect((await from("2001:db8::ffff", "f@example.com")).status).toBe(429);
  });
});

describe("S12: anti-bot", () => {
  it("a filled honeypot gets the ordinary answer, but no token, no mail, and an audit record", async () => {
    const t = await harness();
    const browser = t.browser();
    const response = await browser.post("/magic", { email: "bot@example.com", website: "http://spam.example" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sent");
    expect(await (await browser.get("/sent")).text()).toContain("bot@example.com");
    const json = await postJson(t, "/magic", { email: "bot@example.com", website: "x" });
    expect(json.status).toBe(202);
    expect(await count(t, "link_tokens")).toBe(0);
    expect(t.mailbox.list()).toHaveLength(0);
    expect(t.logs.filter((r) => r.event === "honeypot.hit")).toHaveLength(2);
    expect(t.logs.find((r) => r.event === "honeypot.hit")).toMatchObject({ email: "b…@example.com" });
  });

  for (const provider of ["turnstile", "hcaptcha"] as const) {
    describe(`${provider}, verified against a local server speaking its siteverify protocol`, () => {
      const field = provider === "turnstile" ? "cf-turnstile-response" : "h-captcha-response";

      async function verifier(mode: "ok" | "down" = "ok") {
        const seen: Record<string, string>[] = [];
        const server: Server = createServer(async (request: IncomingMessage, response) => {
          let body = "";
          for await (const chunk of request) body += chunk;
          const form = Object.fromEntries(new URLSearchParams(body));
          seen.push({ ...form, method: request.method ?? "", type: request.headers["content-type"] ?? "" });
          if (mode === "down") {
            response.writeHead(500).end();
            return;
          }
          const valid =
            request.method === "POST" &&
            form.secret === "s3cret" &&
            form.response === "pass-token" &&
            (provider === "turnstile" || form.sitekey === "site-key");
          response.writeHead(200, { "content-type": "application/json" });
          response.end(
            JSON.stringify(
              valid
                ? { success: true, challenge_ts: new Date().toISOString(), hostname: "localhost", "error-codes": [] }
                : { success: false, "error-codes": ["invalid-input-response"] },
            ),
          );
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
        cleanups.push(() => new Promise((resolve) => server.close(resolve)));
        return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`, seen };
      }

      it("passes a request with a valid answer, refuses a missing or wrong one, and sends the documented fields", async () => {
        const v = await verifier();
        const t = await harness({ captcha: { provider, siteKey: "site-key", secret: "s3cret", verifyUrl: v.url } });
        const home = await (await t.browser().get("/")).text();
        expect(home).toContain(`data-sitekey="site-key"`);
        expect(home).toMatch(provider === "turnstile" ? /challenges\.cloudflare\.com\/turnstile\/v0\/api\.js/ : /js\.hcaptcha\.com\/1\/api\.js/);

        const missing = await t.browser().post("/magic", { email: "ed@example.com" });
        expect(missing.status).toBe(400);
        expect(await missing.text()).toContain("complete the check");
        const wrong = await postJson(t, "/magic", { email: "ed@example.com", [field]: "forged" });
        expect(wrong.status).toBe(400);
        expect(await wrong.json()).toMatchObject({ error: { code: "captcha_failed" } });
        expect(t.mailbox.list()).toHaveLength(0);

        const ok = await t.sesame.fetch(
          new Request(`${BASE_URL}/magic`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ email: "ed@example.com", [field]: "pass-token" }),
          }),
          { incoming: { socket: { remoteAddress: "192.0.2.9" } } },
        );
        expect(ok.status).toBe(303);
        expect(t.mailbox.list()).toHaveLength(1);
        const last = v.seen[v.seen.length - 1]!;
        expect(last).toMatchObject({
          method: "POST",
          type: "application/x-www-form-urlencoded;charset=UTF-8",
          secret: "s3cret",
          response: "pass-token",
          remoteip: "192.0.2.9",
        });
        if (provider === "hcaptcha") expect(last.sitekey).toBe("site-key");
      });

      it("S22: the policy allows the provider's script and frame, and nothing else is loosened", async () => {
        const v = await verifier();
        const t = await harness({ captcha: { provider, siteKey: "site-key", secret: "s3cret", verifyUrl: v.url } });
        const csp = (await t.browser().get("/")).headers.get("content-security-policy")!;
        const host = provider === "turnstile" ? "https://challenges.cloudflare.com" : "https://hcaptcha.com";
        expect(csp).toContain(`script-src 'self' ${host}`);
        expect(csp).toContain(`frame-src ${host}`);
        expect(csp).not.toContain("unsafe-inline");
        expect(csp).toContain("frame-ancestors 'none'");
      });

      it("a verifier that fails answers 503 and sends nothing", async () => {
        const v = await verifier("down");
        const t = await harness({ captcha: { provider, siteKey: "site-key", secret: "s3cret", verifyUrl: v.url } });
        const response = await postJson(t, "/magic", { email: "ed@example.com", [field]: "pass-token" });
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ error: { code: "captcha_unavailable" } });
        expect(t.mailbox.list()).toHaveLength(0);
      });
    });
  }
});

describe("S13: uniform answers", () => {
  /** A mailer whose sends finish only when the test says so. */
  function heldMailer() {
    const held: { message: MailMessage; release: () => void; fail: (e: Error) => void }[] = [];
    const mailer: Mailer = {
      send: (message) => new Promise<void>((release, fail) => held.push({ message, release: () => release(), fail })),
    };
    return { mailer, held };
  }

  it("known and unknown addresses get identical answers, given before the mail is sent", async () => {
    const { mailer, held } = heldMailer();
    const t = await harness({ uniformResponses: true, mailer }, { settle: false });
    const ask = () => t.browser().post("/magic", { email: "fay@example.com" });
    // Random per-request values (the pending secret, the approval number) are the same in form, not in value: mask them.
    const describe = async (response: Response) => ({
      status: response.status,
      headers: [...response.headers]
        .filter(([name]) => name !== "date")
        .map(([name, value]) => [
          name,
          value.replace(/sesame_pending=[A-Za-z0-9_-]{43}/, "sesame_pending=…").replace(/(sesame_sent=[^;]*%3A)[0-9]{2};/, "$1NN;"),
        ]),
      body: await response.text(),
    });
    const masked = (body: string) => body.replace(/"approvalNumber":"[0-9]{2}"/, '"approvalNumber":"NN"');

    const unknown = await describe(await ask()); // answered while the sign-up mail is still held
    await expect.poll(() => held.length).toBe(1);
    expect(held[0]!.message.kind).toBe("signup");
    held[0]!.release();
    const token = new URL(held[0]!.message.url).searchParams.get("token")!;
    expect((await t.browser().post("/signup", { token, name: "Fay" })).status).toBe(303);

    const known = await describe(await ask());
    await expect.poll(() => held.length).toBe(2);
    expect(held[1]!.message.kind).toBe("login");
    held[1]!.release();
    expect(known).toEqual(unknown);

    const json = async () => {
      const before = held.length;
      const response = await postJson(t, "/magic", { email: "fay@example.com" });
      await expect.poll(() => held.length).toBe(before + 1);
      held[held.length - 1]!.release();
      return { status: response.status, body: masked(await response.text()) };
    };
    const jsonKnown = await json();
    expect(jsonKnown).toEqual({ status: 202, body: '{"sent":"link","approvalNumber":"NN"}' });
    const before = held.length;
    const jsonUnknown = await postJson(t, "/magic", { email: "gil@example.com" });
    await expect.poll(() => held.length).toBe(before + 1);
    held[held.length - 1]!.release();
    expect({ status: jsonUnknown.status, body: masked(await jsonUnknown.text()) }).toEqual(jsonKnown);

    const page = await (await t.browser().get("/sent", {})).text();
    expect(page).not.toMatch(/sign-up link|login link/i);
  });

  it("a mail that fails after the answer stays queued for a retry, and is logged", async () => {
    const { mailer, held } = heldMailer();
    const t = await harness({ uniformResponses: true, mailer }, { settle: false });
    expect((await postJson(t, "/magic", { email: "gus@example.com" })).status).toBe(202);
    await expect.poll(() => held.length).toBe(1);
    held[0]!.fail(new Error("smtp down"));
    await t.sesame.idle();
    expect(await count(t, "link_tokens")).toBe(1);
    expect(await count(t, "mail_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL")).toBe(1);
    expect(t.logs.some((r) => r.event === "mail.failed")).toBe(true);
  });
});

describe("S14: where a person lands after the link", () => {
  it("a same-origin `next` travels through the link and the confirmation, and is where login lands", async () => {
    const t = await harness();
    const browser = t.browser();
    await browser.post("/magic", { email: "hal@example.com", next: "/app/inbox?tab=2" });
    const signupLink = t.lastLink();
    expect(signupLink.searchParams.get("next")).toBe("/app/inbox?tab=2");
    const form = await (await browser.get(signupLink.pathname + signupLink.search)).text();
    expect(form).toContain('name="next" value="/app/inbox?tab=2"');
    const created = await browser.post("/signup", { token: signupLink.searchParams.get("token")!, name: "Hal", next: "/app/inbox?tab=2" });
    expect(created.headers.get("location")).toBe("/app/inbox?tab=2");

    await browser.post("/magic", { email: "hal@example.com", next: "/app/settings" });
    const loginLink = t.lastLink();
    const elsewhere = t.browser();
    const confirm = await (await elsewhere.get(loginLink.pathname + loginLink.search)).text();
    expect(confirm).toContain('name="next" value="/app/settings"');
    const login = await elsewhere.post("/login", { token: loginLink.searchParams.get("token")!, next: "/app/settings" });
    expect(login.headers.get("location")).toBe("/app/settings");

    // In the browser that asked, the link logs in at once and lands on the same place.
    await browser.post("/magic", { email: "hal@example.com", next: "/app/today" });
    const again = t.lastLink();
    const direct = await browser.get(again.pathname + again.search);
    expect(direct.status).toBe(303);
    expect(direct.headers.get("location")).toBe("/app/today");
  });

  it("refuses off-site targets everywhere they can enter, and uses nothing of them", async () => {
    const t = await harness({ redirectOrigins: ["https://app.example.com"] });
    for (const next of ["//evil.example", "/\\evil.example", "javascript:alert(1)", "JavaScript:alert(1)", "/%2F%2Fevil.example", "https://evil.example/"]) {
      const magic = await t.browser().post("/magic", { email: "ivy@example.com", next });
      expect(magic.status, next).toBe(400);
      expect(await magic.text()).toContain("must be on this site");
      expect((await t.browser().get(`/?next=${encodeURIComponent(next)}`)).status).toBe(400);
      expect((await t.browser().get(`/login?token=${"A".repeat(43)}&next=${encodeURIComponent(next)}`)).status).toBe(400);
      expect((await t.browser().post("/login", { token: "A".repeat(43), next })).status).toBe(400);
    }
    expect(t.mailbox.list()).toHaveLength(0);
    const allowed = await t.browser().post("/magic", { email: "ivy@example.com", next: "https://app.example.com/welcome" });
    expect(allowed.status).toBe(303);
    expect(t.lastLink().searchParams.get("next")).toBe("https://app.example.com/welcome");
    expect((await t.browser().get("/")).headers.get("content-security-policy")).toContain("form-action 'self' https://app.example.com");
  });
});
