/**
 * Accounts: found by id or address, listed for operators, their profile replaced, and
 * deleted with everything that names them, the notice queued in the same step (S24); a
 * deletion racing a login ends with no session for the deleted account.
 */
import { beforeEach, expect, it } from "vitest";
import type { NoticeEntry, Store } from "../../core/ports.js";
import { MINUTE, newSession, T0, unique, type StoreCases } from "./helpers.contract.js";

const notice = (at = T0): NoticeEntry => ({
  id: unique("notice"),
  sealed: "sealed-notice",
  leaseOwner: "deleter",
  leaseUntil: at + MINUTE,
  nextAttemptAt: at,
  expiresAt: at + 24 * 60 * MINUTE,
});

export function accountCases({ current, link, signUp }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  it("finds an account by id or canonical address, and lists them in address order, by a literal search, a page at a time", async () => {
    const ada = await signUp("ada@example.com");
    await signUp("bob@example.org");
    await signUp("cy_d@example.com");
    await signUp("c1d@example.com");
    expect(await store.findAccount({ id: ada.id })).toEqual(ada);
    expect(await store.findAccount({ email: "ada@example.com" })).toEqual(ada);
    expect(await store.findAccount({ email: "nobody@example.com" })).toBeNull();
    expect(await store.findAccount({ id: "no-such-id" })).toBeNull();

    const all = await store.listAccounts({ limit: 10 });
    expect(all.map((a) => a.email)).toEqual(["ada@example.com", "bob@example.org", "c1d@example.com", "cy_d@example.com"]);
    const firstPage = await store.listAccounts({ limit: 2 });
    const secondPage = await store.listAccounts({ limit: 2, after: firstPage[1]!.email });
    expect([...firstPage, ...secondPage]).toEqual(all);
    expect((await store.listAccounts({ search: "EXAMPLE.COM", limit: 10 })).map((a) => a.email)).toEqual([
      "ada@example.com",
      "c1d@example.com",
      "cy_d@example.com",
    ]);
    // `_` and `%` are characters to find, not wildcards.
    expect((await store.listAccounts({ search: "y_d", limit: 10 })).map((a) => a.email)).toEqual(["cy_d@example.com"]);
    expect(await store.listAccounts({ search: "%", limit: 10 })).toEqual([]);
  });

  it("replaces an account's name and profile, and answers null for an account that is gone", async () => {
    const account = await signUp("eve@example.com");
    const updated = await store.updateProfile(account.id, "Eve Smith", { company: "Acme" });
    expect(updated).toEqual({ ...account, name: "Eve Smith", profile: { company: "Acme" } });
    expect(await store.findAccount({ id: account.id })).toEqual(updated);
    expect(await store.updateProfile("no-such-id", "X", {})).toBeNull();
  });

  it("S24: deletes an account with its sessions, links and mail, queues its notice, and leaves every invariant holding", async () => {
    const account = await signUp("fay@example.com");
    const other = await signUp("gus@example.com");
    // A pending login link with its mail, a used one with its session, and the other account's session.
    await link("fay@example.com", T0 + 2 * MINUTE, { id: unique("mail"), sealed: "s", leaseOwner: "x", leaseUntil: T0, nextAttemptAt: T0 });
    const used = await link("fay@example.com", T0 + 3 * MINUTE);
    const session = newSession(T0 + 3 * MINUTE);
    await store.redeemLoginToken({ tokenHash: used.tokenHash, now: T0 + 3 * MINUTE, session });
    const [othersSession] = await store.listSessions(other.id, T0 + 4 * MINUTE);

    const entry = notice(T0 + 5 * MINUTE);
    const deleted = await store.deleteAccount({ accountId: account.id, now: T0 + 5 * MINUTE, notice: entry });
    expect(deleted).toEqual({ ok: true, account, sessions: 2 });
    expect(await store.findAccount({ id: account.id })).toBeNull();
    expect(await store.findSession(session.idHash, T0 + 5 * MINUTE)).toBeNull();
    expect(await store.inspectLinkToken(used.tokenHash, "login", T0 + 5 * MINUTE)).toEqual({ status: "invalid" });
    expect(await store.findSession(othersSession!.idHash, T0 + 5 * MINUTE)).not.toBeNull();
    expect(await store.findInvariantViolations()).toEqual([]);

    // The only mail left to the address is the notice, once its first try's lease runs out.
    const { claimed } = await store.claimMail({ owner: "deliverer", now: T0 + 10 * MINUTE, leaseUntil: T0 + 11 * MINUTE, limit: 10 });
    expect(claimed.map((m) => [m.kind, m.to, m.id])).toEqual([["account", "fay@example.com", entry.id]]);

    // Deleting again finds nothing and queues nothing; the address can sign up afresh.
    expect(await store.deleteAccount({ accountId: account.id, now: T0 + 6 * MINUTE, notice: notice(T0 + 6 * MINUTE) })).toEqual({
      ok: false,
      reason: "no_account",
    });
    const again = await signUp("fay@example.com");
    expect(again.id).not.toBe(account.id);
    expect(await store.findInvariantViolations()).toEqual([]);
  });

  it("a deletion racing logins ends with no session for the deleted account", async () => {
    for (let round = 0; round < 5; round++) {
      const email = `race-${round}@example.com`;
      const account = await signUp(email);
      const links = await Promise.all([link(email, T0 + 2 * MINUTE), link(email, T0 + 2 * MINUTE), link(email, T0 + 2 * MINUTE)]);
      const sessions = links.map(() => newSession(T0 + 2 * MINUTE));
      const [deleted] = await Promise.all([
        store.deleteAccount({ accountId: account.id, now: T0 + 2 * MINUTE, notice: notice(T0 + 2 * MINUTE) }),
        ...links.map((l, i) => store.redeemLoginToken({ tokenHash: l.tokenHash, now: T0 + 2 * MINUTE, session: sessions[i]! })),
      ]);
      expect(deleted.ok).toBe(true);
      for (const session of sessions) expect(await store.findSession(session.idHash, T0 + 2 * MINUTE)).toBeNull();
      expect(await store.listSessions(account.id, T0 + 2 * MINUTE)).toEqual([]);
    }
    expect(await store.findInvariantViolations()).toEqual([]);
  });
}
