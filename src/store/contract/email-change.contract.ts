/**
 * Changes of address: the link stored with its mail within a per-account limit, read
 * without being used, used once to move the account (its old links and mail gone, a
 * notice queued to the old address, S24), refused when another account has the address;
 * a change racing a sign-up for the same address ends with one account owning it.
 */
import { beforeEach, expect, it } from "vitest";
import type { NoticeEntry, OutboxEntry, Store } from "../../core/ports.js";
import { MINUTE, newSession, T0, unique, type StoreCases } from "./helpers.contract.js";

const HOUR = 60 * MINUTE;
const entry = (at = T0): OutboxEntry => ({ id: unique("mail"), sealed: "sealed", leaseOwner: "asker", leaseUntil: at + MINUTE, nextAttemptAt: at });
const notice = (at = T0): NoticeEntry => ({ ...entry(at), expiresAt: at + 24 * HOUR });

export function emailChangeCases({ current, link, signUp }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  async function ask(accountId: string, newEmail: string, at = T0 + 2 * MINUTE, perHour = 3) {
    const tokenHash = unique("change");
    const result = await store.createEmailChange({ accountId, newEmail, tokenHash, now: at, expiresAt: at + HOUR, perHour, mail: entry(at) });
    return { tokenHash, result };
  }
  const confirm = (tokenHash: string, at = T0 + 3 * MINUTE, marker = unique("marker")) =>
    store.confirmEmailChange({ tokenHash, now: at, marker, notice: notice(at) });

  it("S24: moves the account to the new address through its link, once, with a notice to the old one, its old links and sessions gone", async () => {
    const account = await signUp("old@example.com");
    const [session] = await store.listSessions(account.id, T0 + 2 * MINUTE);
    const pending = await link("old@example.com", T0 + 2 * MINUTE, entry(T0 + 2 * MINUTE));
    const { tokenHash, result } = await ask(account.id, "new@example.com");
    expect(result).toEqual({ ok: true });
    expect(await store.inspectEmailChange(tokenHash, T0 + 3 * MINUTE)).toEqual({
      status: "valid",
      newEmail: "new@example.com",
      currentEmail: "old@example.com",
      expiresAt: T0 + 2 * MINUTE + HOUR,
    });
    // Reading it changed nothing.
    expect((await store.findAccount({ id: account.id }))?.email).toBe("old@example.com");

    const moved = await confirm(tokenHash);
    expect(moved).toEqual({ ok: true, account: { ...account, email: "new@example.com" }, previousEmail: "old@example.com" });
    expect(await store.findAccount({ email: "new@example.com" })).toEqual({ ...account, email: "new@example.com" });
    expect(await store.findAccount({ email: "old@example.com" })).toBeNull();
    expect(await store.inspectLinkToken(pending.tokenHash, "login", T0 + 3 * MINUTE)).toEqual({ status: "invalid" });
    expect(await store.findSession(session!.idHash, T0 + 3 * MINUTE)).toBeNull();
    expect(await store.inspectEmailChange(tokenHash, T0 + 4 * MINUTE)).toEqual({ status: "used" });
    expect(await confirm(tokenHash, T0 + 4 * MINUTE)).toEqual({ ok: false, reason: "used" });
    expect(await store.findInvariantViolations()).toEqual([]);

    // Left in the outbox: the change's link (to the new address) and the notice (to the old); the old login link's mail is gone.
    const { claimed } = await store.claimMail({ owner: "deliverer", now: T0 + 10 * MINUTE, leaseUntil: T0 + 11 * MINUTE, limit: 10 });
    expect(claimed.map((m) => [m.kind, m.to]).sort()).toEqual([
      ["account", "old@example.com"],
      ["email_change", "new@example.com"],
    ]);
    // The old address is free: a link to it is a sign-up link now.
    expect((await link("old@example.com", T0 + 5 * MINUTE)).created).toMatchObject({ ok: true, kind: "signup" });
  });

  it("refuses a change whose address another account has (nothing changes), an expired link, and an unknown one", async () => {
    const account = await signUp("kim@example.com");
    await signUp("lee@example.com");
    const { tokenHash } = await ask(account.id, "lee@example.com");
    expect(await confirm(tokenHash)).toEqual({ ok: false, reason: "taken" });
    expect((await store.findAccount({ id: account.id }))?.email).toBe("kim@example.com");
    expect((await ask(account.id, "kim2@example.com")).result).toEqual({ ok: true });
    const late = await ask(account.id, "kim3@example.com");
    expect(await confirm(late.tokenHash, T0 + 2 * MINUTE + HOUR)).toEqual({ ok: false, reason: "expired" });
    expect(await store.inspectEmailChange(late.tokenHash, T0 + 2 * MINUTE + HOUR)).toEqual({ status: "expired" });
    expect(await confirm("no-such-change")).toEqual({ ok: false, reason: "invalid" });
    expect(await store.inspectEmailChange("no-such-change", T0)).toEqual({ status: "invalid" });
    expect(await store.findInvariantViolations()).toEqual([]);
  });

  it("allows a few changes per account per hour, then says when the next one is allowed", async () => {
    const account = await signUp("max@example.com");
    for (let i = 0; i < 3; i++) expect((await ask(account.id, `max${i}@example.com`, T0 + (2 + i) * MINUTE)).result).toEqual({ ok: true });
    const refused = await ask(account.id, "max9@example.com", T0 + 10 * MINUTE);
    expect(refused.result).toEqual({ ok: false, reason: "rate_limited", retryAt: T0 + 2 * MINUTE + HOUR });
    expect(await store.inspectEmailChange(refused.tokenHash, T0 + 10 * MINUTE)).toEqual({ status: "invalid" });
    expect((await ask(account.id, "max9@example.com", T0 + 3 * MINUTE + HOUR)).result).toEqual({ ok: true });
    expect((await ask("no-such-account", "x@example.com")).result).toEqual({ ok: false, reason: "no_account" });
  });

  it("a change racing a sign-up for the same new address ends with one account owning it", async () => {
    for (let round = 0; round < 5; round++) {
      const target = `taken-${round}@example.com`;
      const account = await signUp(`mover-${round}@example.com`);
      const { tokenHash } = await ask(account.id, target);
      const signup = await link(target, T0 + 2 * MINUTE);
      const [moved, created] = await Promise.all([
        confirm(tokenHash),
        store.completeSignup({
          key: { tokenHash: signup.tokenHash },
          now: T0 + 3 * MINUTE,
          account: { id: unique("account"), name: null, profile: {} },
          session: newSession(T0 + 3 * MINUTE),
        }),
      ]);
      expect([moved.ok, created.ok].filter(Boolean)).toHaveLength(1);
      const owner = await store.findAccount({ email: target });
      expect(owner?.id).toBe(moved.ok ? account.id : created.ok ? created.account.id : "none");
    }
    expect(await store.findInvariantViolations()).toEqual([]);
  });

  it("deleting an account takes its pending changes and their mail with it", async () => {
    const account = await signUp("zed@example.com");
    const { tokenHash } = await ask(account.id, "zed-new@example.com");
    expect((await store.deleteAccount({ accountId: account.id, now: T0 + 3 * MINUTE })).ok).toBe(true);
    expect(await store.inspectEmailChange(tokenHash, T0 + 3 * MINUTE)).toEqual({ status: "invalid" });
    const { claimed } = await store.claimMail({ owner: "deliverer", now: T0 + 10 * MINUTE, leaseUntil: T0 + 11 * MINUTE, limit: 10 });
    expect(claimed.filter((m) => m.kind === "email_change")).toEqual([]);
    expect(await store.findInvariantViolations()).toEqual([]);
  });
}
