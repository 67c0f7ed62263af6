/**
 * Account events and their webhook deliveries: written in the step they tell of and only
 * when it happened (a failed redemption writes none, a rolled-back sign-up none), read
 * newest first a page at a time, delivered under a lease (never to two deliverers at
 * once), settled only by the lease's holder, and purged once finished.
 */
import { beforeEach, expect, it } from "vitest";
import type { AccountEventEntry, EventSubject, Store } from "../../core/ports.js";
import { MINUTE, newSession, T0, unique, type StoreCases } from "./helpers.contract.js";

function event(type: AccountEventEntry["type"], subject: EventSubject, endpoints: string[] = [], at = T0 + MINUTE): AccountEventEntry {
  const id = unique("evt_");
  return { id, type, at, subject, detail: { method: "link" }, deliveries: endpoints.map((endpoint, i) => ({ id: `${id}.${i}`, endpoint })) };
}

export function eventCases({ current, link }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  async function signUpWithEvents(email: string, endpoints: string[] = []) {
    const { tokenHash } = await link(email);
    const session = newSession(T0 + MINUTE);
    const events = [
      event("account.created", { when: "after", session: session.idHash }, endpoints),
      event("session.created", { when: "after", session: session.idHash }, endpoints),
    ];
    const result = await store.completeSignup({
      key: { tokenHash },
      now: T0 + MINUTE,
      account: { id: unique("account"), name: null, profile: {} },
      session,
      events,
    });
    if (!result.ok) throw new Error(result.reason);
    return { account: result.account, session, events, tokenHash };
  }

  it("writes a step's events with it, naming the account and its address, and none when the step did not happen", async () => {
    const { account, session, tokenHash } = await signUpWithEvents("ana@example.com");
    const listed = await store.listEvents({ accountId: account.id, limit: 10 });
    expect(listed.map((e) => e.type).sort()).toEqual(["account.created", "session.created"]);
    expect(listed[0]).toMatchObject({ accountId: account.id, email: "ana@example.com", at: T0 + MINUTE, detail: { method: "link" } });

    // The same link again: refused, and its events are not written.
    const again = newSession(T0 + 2 * MINUTE);
    const refused = await store.completeSignup({
      key: { tokenHash },
      now: T0 + 2 * MINUTE,
      account: { id: unique("account"), name: null, profile: {} },
      session: again,
      events: [event("account.created", { when: "after", session: again.idHash })],
    });
    expect(refused.ok).toBe(false);
    // A logout of an unknown session: nothing to tell.
    await store.deleteSession("no-such-session", [event("session.revoked", { when: "before", session: "no-such-session" })]);
    expect(await store.listEvents({ accountId: account.id, limit: 10 })).toHaveLength(2);

    // A logout of the real one: told, before the row goes.
    await store.deleteSession(session.idHash, [event("session.revoked", { when: "before", session: session.idHash }, [], T0 + 3 * MINUTE)]);
    const [latest] = await store.listEvents({ accountId: account.id, limit: 1 });
    expect(latest).toMatchObject({ type: "session.revoked", email: "ana@example.com" });
    expect(await store.findInvariantViolations()).toEqual([]);
  });

  it("keeps a deleted account's events, with the deletion, and pages newest first across events of the same moment", async () => {
    const { account } = await signUpWithEvents("bo@example.com");
    const deleted = await store.deleteAccount({
      accountId: account.id,
      now: T0 + 2 * MINUTE,
      events: [event("account.deleted", { when: "before", account: account.id })],
    });
    expect(deleted.ok).toBe(true);
    const all = await store.listEvents({ accountId: account.id, limit: 10 });
    expect(all.map((e) => e.type)).toEqual(["account.deleted", expect.any(String), expect.any(String)]);
    const first = await store.listEvents({ accountId: account.id, limit: 2 });
    const rest = await store.listEvents({ accountId: account.id, limit: 2, before: { at: first[1]!.at, id: first[1]!.id } });
    expect([...first, ...rest].map((e) => e.id)).toEqual(all.map((e) => e.id));
    // Ending the sessions of an account with none tells nothing.
    expect(await store.deleteSessions(account.id, "all", [event("session.revoked", { when: "before", sessionsOf: account.id, which: "all" })])).toBe(0);
    expect(await store.listEvents({ accountId: account.id, limit: 10 })).toHaveLength(3);
  });

  it("delivers each event once per endpoint under a lease: a held delivery is not claimed again until its lease runs out", async () => {
    const endpoints = ["https://a.example/hook", "https://b.example/hook"];
    const { events } = await signUpWithEvents("cy@example.com", endpoints);
    const at = T0 + 2 * MINUTE;
    const claimed = await store.claimWebhooks({ owner: "one", now: at, leaseUntil: at + MINUTE, limit: 10 });
    expect(claimed).toHaveLength(4);
    expect(new Set(claimed.map((d) => d.endpoint))).toEqual(new Set(endpoints));
    expect(new Set(claimed.map((d) => d.event.id))).toEqual(new Set(events.map((e) => e.id)));
    expect(claimed[0]).toMatchObject({ attempts: 1, createdAt: T0 + MINUTE, event: { email: "cy@example.com" } });
    expect(await store.claimWebhooks({ owner: "two", now: at + 1, leaseUntil: at + MINUTE, limit: 10 })).toEqual([]);

    const [done, failed, ...rest] = claimed;
    expect(
      await store.settleWebhooks("one", [
        { id: done!.id, attempts: 1, outcome: "delivered", at },
        { id: failed!.id, attempts: 1, outcome: "retry", at, nextAttemptAt: at + 10 * MINUTE, error: "the endpoint answered 500" },
      ]),
    ).toBe(2);
    // Another owner's outcome for a delivery it does not hold changes nothing.
    expect(await store.settleWebhooks("two", [{ id: rest[0]!.id, attempts: 1, outcome: "delivered", at }])).toBe(0);
    // Past the lease the two left unsettled are free again; the retry waits for its time.
    const later = await store.claimWebhooks({ owner: "two", now: at + 2 * MINUTE, leaseUntil: at + 3 * MINUTE, limit: 10 });
    expect(later.map((d) => d.id).sort()).toEqual(rest.map((d) => d.id).sort());
    expect(later.every((d) => d.attempts === 2)).toBe(true);
    const late = at + 2 * MINUTE;
    await store.settleWebhooks(
      "two",
      later.map((d) => ({ id: d.id, attempts: d.attempts, outcome: "dropped" as const, at: late, reason: "gave up" })),
    );
    const retried = await store.claimWebhooks({ owner: "two", now: at + 10 * MINUTE, leaseUntil: at + 11 * MINUTE, limit: 10 });
    expect(retried.map((d) => d.id)).toEqual([failed!.id]);
    expect(await store.settleWebhooks("two", [{ id: failed!.id, attempts: 2, outcome: "delivered", at: at + 10 * MINUTE }])).toBe(1);
    expect(await store.claimWebhooks({ owner: "two", now: at + 60 * MINUTE, leaseUntil: at + 61 * MINUTE, limit: 10 })).toEqual([]);

    // Finished deliveries go at the next purge; the events stay until their own time.
    const purged = await store.purgeExpired(T0, T0);
    expect(purged.events).toBe(0);
    expect(await store.purgeExpired(T0 + 90 * 24 * 60 * MINUTE, T0 + 90 * 24 * 60 * MINUTE)).toMatchObject({ events: 2 });
  });
}
