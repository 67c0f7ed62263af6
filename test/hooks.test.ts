/**
 * Hooks (#19): the host app's code around account events. beforeSignup may refuse (the
 * person is told why; no account, no session, nothing mailed) and is the one hook that runs
 * before its step; a hook that throws or hangs is logged with its name and never half-applies
 * a change. The README's afterSignup example runs here against a real SQLite table.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Account, Hooks } from "../src/index.js";
import { makeSesame } from "./support.js";

const JSON_HEADERS = { accept: "application/json" };

async function signUp(t: Awaited<ReturnType<typeof makeSesame>>, email: string, headers: Record<string, string> = {}) {
  const browser = t.browser();
  await browser.post("/magic", { email });
  await t.sesame.idle();
  const token = t.lastLink(email.toLowerCase()).searchParams.get("token")!;
  const answer = await browser.post("/signup", { token, name: "Ada" }, headers);
  return { browser, token, answer };
}

const accountsIn = (t: Awaited<ReturnType<typeof makeSesame>>) => t.sesame.listAccounts();

describe("hooks", () => {
  it("beforeSignup sees the canonical address, the checked fields and the client, and may refuse: no account, no session, nothing mailed", async () => {
    const seen: unknown[] = [];
    const hooks: Hooks = {
      beforeSignup: ({ email, fields, client }) => {
        seen.push({ email, fields, client });
        return email.endsWith("@competitor.example") ? { refuse: "Sign-ups from competitor.example are not open." } : undefined;
      },
    };
    const t = await makeSesame({ hooks });
    try {
      const mailsBefore = t.mailbox.list().length;
      const { browser, answer } = await signUp(t, "Eve@Competitor.example");
      const mailsAfterLink = t.mailbox.list().length;
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain("Sign-ups from competitor.example are not open.");
      expect(answer.headers.getSetCookie().some((c) => c.includes("sesame_session=") && !c.includes("Max-Age=0"))).toBe(false);
      expect((await browser.get("/session")).status).toBe(401);
      expect(await accountsIn(t)).toEqual([]);
      await t.sesame.idle();
      expect(t.mailbox.list().length).toBe(mailsAfterLink); // the link's own mail only
      expect(mailsAfterLink).toBe(mailsBefore + 1);
      expect(seen).toEqual([{ email: "eve@competitor.example", fields: { name: "Ada" }, client: undefined }]);
      expect(t.logs.find((r) => r.event === "signup.refused")).toMatchObject({ email: "e…@competitor.example" });

      const json = await signUp(t, "mallory@competitor.example", JSON_HEADERS);
      expect(json.answer.status).toBe(403);
      expect(await json.answer.json()).toEqual({ error: { code: "signup_refused", message: "Sign-ups from competitor.example are not open." } });

      // Anyone else signs up as usual.
      expect((await signUp(t, "ada@example.com")).answer.status).toBe(303);
      expect((await accountsIn(t)).map((a) => a.email)).toEqual(["ada@example.com"]);
      expect(await t.db.store.findInvariantViolations()).toEqual([]);
    } finally {
      t.close();
    }
  });

  it("beforeSignup that throws or hangs stops the sign-up with a 503 and stores nothing; it is logged with its name", async () => {
    let appDown = true;
    const t = await makeSesame({
      hookTimeoutMs: 100,
      hooks: {
        beforeSignup: ({ email }) => {
          if (!appDown) return undefined;
          if (email.startsWith("throw")) throw new Error("the app's database is down");
          return new Promise(() => {}); // never settles
        },
      },
    });
    try {
      const threw = await signUp(t, "throw@example.com");
      expect(threw.answer.status).toBe(503);
      expect(threw.answer.headers.get("retry-after")).toBe("30");
      const hung = await signUp(t, "hang@example.com", JSON_HEADERS);
      expect(hung.answer.status).toBe(503);
      expect(((await hung.answer.json()) as { error: { code: string } }).error.code).toBe("signup_unavailable");
      expect(await accountsIn(t)).toEqual([]);
      expect(t.logs.filter((r) => r.event === "hook.failed").map((r) => [r.hook, r.reason])).toEqual([
        ["beforeSignup", "threw"],
        ["beforeSignup", "timed_out"],
      ]);
      // The link was not used: once the app is back, the same link signs up.
      appDown = false;
      const again = await t.browser().post("/signup", { token: threw.token, name: "Ada" });
      expect(again.status).toBe(303);
      expect((await accountsIn(t)).map((a) => a.email)).toEqual(["throw@example.com"]);
    } finally {
      t.close();
    }
  });

  it("afterSignup that throws leaves the account made and logs the event", async () => {
    const t = await makeSesame({
      hooks: {
        afterSignup: () => {
          throw new Error("could not write the app's row");
        },
      },
    });
    try {
      const { answer, browser } = await signUp(t, "ada@example.com");
      expect(answer.status).toBe(303);
      expect((await browser.get("/session")).status).toBe(200);
      expect((await accountsIn(t)).map((a) => a.email)).toEqual(["ada@example.com"]);
      expect(t.logs.find((r) => r.event === "hook.failed")).toMatchObject({ hook: "afterSignup", reason: "threw" });
    } finally {
      t.close();
    }
  });

  it("runs the README's afterSignup: a row in the app's own table, there before the person lands", async () => {
    const appDb = new Database(":memory:");
    appDb.exec("CREATE TABLE users (account_id TEXT PRIMARY KEY, email TEXT NOT NULL, plan TEXT NOT NULL)");
    const t = await makeSesame({
      // As in the README:
      hooks: {
        afterSignup: (account) => {
          appDb.prepare("INSERT INTO users (account_id, email, plan) VALUES (?, ?, 'free')").run(account.id, account.email);
        },
      },
    });
    try {
      const { answer } = await signUp(t, "ada@example.com");
      expect(answer.status).toBe(303);
      const account = (await t.sesame.findAccount("ada@example.com"))!;
      expect(appDb.prepare("SELECT * FROM users").all()).toEqual([{ account_id: account.id, email: "ada@example.com", plan: "free" }]);
    } finally {
      t.close();
      appDb.close();
    }
  });

  it("afterLogin says how (link, code), afterEmailChanged the old address, afterAccountDeleted the account", async () => {
    const events: string[] = [];
    const t = await makeSesame({
      hooks: {
        afterSignup: (account, { method }) => void events.push(`signup ${account.email} by ${method}`),
        afterLogin: ({ account, method }) => void events.push(`login ${account.email} by ${method}`),
        afterEmailChanged: (account: Account, previous: string) => void events.push(`moved ${previous} to ${account.email}`),
        afterAccountDeleted: (account: Account) => void events.push(`deleted ${account.email}`),
      },
    });
    try {
      await signUp(t, "ada@example.com");
      const laptop = t.browser();
      await laptop.post("/magic", { email: "ada@example.com" });
      await t.sesame.idle();
      await laptop.post("/login", { token: t.lastLink("ada@example.com").searchParams.get("token")! });
      const phone = t.browser();
      await phone.post("/magic", { email: "ada@example.com" });
      await t.sesame.idle();
      const code = t.mailbox.list()[0]!.text.match(/^ {4}(\d{6})$/m)![1]!;
      expect((await phone.post("/code", { code })).status).toBe(303);

      await laptop.post("/account/email/request", { email: "ada@new.example" });
      await t.sesame.idle();
      await t.browser().post("/account/email", { token: t.lastLink("ada@new.example").searchParams.get("token")! });
      const fresh = t.browser();
      await fresh.post("/magic", { email: "ada@new.example" });
      await t.sesame.idle();
      await fresh.post("/login", { token: t.lastLink("ada@new.example").searchParams.get("token")! });
      expect((await fresh.post("/account/delete", { confirm: "yes" })).status).toBe(200);
      expect(events).toEqual([
        "signup ada@example.com by link",
        "login ada@example.com by link",
        "login ada@example.com by code",
        "moved ada@example.com to ada@new.example",
        "login ada@new.example by link",
        "deleted ada@new.example",
      ]);
    } finally {
      t.close();
    }
  });

  it("refuses a hook that is not one, or not a function, at start", async () => {
    await expect(makeSesame({ hooks: { afterSigup: () => {} } as unknown as Hooks })).rejects.toThrow("hooks.afterSigup is not a hook");
    await expect(makeSesame({ hooks: { afterLogin: "yes" } as unknown as Hooks })).rejects.toThrow("hooks.afterLogin must be a function");
    await expect(makeSesame({ hookTimeoutMs: 10 })).rejects.toThrow("hookTimeoutMs must be a whole number");
  });
});
