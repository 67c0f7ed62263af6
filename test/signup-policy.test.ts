/**
 * Sign-ups closed, or by invitation only (#19): an attacker who asks for a link for any
 * address learns nothing about whether it has an account. The page, the JSON, the code
 * form's answers and the rate limits are the same for an address with an account and one
 * without; only the first gets mail; no sign-up link works while sign-ups are closed;
 * invitations work in invite mode and are refused in closed mode.
 */
import { describe, expect, it } from "vitest";
import { createSesame, type SesameOptions } from "../src/index.js";
import { BASE_URL, Browser, makeSesame, T0, checkedSesame } from "./support.js";

const ADMIN = "an-admin-token-of-at-least-32-characters";
const AUTH = { authorization: `Bearer ${ADMIN}`, accept: "application/json", "content-type": "application/json" };

type Harness = Awaited<ReturnType<typeof makeSesame>>;

/** An account made on the same database by a Sesame with sign-ups open (as before they were closed). */
async function accountFor(t: Harness, email: string): Promise<void> {
  const open = checkedSesame(createSesame({ baseUrl: BASE_URL, store: t.db.store, mailer: t.mailbox, rateLimits: false }));
  const browser = new Browser((request) => open.fetch(request));
  await browser.post("/magic", { email });
  await open.idle();
  expect((await browser.post("/signup", { token: t.lastLink(email).searchParams.get("token")!, name: "Ada" })).status).toBe(303);
}

/** What differs by nature between two answers blanked: the address asked for, nonces, the approval number. */
function normalize(text: string, email: string): string {
  return text
    .replaceAll(email, "ADDRESS")
    .replaceAll(encodeURIComponent(email), "ADDRESS")
    .replace(/nonce="[^"]+"/g, 'nonce=""')
    .replace(/"approvalNumber":"[0-9]{2}"/g, '"approvalNumber":"NN"')
    .replace(/>\s*[0-9]{2}\s*</g, ">NN<");
}

/** The same steps for one address: ask, open the page, three wrong codes, then the limit; every answer normalized. */
async function probe(t: Harness, email: string): Promise<string[]> {
  const browser = t.browser();
  const seen: string[] = [];
  const asked = await browser.post("/magic", { email });
  seen.push(`${asked.status} ${asked.headers.get("location")}`);
  seen.push(normalize(await (await browser.get(asked.headers.get("location")!)).text(), email));
  for (const code of ["000000", "111111", "222222"]) {
    const answer = await browser.post("/code", { code });
    seen.push(`${answer.status} ${normalize(await answer.text(), email)}`);
  }
  const json = await t.sesame.fetch(
    new Request(new URL("/magic", BASE_URL), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ email }),
    }),
  );
  seen.push(`${json.status} ${normalize(await json.text(), email)}`);
  // The per-address limit (3 an hour here) refuses the next requests alike.
  for (let i = 0; i < 3; i++) seen.push(`${(await browser.post("/magic", { email })).status}`);
  return seen;
}

for (const mode of ["closed", "invite"] as const) {
  describe(`sign-ups ${mode}`, () => {
    const options: Partial<SesameOptions> = {
      signup: mode,
      adminToken: ADMIN,
      rateLimits: { perAddress: [{ limit: 3, periodSeconds: 3600 }], perClient: [] },
    };

    it("answers an address without an account exactly as one with (page, JSON, wrong codes, limits) and mails only the one with", async () => {
      const t = await makeSesame(options);
      try {
        await accountFor(t, "ada@example.com");
        const mailsBefore = t.mailbox.list().length;
        const withAccount = await probe(t, "ada@example.com");
        const without = await probe(t, "zed@example.com");
        expect(without).toEqual(withAccount);
        expect(withAccount[1]).toContain("has an account here, a login link is on its way");
        expect(withAccount[2]).toMatch(/^400 .*That code is not right\. 4 tries left/s);
        expect(withAccount.slice(-3)).toEqual(["303", "429", "429"]);
        await t.sesame.idle();
        const mails = t.mailbox.list().slice(0, t.mailbox.list().length - mailsBefore);
        expect(mails.map((mail) => [mail.to, mail.kind])).toEqual([
          ["ada@example.com", "login"],
          ["ada@example.com", "login"],
          ["ada@example.com", "login"],
        ]);
        expect(await t.sesame.findAccount("zed@example.com")).toBeNull();
        expect(await t.db.store.findInvariantViolations()).toEqual([]);
      } finally {
        t.close();
      }
    });

    it("makes no account from a sign-up link mailed while sign-ups were open", async () => {
      const t = await makeSesame(options);
      try {
        const open = checkedSesame(createSesame({ baseUrl: BASE_URL, store: t.db.store, mailer: t.mailbox, rateLimits: false, now: () => T0 }));
        await open.fetch(
          new Request(new URL("/magic", BASE_URL), { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"old@example.com"}' }),
        );
        await open.idle();
        const token = t.lastLink("old@example.com").searchParams.get("token")!;
        const answer = await t.browser().post("/signup", { token, name: "Old" });
        if (mode === "closed") {
          expect(answer.status).toBe(403);
          expect(await answer.text()).toContain("Sign-ups are closed here");
          expect(await t.sesame.findAccount("old@example.com")).toBeNull();
        } else {
          // By invitation: a link sent before is as good as an invitation.
          expect(answer.status).toBe(303);
        }
      } finally {
        t.close();
      }
    });

    it(mode === "invite" ? "signs up whoever an operator invites" : "refuses to invite anyone", async () => {
      const t = await makeSesame(options);
      try {
        const invited = await t.sesame.fetch(
          new Request(new URL("/admin/api/invites", BASE_URL), {
            method: "POST",
            headers: AUTH,
            body: JSON.stringify({ email: "eve@example.com", delivery: "return" }),
          }),
        );
        if (mode === "closed") {
          expect(invited.status).toBe(409);
          expect(await invited.json()).toEqual({ error: { code: "signup_closed", message: "Sign-ups are closed: nobody can be invited." } });
          return;
        }
        expect(invited.status).toBe(201);
        const { url } = (await invited.json()) as { url: string };
        const eve = t.browser();
        expect((await eve.post("/signup", { token: new URL(url).searchParams.get("token")!, name: "Eve" })).status).toBe(303);
        expect(await t.sesame.findAccount("eve@example.com")).not.toBeNull();
      } finally {
        t.close();
      }
    });
  });
}

describe("the sign-up policy setting", () => {
  it("refuses anything but open, closed or invite", async () => {
    await expect(makeSesame({ signup: "maybe" as never })).rejects.toThrow('signup must be "open", "closed" or "invite"');
  });
});
