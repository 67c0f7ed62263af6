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

  it("S19: sessions end at the idle or absolute timeout, can be extended, and deleted", async () => {
    await signUp("max@example.com");
    const { tokenHash } = await link("max@example.com");
    const session = newSession();
    await store.redeemLoginToken({ tokenHash, now: T0, session });
    expect(await store.findSession(session.idHash, session.idleExpiresAt - 1)).not.toBeNull();
    expect(await store.findSession(session.idHash, session.idleExpiresAt)).toBeNull();
    await store.extendSession(session.idHash, session.absoluteExpiresAt + MINUTE);
    expect(await store.findSession(session.idHash, session.idleExpiresAt + MINUTE)).not.toBeNull();
    expect(await store.findSession(session.idHash, session.absoluteExpiresAt)).toBeNull();
    await store.deleteSession(session.idHash);
    expect(await store.findSession(session.idHash, T0)).toBeNull();
  });
}
