/**
 * Cross-device and scanner-safe login: one click in the browser that asked, a code
 * typed there, or an approval from another device, each exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_CODE_ATTEMPTS } from "../src/core/flows.js";
import { BASE_URL, makeSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;
const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:130.0) Gecko/20100101 Firefox/130.0";

let t: Harness;
beforeEach(async () => {
  t = await makeSesame();
  const browser = t.browser();
  await browser.post("/magic", { email: "ada@example.com" });
  await browser.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
});
afterEach(() => t.close());

/** Asks for a login link in a fresh browser; returns that browser, the link and the code. */
async function ask(email = "ada@example.com") {
  const asking = t.browser();
  const response = await asking.post("/magic", { email }, { "user-agent": FIREFOX_MAC });
  expect(response.status).toBe(303);
  const mail = t.mailbox.list()[0]!;
  const code = mail.text.match(/^ {4}(\d{6})$/m)?.[1];
  if (!code) throw new Error("no code in the mail");
  const link = new URL(mail.url);
  // The number an approval must type is shown only on the asking browser's waiting page (S26); a sign-up has none.
  const number = (await (await asking.get("/sent")).text()).match(/id="approval-number">(\d{2})</)?.[1] ?? "";
  return { asking, link, path: link.pathname + link.search, token: link.searchParams.get("token")!, code, mail, number };
}

async function sessionOf(browser: ReturnType<Harness["browser"]>) {
  return (await browser.get("/session")).status;
}

describe("the browser that asked", () => {
  it("logs in with one click on the link, without a confirmation page", async () => {
    const { asking, path } = await ask();
    const opened = await asking.get(path);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/");
    expect(opened.headers.get("location")).not.toContain("token");
    expect(await sessionOf(asking)).toBe(200);
    expect(asking.cookies.has("sesame_pending")).toBe(false);
  });

  it("S07: HEAD, and GETs from browsers without its cookie (scanners), never use the link", async () => {
    const { asking, path, token } = await ask();
    for (let i = 0; i < 5; i++) {
      expect((await t.browser().get(path)).status).toBe(200); // a scanner: the confirmation page
      const head = await t.sesame.fetch(
        new Request(`${BASE_URL}${path}`, { method: "HEAD", headers: { cookie: `sesame_pending=${asking.cookies.get("sesame_pending")}` } }),
      );
      expect(head.status).toBe(200);
      expect(head.headers.getSetCookie().some((c) => c.startsWith("sesame_session="))).toBe(false);
    }
    expect((await asking.get(path)).status).toBe(303);
    expect((await t.browser().post("/login", { token })).status).toBe(410);
  });

  it("mails a 6-digit code, in the text and the HTML part", async () => {
    const { code, mail } = await ask();
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.html).toContain(code);
  });

  it("logs in by typing the code on the waiting page", async () => {
    const { asking, code } = await ask();
    const waiting = await (await asking.get("/sent")).text();
    expect(waiting).toContain('name="code"');
    expect(waiting).toContain('autocomplete="one-time-code"');
    const entered = await asking.post("/code", { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(entered.status).toBe(303);
    expect(await sessionOf(asking)).toBe(200);
  });

  it("S06: five wrong codes kill the code; then even the right one is refused", async () => {
    const { asking, code } = await ask();
    const wrong = code === "000000" ? "111111" : "000000";
    for (let left = MAX_CODE_ATTEMPTS - 1; left >= 1; left--) {
      const response = await asking.post("/code", { code: wrong });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`${left} ${left === 1 ? "try" : "tries"} left`);
    }
    expect((await asking.post("/code", { code: wrong })).status).toBe(429); // the fifth wrong one: no tries left
    const refused = await asking.post("/code", { code });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many wrong codes");
    expect(await sessionOf(asking)).toBe(401);
    expect(t.logs.filter((r) => r.event === "code.failed")).toHaveLength(MAX_CODE_ATTEMPTS + 1);
  });

  it("S06: the code is worthless in any other browser", async () => {
    const { code } = await ask();
    const thief = t.browser();
    const response = await thief.post("/code", { code });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("no link request waiting");
    expect(await sessionOf(thief)).toBe(401);
  });

  it("S03/S06: 20 parallel submissions of the right code give one session", async () => {
    const { asking, code } = await ask();
    const cookie = `sesame_pending=${asking.cookies.get("sesame_pending")}`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.sesame.fetch(
          new Request(`${BASE_URL}/code`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ code }) }),
        ),
      ),
    );
    expect(responses.filter((r) => r.status === 200 && r.headers.getSetCookie().some((c) => c.startsWith("sesame_session="))).length).toBe(1);
  });

  it("a sign-up code leads to the details form, which completes the sign-up from this browser", async () => {
    const { asking, code, mail } = await ask("new@example.com");
    expect(mail.kind).toBe("signup");
    const form = await asking.post("/code", { code });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("new@example.com");
    expect(html).not.toContain('name="token"');
    const created = await asking.post("/signup", { name: "New" });
    expect(created.status).toBe(303);
    expect(await (await asking.get("/session")).json()).toMatchObject({ account: { email: "new@example.com", name: "New" } });
    expect((await t.browser().post("/signup", { name: "Again" })).status).toBe(400); // no pending cookie, no token
  });
});

describe("another device", () => {
  it("names the account and who asked, and offers both ways in", async () => {
    const { path } = await ask();
    const page = await (await t.browser().get(path)).text();
    expect(page).toContain("Log in as ada@example.com?");
    expect(page).toContain("Firefox on macOS");
    expect(page).toContain("just now");
    expect(page).toContain('action="/approve"');
    expect(page).toContain('action="/deny"');
    expect(page).toContain("Log in on this device");
  });

  it("approving lets the asking browser in on its next check, once", async () => {
    const { asking, path, token, number } = await ask();
    const poll = () => asking.post("/continue", {}, { accept: "application/json" });
    expect(await (await poll()).json()).toEqual({ status: "waiting" });
    const other = t.browser();
    await other.get(path);
    const approved = await other.post("/approve", { token, number });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("Login approved");
    expect(await sessionOf(other)).toBe(401); // approving does not log the other device in

    const collected = await poll();
    expect(await collected.json()).toMatchObject({ status: "logged_in", next: "/", account: { email: "ada@example.com" } });
    expect(await sessionOf(asking)).toBe(200);
    expect((await t.browser().post("/login", { token })).status).toBe(410);
  });

  it("Not me cancels the request: the asking browser is told, and the link is dead", async () => {
    const { asking, token, path } = await ask();
    const denied = await t.browser().post("/deny", { token });
    expect(denied.status).toBe(200);
    expect(await denied.text()).toContain("Request cancelled");
    expect(await (await asking.post("/continue", {}, { accept: "application/json" })).json()).toEqual({ status: "denied" });
    const reopened = await t.browser().get(path);
    expect(reopened.status).toBe(410);
    expect(await reopened.text()).toContain("cancelled");
    expect(t.logs.some((r) => r.event === "login.denied")).toBe(true);
  });

  it("S03: an approval racing a direct redemption gives exactly one session", async () => {
    for (let round = 0; round < 5; round++) {
      t.advance(61_000);
      const { asking, token, number } = await ask();
      const other = t.browser();
      const [direct, claimed] = await Promise.all([
        other.post("/login", { token }),
        other.post("/approve", { token, number }).then(() => asking.post("/continue", {}, { accept: "application/json" })),
      ]);
      const wins = [direct.status === 303, (await claimed.json()).status === "logged_in"];
      expect(wins.filter(Boolean)).toHaveLength(1);
    }
  });

  it("a link asked for without a browser offers no approval", async () => {
    await t.sesame.fetch(
      new Request(`${BASE_URL}/magic`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"ada@example.com"}' }),
    );
    // JSON clients get a pending cookie too; one that never sends it back is like a scanner here.
    const page = await (await t.browser().get(new URL(t.mailbox.list()[0]!.url).pathname + new URL(t.mailbox.list()[0]!.url).search)).text();
    expect(page).toContain("Log in as ada@example.com?");
  });
});

describe("the waiting page's script", () => {
  it("is served from Sesame's origin, and the policy allows only that", async () => {
    const { asking } = await ask();
    const page = await asking.get("/sent");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain('src="/assets/sesame.js"');
    expect(scripts[0]![2]).toBe("");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const script = await asking.get("/assets/sesame.js");
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toContain("approval-status");
  });
});
