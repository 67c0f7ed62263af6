/**
 * The account page and its JSON (#18): details, devices, deletion. Over HTTP, as a browser
 * and as an app with its own UI would call it; the attacker who holds an old session cookie
 * cannot delete the account, and one account's session ids reach no other account.
 */
import { describe, expect, it } from "vitest";
import { makeSesame } from "./support.js";

const JSON_HEADERS = { accept: "application/json" };
const FIREFOX = { "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:131.0) Gecko/20100101 Firefox/131.0" };
const PHONE = { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1" };

async function signedUp(t: Awaited<ReturnType<typeof makeSesame>>, email = "ada@example.com") {
  const laptop = t.browser();
  await laptop.post("/magic", { email }, FIREFOX);
  expect((await laptop.post("/signup", { token: t.lastLink(email).searchParams.get("token")!, name: "Ada" }, FIREFOX)).status).toBe(303);
  return laptop;
}

async function loggedIn(t: Awaited<ReturnType<typeof makeSesame>>, email: string, headers: Record<string, string>) {
  const browser = t.browser();
  await browser.post("/magic", { email }, headers);
  expect((await browser.post("/login", { token: t.lastLink(email).searchParams.get("token")! }, headers)).status).toBe(303);
  return browser;
}

interface Listed {
  account: { email: string; name: string | null };
  sessions: { id: string; current: boolean; device: string; network: string | null; lastUsedAt: string }[];
}

describe("the account page", () => {
  it("shows the address, the details and every device, this one marked; without a session it sends the browser to log in", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      await loggedIn(t, "ada@example.com", PHONE);
      const home = await (await laptop.get("/")).text();
      expect(home).toContain('href="/account"');
      const page = await laptop.get("/account");
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("ada@example.com");
      expect(html).toContain('value="Ada"');
      expect(html).toContain("Firefox on macOS");
      expect(html).toContain("Safari on iOS");
      expect(html).toContain("(this device)");
      expect(html.match(/name="session"/g)).toHaveLength(1); // only the other device has a log-out button

      const anonymous = await t.browser().get("/account");
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toBe("/?next=%2Faccount");
      expect((await t.browser().get("/account", JSON_HEADERS)).status).toBe(401);
    } finally {
      t.close();
    }
  });

  it("gives an app the account and its devices as JSON, with network masked and no session secret", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const answer = await laptop.get("/account", JSON_HEADERS);
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as Listed;
      expect(body.account).toMatchObject({ email: "ada@example.com", name: "Ada" });
      expect(body.sessions).toHaveLength(1);
      expect(body.sessions[0]).toMatchObject({ current: true, device: "Firefox on macOS", network: null });
      expect(JSON.stringify(body)).not.toContain(laptop.cookies.get("sesame_session") ?? "no cookie");
    } finally {
      t.close();
    }
  });

  it("saves details checked as at sign-up; a bad value changes nothing and says what is wrong", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const saved = await laptop.post("/account/profile", { name: "Ada Lovelace" });
      expect(saved.status).toBe(303);
      expect(saved.headers.get("location")).toBe("/account?done=saved");
      expect(await (await laptop.get("/account?done=saved")).text()).toContain("Your details were saved.");

      const refused = await laptop.post("/account/profile", { name: "" });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('aria-invalid="true"');
      const json = await laptop.post("/account/profile", { name: "x".repeat(81) }, JSON_HEADERS);
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: "invalid_fields" });
      expect(((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).account.name).toBe("Ada Lovelace");
      // A field the form does not have is refused before anything runs.
      expect((await laptop.post("/account/profile", { name: "Eve", email: "eve@example.com" })).status).toBe(400);
      expect(((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).account).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace" });
    } finally {
      t.close();
    }
  });

  it("logs out another device (its next request is logged out), or every other one, and never another account's", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const phone = await loggedIn(t, "ada@example.com", PHONE);
      const tablet = await loggedIn(t, "ada@example.com", FIREFOX);
      const mallory = await signedUp(t, "mallory@example.com");
      const listed = ((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).sessions;
      const phoneId = listed.find((s) => s.device === "Safari on iOS")!.id;

      // Mallory's session cannot end Ada's, even knowing its id.
      expect((await mallory.post("/account/sessions/revoke", { session: phoneId })).status).toBe(404);
      expect((await phone.get("/session")).status).toBe(200);

      expect((await laptop.post("/account/sessions/revoke", { session: phoneId })).status).toBe(303);
      expect((await phone.get("/session")).status).toBe(401);
      expect((await tablet.get("/session")).status).toBe(200);
      expect((await laptop.post("/account/sessions/revoke", { session: phoneId }, JSON_HEADERS)).status).toBe(404);

      const others = await laptop.post("/account/sessions/revoke-others", {}, JSON_HEADERS);
      expect(await others.json()).toEqual({ revoked: 1 });
      expect((await tablet.get("/session")).status).toBe(401);
      expect((await laptop.get("/session")).status).toBe(200);
      expect((await mallory.get("/session")).status).toBe(200);
      expect(t.logs.filter((r) => r.event === "session.revoked").map((r) => r.which)).toEqual(["one", "others"]);
    } finally {
      t.close();
    }
  });

  it("marks a session used at most every five minutes, in the check itself", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const first = ((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).sessions[0]!.lastUsedAt;
      t.advance(60_000);
      await laptop.get("/session");
      expect(((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).sessions[0]!.lastUsedAt).toBe(first);
      t.advance(5 * 60_000);
      await laptop.get("/session");
      const later = ((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).sessions[0]!.lastUsedAt;
      expect(Date.parse(later) - Date.parse(first)).toBe(6 * 60_000);
    } finally {
      t.close();
    }
  });

  it("S24: deletes the account after a recent login: sessions, links and queued mail gone, a notice sent, the address free to sign up afresh", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const phone = await loggedIn(t, "ada@example.com", PHONE);
      await t.browser().post("/magic", { email: "ada@example.com" }); // a pending login link
      expect((await laptop.post("/account/delete", {})).status).toBe(400); // not confirmed: nothing happens
      expect((await laptop.get("/session")).status).toBe(200);

      const deleted = await laptop.post("/account/delete", { confirm: "yes" });
      expect(deleted.status).toBe(200);
      expect(await deleted.text()).toContain("Your account was deleted");
      expect((await laptop.get("/session")).status).toBe(401);
      expect((await phone.get("/session")).status).toBe(401);
      await t.sesame.idle();
      const notice = t.mailbox.list()[0]!;
      expect(notice).toMatchObject({ to: "ada@example.com", kind: "account", subject: "Your Sesame account was deleted" });
      expect(notice.text).not.toMatch(/token=/);
      expect(await t.db.store.findInvariantViolations()).toEqual([]);
      expect(t.logs.find((r) => r.event === "account.deleted")).toMatchObject({ email: "a…@example.com", sessions: 2 });

      // The pending link died with the account; the address signs up afresh.
      const fresh = t.browser();
      await fresh.post("/magic", { email: "ada@example.com" });
      expect(t.lastLink("ada@example.com").pathname).toBe("/signup");
      expect((await fresh.post("/signup", { token: t.lastLink("ada@example.com").searchParams.get("token")!, name: "Ada again" })).status).toBe(303);
      expect(await t.db.store.findInvariantViolations()).toEqual([]);
    } finally {
      t.close();
    }
  });

  it("refuses deletion from a session whose login is older than 10 minutes, and offers a login link that comes back here", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      t.advance(11 * 60_000);
      const refused = await laptop.post("/account/delete", { confirm: "yes" });
      expect(refused.status).toBe(403);
      const html = await refused.text();
      expect(html).toContain("Send me a login link");
      expect(html).toContain('name="next" value="/account"');
      const json = await laptop.post("/account/delete", { confirm: "yes" }, JSON_HEADERS);
      expect([json.status, ((await json.json()) as { error: { code: string } }).error.code]).toEqual([403, "reauthentication_required"]);
      expect((await laptop.get("/session")).status).toBe(200);

      // The fresh login the page offers: then deleting works.
      await laptop.post("/magic", { email: "ada@example.com", next: "/account" });
      const login = await laptop.post("/login", { token: t.lastLink("ada@example.com").searchParams.get("token")!, next: "/account" });
      expect(login.headers.get("location")).toBe("/account");
      expect((await laptop.post("/account/delete", { confirm: "yes" }, JSON_HEADERS)).status).toBe(200);
      expect(await t.sesame.findAccount("ada@example.com")).toBeNull();
    } finally {
      t.close();
    }
  });

  it("refuses each account form from another site (403) and changes nothing", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const crossSite = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };
      for (const [path, fields] of [
        ["/account/delete", { confirm: "yes" }],
        ["/account/profile", { name: "Pwned" }],
        ["/account/sessions/revoke-others", {}],
      ] as const) {
        expect((await laptop.post(path, fields, crossSite)).status).toBe(403);
      }
      expect(((await (await laptop.get("/account", JSON_HEADERS)).json()) as Listed).account.name).toBe("Ada");
    } finally {
      t.close();
    }
  });
});

describe("the account from the library", () => {
  it("runs the README's example: the account, its devices, one logged out, the others, the profile, deletion", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const phone = await loggedIn(t, "ada@example.com", PHONE);
      const tablet = await loggedIn(t, "ada@example.com", FIREFOX);
      const sesame = t.sesame;
      const request = new Request("http://localhost:8787/app", { headers: { cookie: `sesame_session=${laptop.cookies.get("sesame_session")}` } });

      // As in the README:
      const me = await sesame.getAccount(request);
      const listed = await sesame.listSessions(request);
      let revokedOne: unknown;
      if (listed.ok) {
        const other = listed.sessions.find((session) => !session.current);
        if (other) revokedOne = await sesame.revokeSession(request, other.id);
      }
      const others = await sesame.revokeOtherSessions(request);
      const profile = await sesame.updateProfile(request, { name: "Ada Lovelace" });
      const deleted = await sesame.deleteAccount(request);

      expect(me).toMatchObject({ ok: true, account: { email: "ada@example.com" } });
      expect(listed.ok && listed.sessions.length).toBe(3);
      expect(revokedOne).toEqual({ ok: true });
      expect(others).toEqual({ ok: true, revoked: 1 });
      expect((await phone.get("/session")).status).toBe(401);
      expect((await tablet.get("/session")).status).toBe(401);
      expect(profile).toMatchObject({ ok: true, account: { name: "Ada Lovelace" } });
      expect(deleted).toMatchObject({ ok: true, account: { email: "ada@example.com" } });
      expect(await sesame.getAccount(request)).toEqual({ ok: false, reason: "unauthenticated" });
      expect(await sesame.updateProfile("not-a-session", { name: "X" })).toEqual({ ok: false, reason: "unauthenticated" });
      expect(await sesame.updateProfile(laptop.cookies.get("sesame_session")!, { name: "" })).toEqual({ ok: false, reason: "unauthenticated" });
    } finally {
      t.close();
    }
  });

  it("lets operators find, list, log out and remove accounts", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      await signedUp(t, "bob@example.org");
      const ada = (await t.sesame.findAccount("ADA@example.com"))!;
      expect(await t.sesame.findAccount(ada.id)).toEqual(ada);
      expect((await t.sesame.listAccounts({ search: "example.org" })).map((a) => a.email)).toEqual(["bob@example.org"]);
      expect((await t.sesame.listAccounts({ limit: 1 })).map((a) => a.email)).toEqual(["ada@example.com"]);
      expect((await t.sesame.listAccounts({ after: "ada@example.com" })).map((a) => a.email)).toEqual(["bob@example.org"]);
      expect(await t.sesame.listSessionsOf(ada.id)).toHaveLength(1);
      expect(await t.sesame.endSessions(ada.id)).toBe(1);
      expect((await laptop.get("/session")).status).toBe(401);
      expect(await t.sesame.removeAccount(ada.id)).toEqual(ada);
      expect(await t.sesame.removeAccount(ada.id)).toBeNull();
      expect(await t.db.store.findInvariantViolations()).toEqual([]);
    } finally {
      t.close();
    }
  });
});

describe("changing the address", () => {
  it("S24: mails a link to the new address; opening it changes nothing; using it moves the account, ends its sessions, tells the old address, and login links go to the new one", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const asked = await laptop.post("/account/email/request", { email: "Ada.New@Example.com" });
      expect([asked.status, asked.headers.get("location")]).toEqual([303, "/account?done=email-sent"]);
      await t.sesame.idle();
      const mail = t.mailbox.list()[0]!;
      expect(mail).toMatchObject({ to: "ada.new@example.com", kind: "email_change", subject: "Confirm your new address for Sesame" });
      const link = new URL(mail.url);
      expect(link.pathname).toBe("/account/email");
      expect(mail.text).toContain("within 1 hour");

      // A mail scanner (or anyone) opening the link: a page, and the account stays where it was.
      const phone = t.browser();
      const opened = await phone.get(link.pathname + link.search);
      expect(opened.status).toBe(200);
      const html = await opened.text();
      expect(html).toContain("a…@example.com"); // the current address, masked
      expect(html).not.toContain("ada@example.com");
      expect(await t.sesame.findAccount("ada@example.com")).not.toBeNull();

      const token = link.searchParams.get("token")!;
      const used = await phone.post("/account/email", { token });
      expect(used.status).toBe(200);
      expect(await used.text()).toContain("Your address is changed");
      expect(await t.sesame.findAccount("ada@example.com")).toBeNull();
      expect((await t.sesame.findAccount("ada.new@example.com"))?.name).toBe("Ada");
      // Every session of the account ended with the move.
      expect((await laptop.get("/session")).status).toBe(401);

      await t.sesame.idle();
      const notice = t.mailbox.list()[0]!;
      expect(notice).toMatchObject({ to: "ada@example.com", kind: "account", subject: "The address of your Sesame account was changed" });
      expect(notice.text).toContain("a…@example.com");
      expect(notice.text).not.toContain("ada.new@example.com");
      expect((await phone.post("/account/email", { token })).status).toBe(410);

      // Logging in now takes the new address; the old one would get a sign-up link.
      const again = t.browser();
      await again.post("/magic", { email: "ada.new@example.com" });
      expect(t.lastLink("ada.new@example.com").pathname).toBe("/login");
      await again.post("/magic", { email: "ada@example.com" });
      expect(t.lastLink("ada@example.com").pathname).toBe("/signup");
      expect(await t.db.store.findInvariantViolations()).toEqual([]);
      expect(t.logText()).not.toContain(token);
    } finally {
      t.close();
    }
  });

  it("refuses a bad or unchanged address, a fourth change within the hour, a link whose address another account took (nothing changes), and an old login", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      await signedUp(t, "bob@example.com");
      const bad = await laptop.post("/account/email/request", { email: "not an address" });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('aria-invalid="true"');
      const same = await laptop.post("/account/email/request", { email: "ADA@example.com" }, JSON_HEADERS);
      expect([same.status, ((await same.json()) as { error: { code: string } }).error.code]).toEqual([400, "same_address"]);

      // The address of another account: asking works (it tells nobody whether an address is in use), using the link does not.
      expect((await laptop.post("/account/email/request", { email: "bob@example.com" }, JSON_HEADERS)).status).toBe(202);
      await t.sesame.idle();
      const token = new URL(t.mailbox.list()[0]!.url).searchParams.get("token")!;
      const taken = await laptop.post("/account/email", { token }, JSON_HEADERS);
      expect([taken.status, ((await taken.json()) as { error: { code: string } }).error.code]).toEqual([409, "email_taken"]);
      expect((await t.sesame.findAccount("ada@example.com"))?.email).toBe("ada@example.com");

      expect((await laptop.post("/account/email/request", { email: "ada2@example.com" })).status).toBe(303);
      expect((await laptop.post("/account/email/request", { email: "ada3@example.com" })).status).toBe(303);
      const fourth = await laptop.post("/account/email/request", { email: "ada4@example.com" });
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(3500);
      expect((await t.browser().post("/account/email/request", { email: "x@example.com" }, JSON_HEADERS)).status).toBe(401);
      // A session whose login is over 10 minutes old (left behind, or stolen) cannot move the account.
      t.advance(2 * 3600_000);
      const stale = await laptop.post("/account/email/request", { email: "thief@example.com" });
      expect(stale.status).toBe(403);
      expect(await stale.text()).toContain("To change your address, first log in again");
      const staleJson = await laptop.post("/account/email/request", { email: "thief@example.com" }, JSON_HEADERS);
      expect(((await staleJson.json()) as { error: { code: string } }).error.code).toBe("reauthentication_required");
      await t.sesame.idle();
      expect(t.mailbox.list().some((m) => m.to === "thief@example.com")).toBe(false);
      expect((await t.browser().get("/account/email?token=nope")).status).toBe(400);
      expect(await t.db.store.findInvariantViolations()).toEqual([]);
    } finally {
      t.close();
    }
  });

  it("works from the library: requestEmailChange and confirmEmailChange", async () => {
    const t = await makeSesame();
    try {
      const laptop = await signedUp(t);
      const secret = laptop.cookies.get("sesame_session")!;
      expect(await t.sesame.requestEmailChange(secret, "ada@new.example")).toEqual({ ok: true, email: "ada@new.example" });
      await t.sesame.idle();
      const token = new URL(t.mailbox.list()[0]!.url).searchParams.get("token")!;
      expect(await t.sesame.confirmEmailChange(token)).toMatchObject({ ok: true, account: { email: "ada@new.example" }, previousEmail: "ada@example.com" });
      expect(await t.sesame.confirmEmailChange(token)).toEqual({ ok: false, reason: "used" });
    } finally {
      t.close();
    }
  });
});
