/**
 * Redirect targets over HTTP (S14, S30): `next` values that URL normalisation turns into
 * `//evil.com` must never come back as a Location, a JSON `next` or a mailed link's `next`
 * that a browser reads as another site, whichever route carries them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, makeSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;
type Browser = ReturnType<Harness["browser"]>;

const ORIGIN = new URL(BASE_URL).origin;
/** Each is a path to the URL parser, whose normal form `//evil.com` is another host to a browser. */
const TRICKS = ["/.//evil.com", "/a/..//evil.com", "/%2e//evil.com"];

let t: Harness;
beforeEach(async () => {
  t = await makeSesame();
  const browser = t.browser();
  await browser.post("/magic", { email: "ada@example.com" });
  await browser.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
});
afterEach(() => t.close());

/** A target as a browser follows it from one of our pages: it must stay on our origin. */
function expectOnSite(target: string | null | undefined): void {
  if (target === null || target === undefined) return;
  expect(target).not.toMatch(/^[/\\]{2}/);
  expect(new URL(target, `${BASE_URL}/login`).origin).toBe(ORIGIN);
}

/** The Location of an answer, and the `next` of a JSON one (an answer at all: a fault proves nothing). */
async function expectAnswerOnSite(response: Response): Promise<void> {
  expect(response.status).toBeLessThan(500);
  expectOnSite(response.headers.get("location"));
  if (response.headers.get("content-type")?.includes("application/json")) {
    const body = (await response.json()) as { next?: string };
    expectOnSite(body.next);
  }
}

/** Asks for a login link in a fresh browser, `next` included when given. */
async function ask(next?: string): Promise<{ asking: Browser; answer: Response; token: string; code: string; number: string; link: URL }> {
  const asking = t.browser();
  const answer = await asking.post("/magic", { email: "ada@example.com", ...(next !== undefined && { next }) });
  const mail = t.mailbox.list()[0]!;
  const link = new URL(mail.url);
  const code = mail.text.match(/^ {4}(\d{6})$/m)?.[1] ?? "";
  // The number an approval must type (S26), from the waiting page; none when the request was refused.
  const number = (await (await asking.get("/sent")).text()).match(/id="approval-number">(\d{2})</)?.[1] ?? "00";
  return { asking, answer, token: link.searchParams.get("token")!, code, number, link };
}

describe("S30: a `next` that normalises to another host never leads there", () => {
  it("POST /login, as a page and as JSON", async () => {
    for (const next of TRICKS) {
      const page = await t.browser().post("/login", { token: (await ask()).token, next });
      await expectAnswerOnSite(page);
      const json = await t.browser().post("/login", { token: (await ask()).token, next }, { accept: "application/json" });
      await expectAnswerOnSite(json);
    }
  });

  it("POST /code, with `next` in the form and from the link request", async () => {
    for (const next of TRICKS) {
      const plain = await ask();
      await expectAnswerOnSite(await plain.asking.post("/code", { code: plain.code, next }));
      const asked = await ask(next);
      await expectAnswerOnSite(await asked.asking.post("/code", { code: asked.code }));
    }
  });

  it("POST /magic, the link it mails, and that link opened in the browser that asked", async () => {
    for (const next of TRICKS) {
      const { asking, answer, link } = await ask(next);
      await expectAnswerOnSite(answer);
      expectOnSite(link.searchParams.get("next"));
      await expectAnswerOnSite(await asking.get(link.pathname + link.search));
    }
  });

  it("POST /continue, after an approval on another device", async () => {
    for (const next of TRICKS) {
      const { asking, token, number } = await ask(next);
      await t.browser().post("/approve", { token, number });
      await expectAnswerOnSite(await asking.post("/continue", {}));
      const json = await ask(next);
      await t.browser().post("/approve", { token: json.token, number: json.number });
      await expectAnswerOnSite(await json.asking.post("/continue", {}, { accept: "application/json" }));
    }
  });

  it("a harmless dot segment still lands where it points, in its normal form", async () => {
    const { asking, code } = await ask("/a/../app/./inbox");
    const entered = await asking.post("/code", { code });
    expect(entered.status).toBe(303);
    expect(entered.headers.get("location")).toBe("/app/inbox");
  });
});
