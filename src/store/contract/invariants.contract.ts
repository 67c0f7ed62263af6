/** Purging (only what expired before the cut-off), the invariants after all of it, and the ping. */
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../core/ports.js";
import { MINUTE, newSession, T0, unique, type StoreCases } from "./helpers.contract.js";

export function purgeCases({ current, link }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  it("purging removes only rows that expired before the cut-off", async () => {
    const old = await link("old@example.com", T0 - 30 * 24 * 60 * MINUTE);
    const fresh = await link("new@example.com");
    const purged = await store.purgeExpired(T0 - 7 * 24 * 60 * MINUTE);
    expect(purged.linkTokens).toBe(1);
    expect(await store.inspectLinkToken(old.tokenHash, "signup", T0)).toEqual({ status: "invalid" });
    expect((await store.inspectLinkToken(fresh.tokenHash, "signup", T0)).status).toBe("valid");
  });
}

export function invariantCases({ current, link, signUp }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  it("after sign-ups, logins, races, codes, approvals and purges, every invariant holds", async () => {
    await signUp("inv@example.com");
    const { tokenHash } = await link("inv@example.com");
    await Promise.all(Array.from({ length: 10 }, () => store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session: newSession() })));
    const tokens = await Promise.all(Array.from({ length: 4 }, () => link("twin@example.com")));
    await Promise.all(
      tokens.map(({ tokenHash: hash }) =>
        store.completeSignup({ key: { tokenHash: hash }, now: T0, account: { id: unique("account"), name: null, profile: {} }, session: newSession() }),
      ),
    );
    await store.purgeExpired(T0);
    expect(await store.findInvariantViolations()).toEqual([]);
  });

  it("answers a ping", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("tells the schema version applied and the newest known: the same once migrated", async () => {
    const { current, latest } = await store.checkSchema();
    expect(latest).toBeGreaterThanOrEqual(6);
    expect(current).toBe(latest);
  });
}
