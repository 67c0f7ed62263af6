/** Sessions: a login replaces the browser's earlier one (S17); timeouts, extension, logout (S19). */
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../core/ports.js";
import { MINUTE, newSession, T0, type StoreCases } from "./helpers.contract.js";

export function sessionCases({ current, link, signUp }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  it("S17: logging in drops the browser's earlier session, but a failed login keeps it", async () => {
    await signUp("lou@example.com");
    const before = newSession();
    const first = await link("lou@example.com");
    await store.redeemLoginToken({ tokenHash: first.tokenHash, now: T0, session: before });
    const failed = await store.redeemLoginToken({ tokenHash: first.tokenHash, now: T0, session: newSession(), replacedSessionHash: before.idHash });
    expect(failed.ok).toBe(false);
    expect(await store.findSession(before.idHash, T0)).not.toBeNull();
    const second = await link("lou@example.com");
    const after = newSession();
    const ok = await store.redeemLoginToken({ tokenHash: second.tokenHash, now: T0, session: after, replacedSessionHash: before.idHash });
    expect(ok.ok).toBe(true);
    expect(await store.findSession(before.idHash, T0)).toBeNull();
    expect(await store.findSession(after.idHash, T0)).not.toBeNull();
  });

  it("S19: sessions end at the idle or absolute timeout, are extended when touched, and deleted", async () => {
    await signUp("max@example.com");
    const { tokenHash } = await link("max@example.com");
    const session = newSession();
    await store.redeemLoginToken({ tokenHash, now: T0, session });
    expect(await store.findSession(session.idHash, session.idleExpiresAt - 1)).not.toBeNull();
    expect(await store.findSession(session.idHash, session.idleExpiresAt)).toBeNull();
    // A touch moves the idle expiry, but never past the absolute one.
    const at = session.idleExpiresAt - MINUTE;
    const touched = await store.findSession(session.idHash, at, { staleBefore: at, idleExpiresAt: session.absoluteExpiresAt + MINUTE });
    expect(touched?.session).toMatchObject({ lastUsedAt: at, idleExpiresAt: session.absoluteExpiresAt });
    expect(await store.findSession(session.idHash, session.idleExpiresAt + MINUTE)).not.toBeNull();
    expect(await store.findSession(session.idHash, session.absoluteExpiresAt)).toBeNull();
    await store.deleteSession(session.idHash);
    expect(await store.findSession(session.idHash, T0)).toBeNull();
  });

  it("keeps the browser and network of a login, and marks its use only when the last mark is older than asked", async () => {
    await signUp("ula@example.com");
    const { tokenHash } = await link("ula@example.com");
    const session = newSession(T0, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0", network: "198.51.100.x" });
    await store.redeemLoginToken({ tokenHash, now: T0, session });
    const found = await store.findSession(session.idHash, T0 + MINUTE);
    expect(found?.session).toMatchObject({ userAgent: session.userAgent, network: "198.51.100.x", lastUsedAt: T0, createdAt: T0 });
    // Used a minute ago, so a touch that asks for marks older than two minutes writes nothing.
    const fresh = await store.findSession(session.idHash, T0 + 2 * MINUTE, { staleBefore: T0 - MINUTE, idleExpiresAt: T0 + 90 * MINUTE });
    expect(fresh?.session).toMatchObject({ lastUsedAt: T0, idleExpiresAt: session.idleExpiresAt });
    const stale = await store.findSession(session.idHash, T0 + 10 * MINUTE, { staleBefore: T0 + 5 * MINUTE, idleExpiresAt: T0 + 70 * MINUTE });
    expect(stale?.session).toMatchObject({ lastUsedAt: T0 + 10 * MINUTE, idleExpiresAt: T0 + 70 * MINUTE });
    // An ended session is not brought back by a touch.
    expect(await store.findSession(session.idHash, T0 + 200 * MINUTE, { staleBefore: T0 + 200 * MINUTE, idleExpiresAt: T0 + 300 * MINUTE })).toBeNull();
  });

  it("lists an account's live sessions, the most recently used first, and ends one, all but one, or all", async () => {
    const account = await signUp("vic@example.com");
    const other = await signUp("wen@example.com");
    const sessions = [];
    for (const [i, at] of [T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + 4 * MINUTE].entries()) {
      const { tokenHash } = await link("vic@example.com", at);
      const session = newSession(at, { userAgent: `agent ${i}` });
      await store.redeemLoginToken({ tokenHash, now: at, session });
      sessions.push(session);
    }
    const listed = await store.listSessions(account.id, T0 + 5 * MINUTE);
    // The sign-up's own session (T0 + 1 min) and the three logins, newest use first.
    expect(listed.map((s) => s.userAgent)).toEqual(["agent 2", "agent 1", "agent 0", null]);
    expect(listed.every((s) => s.accountId === account.id)).toBe(true);
    expect(await store.listSessions(account.id, T0 + 200 * MINUTE)).toEqual([]);

    // Another account's session is out of reach, whatever its id.
    const [wens] = await store.listSessions(other.id, T0 + 5 * MINUTE);
    expect(await store.deleteSessions(account.id, { only: wens!.idHash })).toBe(0);
    expect(await store.findSession(wens!.idHash, T0 + 5 * MINUTE)).not.toBeNull();

    expect(await store.deleteSessions(account.id, { only: sessions[0]!.idHash })).toBe(1);
    expect(await store.deleteSessions(account.id, { except: sessions[2]!.idHash })).toBe(2);
    expect((await store.listSessions(account.id, T0 + 5 * MINUTE)).map((s) => s.idHash)).toEqual([sessions[2]!.idHash]);
    expect(await store.deleteSessions(account.id, "all")).toBe(1);
    expect(await store.listSessions(account.id, T0 + 5 * MINUTE)).toEqual([]);
    expect(await store.findSession(wens!.idHash, T0 + 5 * MINUTE)).not.toBeNull();
  });
}
