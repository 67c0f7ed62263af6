/**
 * The rows Sesame adds on every link request and every login (the outbox's mail, the
 * account's events) have ids that sort by time: each goes at the end of its table's key
 * index rather than at a random place in it, which on SQLite is about half a page written
 * fewer per request (README, Performance). Sessions and links stay keyed by their tokens' hashes.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { hiddenValue, makeSesame } from "./support.js";

let t: Awaited<ReturnType<typeof makeSesame>>;
beforeEach(async () => {
  t = await makeSesame();
});
afterEach(() => t.close());

async function ids(table: string): Promise<string[]> {
  const [rows] = await t.db.executor.batch([{ sql: `SELECT id FROM ${table} ORDER BY rowid`, params: [] }]);
  return rows!.map((row) => String(row.id));
}

it("the outbox's rows and the account's events are keyed in the order they were written", async () => {
  const browser = t.browser();
  await browser.post("/magic", { email: "ada@example.com" });
  const form = await (await browser.get(t.lastLink().pathname + t.lastLink().search)).text();
  expect((await browser.post("/signup", { token: hiddenValue(form, "token"), name: "Ada" })).status).toBe(303);
  for (let i = 0; i < 8; i++) {
    t.advance(1_000 + i);
    expect((await t.sesame.requestLink("ada@example.com")).ok).toBe(true);
    expect((await t.sesame.redeemLogin(t.lastLink().searchParams.get("token")!)).ok).toBe(true);
  }

  // The time each id begins with: rows written in the same millisecond (a sign-up's two
  // events) are ordered by their random bits, as any two keys made at once would be.
  const mail = (await ids("mail_outbox")).map((id) => id.slice(0, 9));
  const events = (await ids("account_events")).map((id) => id.slice("evt_".length, "evt_".length + 9));
  expect(mail.length).toBeGreaterThanOrEqual(8);
  expect(events.length).toBeGreaterThanOrEqual(8);
  for (const written of [mail, events]) expect([...written].sort()).toEqual(written);
});
