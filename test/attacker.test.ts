/**
 * The attacker who starts the flow: anyone can ask for a link to someone else's address,
 * and so holds the asking browser of a request for the victim's account. What that
 * attacker can try, for each way in, and that it fails:
 *
 * - the link: never sees it (it goes to the victim's mailbox).
 * - the code: types guesses in the asking browser. Capped per link (S06) and per address
 *   over all its links (S27), so new links bring no new guesses.
 * - the approval: gets the victim to press "Approve" on the phone. The victim must type
 *   the number only the asking screen shows (S26); a victim who is asked for it over the
 *   phone has been warned not to; three wrong numbers kill the request; a login by approval
 *   or code is mailed to the owner.
 * - the answers: under uniform answers, asking again later (continue, code) must not tell
 *   a known address from an unknown one (S31).
 */
import { afterEach, describe, expect, it } from "vitest";
import { MAX_APPROVAL_ATTEMPTS } from "../src/core/flows.js";
import { BASE_URL, makeSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const ATTACKER = { "user-agent": IPHONE, "x-forwarded-for": "198.51.100.23" };
const MINUTE = 60_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function harness(options: Parameters<typeof makeSesame>[0] = {}): Promise<Harness> {
  const t = await makeSesame({ trustProxy: { header: "x-forwarded-for" }, ...options });
  cleanups.push(() => t.close());
  return t;
}

async function signUp(t: Harness, email: string) {
  const browser = t.browser();
  await browser.post("/magic", { email });
  const token = t.lastLink(email).searchParams.get("token")!;
  expect((await browser.post("/signup", { token, name: "Victim" })).status).toBe(303);
}

/** The attacker asks for a link to the victim's address from a browser of their own. */
async function attackerAsks(t: Harness, email: string) {
  const asking = t.browser();
  expect((await asking.post("/magic", { email }, ATTACKER)).status).toBe(303);
  const waiting = await (await asking.get("/sent")).text();
  const number = waiting.match(/id="approval-number">(\d{2})</)?.[1];
  const mail = t.mailbox.list().find((m) => m.to === email)!;
  const link = new URL(mail.url);
  return { asking, number, mail, path: link.pathname + link.search, token: link.searchParams.get("token")!, code: mail.text.match(/^ {4}(\d{6})$/m)![1]! };
}

function wrongNumber(number: string | undefined): string {
  return number === "00" ? "11" : "00";
}

describe("S26: approving from another device needs the number the asking screen shows", () => {
  it("S26: the approval page shows no number, asks for it, and refuses an approval without it", async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const { number, path, token, asking } = await attackerAsks(t, "vic@example.com");
    expect(number).toMatch(/^\d{2}$/);
    const phone = t.browser();
    const page = await (await phone.get(path)).text();
    expect(page).toContain('name="number"');
    expect(page).not.toContain(`>${number}<`);
    expect(page).toContain("says it is <strong>Safari on iOS</strong>");
    expect(page).toContain("<strong>198.51.100.x</strong>");
    const attempts: Record<string, string>[] = [{ token }, { token, number: "" }, { token, number: "4" }, { token, number: "abc" }];
    for (const fields of attempts) {
      const refused = await phone.post("/approve", fields);
      expect(refused.status).toBe(400);
    }
    expect(await (await asking.post("/continue", {}, { accept: "application/json" })).json()).toEqual({ status: "waiting" });
  });

  it(`S26: ${MAX_APPROVAL_ATTEMPTS} wrong numbers kill the request; the right one then fails, and the asking browser is told`, async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const { number, token, asking, path } = await attackerAsks(t, "vic@example.com");
    const phone = t.browser();
    const wrong = wrongNumber(number);
    const first = await phone.post("/approve", { token, number: wrong });
    expect(first.status).toBe(400);
    expect(await first.text()).toContain("That is not the number shown on the other device. 2 tries left.");
    const json = await t.sesame.fetch(
      new Request(`${BASE_URL}/approve`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, number: wrong }) }),
    );
    expect(await json.json()).toEqual({ error: { code: "approval_number_wrong", message: expect.any(String), attemptsLeft: 1 } });
    const last = await phone.post("/approve", { token, number: wrong });
    expect(last.status).toBe(410);
    expect(await last.text()).toContain("Request cancelled");
    expect((await phone.post("/approve", { token, number: number! })).status).toBe(410);
    expect(await (await asking.post("/continue", {}, { accept: "application/json" })).json()).toEqual({ status: "denied" });
    expect((await phone.get(path)).status).toBe(410);
    expect(await (await asking.get("/session")).status).toBe(401);
    expect(t.logs.filter((r) => r.event === "login.approval_failed")).toHaveLength(4);
  });

  it("S26: the right number lets the asking browser in, and the owner gets a notice naming browser and network", async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const { number, token, asking } = await attackerAsks(t, "vic@example.com");
    const approved = await t.browser().post("/approve", { token, number: number! }, { "x-forwarded-for": "203.0.113.9" });
    expect(approved.status).toBe(200);
    const collected = await asking.post("/continue", {}, { accept: "application/json", ...ATTACKER });
    expect(await collected.json()).toMatchObject({ status: "logged_in" });
    await t.sesame.idle();
    const notice = t.mailbox.list().find((m) => m.kind === "notice");
    expect(notice).toMatchObject({ to: "vic@example.com", subject: "New login to Sesame", url: `${BASE_URL}/` });
    expect(notice!.text).toContain("by an approval from another device");
    expect(notice!.text).toContain("Browser: Safari on iOS (as it describes itself)");
    expect(notice!.text).toContain("Network: 198.51.100.x");
    expect(notice!.text).toContain("When: Tuesday, January 1, 2030 at 12:00:00 PM UTC");
    expect(notice!.html).toContain("Network: 198.51.100.x");
  });

  it("S26: a login by code is mailed to the owner too; a failed code and a login by link are not; the option turns it off", async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const first = await attackerAsks(t, "vic@example.com");
    expect((await first.asking.post("/code", { code: first.code === "000000" ? "111111" : "000000" })).status).toBe(400);
    expect((await first.asking.post("/code", { code: first.code }, ATTACKER)).status).toBe(303);
    await t.sesame.idle();
    const notices = t.mailbox.list().filter((m) => m.kind === "notice");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("with the code from a login e-mail");

    const byLink = await attackerAsks(t, "vic@example.com");
    expect((await byLink.asking.get(byLink.path)).status).toBe(303);
    await t.sesame.idle();
    expect(t.mailbox.list().filter((m) => m.kind === "notice")).toHaveLength(1);

    const quiet = await harness({ loginNotices: false });
    await signUp(quiet, "vic@example.com");
    const asked = await attackerAsks(quiet, "vic@example.com");
    expect((await asked.asking.post("/code", { code: asked.code })).status).toBe(303);
    await quiet.sesame.idle();
    expect(quiet.mailbox.list().filter((m) => m.kind === "notice")).toHaveLength(0);
  });

  it("S26: the login mail warns never to share the code or approve a request one did not start, and no longer promises that nobody can log in without the link", async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const { mail } = await attackerAsks(t, "vic@example.com");
    expect(mail.text).toContain("Never share this link or the code, and never approve a login you did not ask for yourself");
    expect(mail.text).not.toContain("Nobody can log in without this link");
  });
});

describe("S27: wrong guesses are capped per address, not only per link", () => {
  it("S27: 20 wrong codes over 4 links of the attacker's are checked at most 10 times; then even the right code is refused, until the owner uses a link", async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const requests = [];
    for (let i = 0; i < 4; i++) requests.push(await attackerAsks(t, "vic@example.com"));
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const { asking, code } of requests) {
        const response = await asking.post("/code", { code: code === "000000" ? "111111" : "000000" }, { accept: "application/json" });
        statuses.push(response.status);
        codes.push(((await response.json()) as { error: { code: string } }).error.code);
      }
    }
    const checked = codes.filter((code) => code !== "guesses_exceeded");
    expect(checked).toHaveLength(10);
    expect(codes.slice(10).every((code) => code === "guesses_exceeded")).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
    const locked = await requests[3]!.asking.post("/code", { code: requests[3]!.code });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await (await requests[3]!.asking.get("/session")).status).toBe(401);

    // The owner opens a link from the mail: that lifts the lock for new requests.
    const owner = t.browser();
    const mailed = t.lastLink("vic@example.com");
    expect((await owner.post("/login", { token: mailed.searchParams.get("token")! })).status).toBe(303);
    t.advance(2 * MINUTE);
    const fresh = await attackerAsks(t, "vic@example.com");
    expect((await fresh.asking.post("/code", { code: fresh.code })).status).toBe(303);
  });
});

describe("S31: uniform answers hold over the whole life of a request", () => {
  /** Masks the values that are random per request (cookies' secrets, the approval number), and the address the asker typed. */
  function mask(text: string): string {
    return text
      .replace(/\b(un)?known@example\.com/g, "ADDRESS")
      .replace(/sesame_pending=[A-Za-z0-9_-]{43}/g, "sesame_pending=…")
      .replace(/id="approval-number">\d{2}</g, 'id="approval-number">NN<')
      .replace(/"approvalNumber":"\d{2}"/g, '"approvalNumber":"NN"');
  }

  async function answer(response: Response) {
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: mask(await response.text()) };
  }

  it.each([
    ["the default lifetimes", {}, [0, 11 * MINUTE, 9 * 60 * MINUTE]],
    ["a sign-up link shorter than a login link", { signupLinkTtlSeconds: 300, loginLinkTtlSeconds: 900 }, [0, 6 * MINUTE, 16 * MINUTE]],
  ] as const)("S31: continue and a wrong code answer alike for a known and an unknown address over time, with %s", async (_name, lifetimes, times) => {
    const t = await harness({ uniformResponses: true, ...lifetimes });
    await signUp(t, "known@example.com");
    const known = await attackerAsks(t, "known@example.com");
    const unknown = await attackerAsks(t, "unknown@example.com");
    const wrong = (code: string) => (code === "000000" ? "111111" : "000000");
    let elapsed = 0;
    for (const time of times) {
      t.advance(time - elapsed);
      elapsed = time;
      const pair = [];
      for (const { asking, code } of [known, unknown]) {
        pair.push({
          continueJson: await answer(await asking.post("/continue", {}, { accept: "application/json" })),
          continuePage: await answer(await asking.post("/continue", {})),
          codeJson: await answer(await asking.post("/code", { code: wrong(code) }, { accept: "application/json" })),
          codePage: await answer(await asking.post("/code", { code: wrong(code) })),
          waiting: await answer(await asking.get("/sent")),
        });
      }
      expect(pair[0], `${time / MINUTE} min`).toEqual(pair[1]);
    }
    // And the answers did move on: expired at the end, for both.
    expect(await (await known.asking.post("/continue", {}, { accept: "application/json" })).json()).toEqual({ status: "expired" });
  });
});

describe("S31: a Not me tells the asker nothing either", () => {
  it("S31: the owner of a known address and of an unknown one can both answer Not me, and the asker sees the same", async () => {
    const t = await harness({ uniformResponses: true });
    await signUp(t, "known@example.com");
    const known = await attackerAsks(t, "known@example.com");
    const unknown = await attackerAsks(t, "unknown@example.com");
    for (const { path } of [known, unknown]) {
      const owner = t.browser();
      const page = await (await owner.get(path)).text();
      expect(page).toContain('action="/deny"');
      expect((await owner.post("/deny", { token: new URL(path, BASE_URL).searchParams.get("token")! })).status).toBe(200);
    }
    const answers = [];
    for (const { asking, code } of [known, unknown]) {
      answers.push({
        continueJson: await (await asking.post("/continue", {}, { accept: "application/json" })).text(),
        code: (await asking.post("/code", { code }, { accept: "application/json" })).status,
      });
    }
    expect(answers[0]).toEqual({ continueJson: '{"status":"denied"}', code: 410 });
    expect(answers[1]).toEqual(answers[0]);
  });
});

describe("S23: the audit log can reconstruct an attack", () => {
  it("S23: approvals, denials, failed codes and logins carry the account and the client's address", async () => {
    const t = await harness();
    await signUp(t, "vic@example.com");
    const account = t.logs.find((r) => r.event === "signup.succeeded")?.account;
    expect(account).toEqual(expect.any(String));
    const first = await attackerAsks(t, "vic@example.com");
    await first.asking.post("/code", { code: first.code === "000000" ? "111111" : "000000" }, ATTACKER);
    await t.browser().post("/approve", { token: first.token, number: first.number! }, { "x-forwarded-for": "203.0.113.9" });
    await first.asking.post("/continue", {}, ATTACKER);
    const second = await attackerAsks(t, "vic@example.com");
    await t.browser().post("/deny", { token: second.token }, { "x-forwarded-for": "203.0.113.9" });
    await t.browser().post("/login", { token: second.token }, { "x-forwarded-for": "192.0.2.4" });

    const event = (name: string, extra: Record<string, unknown> = {}) =>
      expect(t.logs.find((r) => r.event === name && Object.entries(extra).every(([k, v]) => r[k] === v)));
    event("code.failed").toMatchObject({ account, client: "198.51.100.23", reason: "wrong_code" });
    event("login.approved").toMatchObject({ account, client: "203.0.113.9" });
    event("login.succeeded", { by: "approval" }).toMatchObject({ account, client: "198.51.100.23" });
    event("login.denied").toMatchObject({ account, client: "203.0.113.9" });
    event("login.failed").toMatchObject({ account, client: "192.0.2.4", reason: "denied" });
  });
});
